"""The number of SQL queries of every page does not grow with the data (issue #12).

The national dataset (`akademia/demo/national.py`) is built twice in one region, small and
larger, inside transactions that are rolled back; the page benchmark's crawler follows every
link as each role (from the home page, whose panels differ by role), and each page's query
count per URL pattern must be the same at both sizes.
"""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.demo.national import DOMAIN, load_national
from akademia.planning.models import Trainer
from bench.pages import crawl, route

# Pages whose count still grows with the data: each is a finding of the page benchmark that
# issue #12 fixes; remove a page from here when its count is constant.
KNOWN_GROWING: set[str] = set()


def _counts(client) -> dict[str, int]:
    counts = {}
    for path in crawl(client):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        name = route(path)
        counts[name] = max(counts.get(name, 0), len(captured))
    return counts


def _trainer() -> User:
    """A trainer's account for the first trainer of the region's published plan (the dataset
    makes trainers without accounts)."""
    user = make_user(f"trener@{DOMAIN}", Role.TRAINER, voivodeships=["24"])
    Trainer.objects.filter(pk=Trainer.objects.order_by("pk").values("pk")[:1]).update(user=user)
    return user


def _measure(jst: int, comments: int) -> dict[str, dict[str, int]]:
    with transaction.atomic():
        load_national(jst=jst, comments=comments, voivodeships=["24"], log=lambda _line: None)
        coordinator = (
            User.objects.filter(email__startswith="koordynator@").order_by("email").first()
        )
        people = {
            "national": User.objects.get(email=f"krajowy@{DOMAIN}"),
            "regional": User.objects.get(email=f"operator.24@{DOMAIN}"),
            "coordinator": coordinator,
            "expert": User.objects.get(email=f"ekspert@{DOMAIN}"),
            "trainer": _trainer(),
            "participant": make_user(
                f"uczestnik@{DOMAIN}", Role.PARTICIPANT, jst=coordinator.jst.code
            ),
        }
        result = {}
        for role, user in people.items():
            client = Client()
            client.force_login(user)
            result[role] = _counts(client)
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db(transaction=False)
def test_query_counts_do_not_grow_with_the_data(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    small = _measure(jst=6, comments=12)
    large = _measure(jst=14, comments=40)
    growing = sorted(
        f"{role}: {name} {small[role][name]} → {count}"
        for role, pages in large.items()
        for name, count in pages.items()
        if name in small[role] and count > small[role][name] and name not in KNOWN_GROWING
    )
    assert small["regional"], "the crawler found no page"
    assert not growing, "queries grow with the data:\n" + "\n".join(growing)
