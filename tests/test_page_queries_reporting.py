"""The monitoring pages take the same number of SQL queries whatever the size of the data
(issue #15): the national dataset of one region (`demo/national.py`, its training under way)
is built small and larger, in transactions rolled back, and every reporting page is requested
by name as the national and the regional operator, unfiltered and filtered."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akademia.accounts.models import User
from akademia.demo.national import DOMAIN, load_national
from akademia.recruitment.models import Project


def _pages(project: int) -> list[tuple[str, str]]:
    filtered = f"projekt={project}&rodzaj=rural&profil=management"
    table = reverse("reporting:table-export", args=["projects", "csv"])
    return [
        ("dashboard", reverse("reporting:dashboard")),
        ("dashboard filtered", f"{reverse('reporting:dashboard')}?{filtered}"),
        ("people started", f"{reverse('reporting:people')}?etap=started"),
        ("people certified filtered", f"{reverse('reporting:people')}?etap=certified&{filtered}"),
        ("JST reached", reverse("reporting:jst-list")),
        ("table CSV", table),
        ("all tables XLSX", reverse("reporting:table-export", args=["wszystko", "xlsx"])),
        ("county map", reverse("reporting:map-areas", args=["powiaty"])),
        ("JST points", reverse("reporting:map-points")),
        ("targets", reverse("reporting:targets")),
        ("monthly PDF", reverse("reporting:monthly-report", args=[project, "pdf"])),
        ("monthly DOCX", reverse("reporting:monthly-report", args=[project, "docx"])),
        ("public page", reverse("progress:public")),
        ("open data", reverse("progress:open-data")),
    ]


def _empty_page(response) -> int:
    """Django reads no rows for an empty page of a list: count the query it saves, so that an
    empty list in the small dataset compares with a filled one in the larger."""
    page = (response.context or {}).get("page")
    return int(page is not None and page.paginator.count == 0)


def _measure(jst: int) -> dict[str, int]:
    with transaction.atomic():
        load_national(jst=jst, comments=0, voivodeships=["24"], log=lambda _line: None)
        project = Project.objects.get(voivodeship__code="24").pk
        counts = {}
        for role in ("krajowy", "operator.24"):
            client = Client()
            client.force_login(User.objects.get(email=f"{role}@{DOMAIN}"))
            for label, path in _pages(project):
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path)
                assert response.status_code == 200, f"{role}: {label}"
                counts[f"{role}: {label}"] = len(captured) + _empty_page(response)
        transaction.set_rollback(True)
    return counts


@pytest.mark.django_db(transaction=False)
def test_reporting_queries_do_not_grow_with_the_data(settings, tmp_path, steady_sessions):
    settings.MEDIA_ROOT = tmp_path
    small, large = _measure(jst=10), _measure(jst=24)
    growing = [f"{name}: {small[name]} → {n}" for name, n in large.items() if n != small[name]]
    assert not growing, "queries change with the data:\n" + "\n".join(growing)
