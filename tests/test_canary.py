"""Canary leakage: markers written into one voivodeship's data reach no one scoped to another.

The national dataset is built in two regions (Śląskie, the people's own, and Łódzkie, the other)
through the services. Then every free-text column of every row that belongs to Łódzkie (every
model whose `scope` leads to a voivodeship; the public TERYT registry aside) starts with a marker
naming its model. The Śląskie operator, trainer, coordinator and participant follow every link
from their home page (lists, details, reports, exports, job pages), also each list with a search
for the marker, and no answer may hold a marker: not in HTML, JSON, XLSX, DOCX or PDF text. Nor
may any e-mail queued for them. A model added later falls under this by its `scope`.
"""

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.models import OutboxEmail
from akademia.core.scope import ScopePaths
from akademia.demo.national import DOMAIN, load_national
from akademia.planning.models import Trainer
from akademia.territory.models import Voivodeship
from bench.pages import crawl
from tests.seeding import prefix_text, response_text

OWN, OTHER = "24", "10"  # śląskie, łódzkie
PUBLIC = {"territory"}  # the registry is public data: a JST's name is no secret
API_RESOURCES = {
    "programme",
    "version",
    "round",
    "comment",
    "decision",
    "project",
    "call",
    "group",
    "meeting",
}


def _marker(model) -> str:
    return f"kanarek{model._meta.model_name}"


def _seed_canaries(other: Voivodeship) -> list[str]:
    """Prefixes every free-text column of the other region's rows with its model's marker."""
    seeded = []
    for model in apps.get_models():
        paths = getattr(model, "scope", None)
        if not isinstance(paths, ScopePaths) or model._meta.app_label in PUBLIC:
            continue
        if not paths.voivodeship_paths:
            continue
        where = Q()
        for path in paths.voivodeship_paths:
            where |= Q(**{path: other})
        if prefix_text(model.objects.filter(where), _marker(model)):
            seeded.append(_marker(model))
    return seeded


def _people() -> dict[str, User]:
    coordinator = (
        User.objects.filter(email__startswith="koordynator@", jst__voivodeship__code=OWN)
        .order_by("email")
        .first()
    )
    trainer = make_user(f"trener@{DOMAIN}", Role.TRAINER, voivodeships=[OWN])
    own_trainer = Trainer.objects.filter(project__voivodeship__code=OWN).order_by("pk").first()
    Trainer.objects.filter(pk=own_trainer.pk).update(user=trainer)
    return {
        "regional": User.objects.get(email=f"operator.{OWN}@{DOMAIN}"),
        "trainer": trainer,
        "coordinator": coordinator,
        "participant": make_user(f"uczestnik@{DOMAIN}", Role.PARTICIPANT, jst=coordinator.jst.code),
    }


def _api_paths(client) -> list[str]:
    """Every list of the REST API (a page of 200 rows), each listed row's own URL and the
    indicators: the API
    answers the signed-in person's session as their token would (akademia/api)."""
    paths = [reverse("api:indicators")]
    for resource in sorted(API_RESOURCES):
        url = reverse(f"api:{resource}-list") + "?page_size=200"
        response = client.get(url)
        paths.append(url)
        if response.status_code == 200:
            paths += [
                reverse(f"api:{resource}-detail", args=[row["id"]])
                for row in response.json()["results"]
            ]
    return paths


def _leaks(client, markers) -> list[str]:
    found = []
    for path in crawl(client):
        paths = [path] if "?" in path else [path, f"{path}?q=kanarek"]
        for url in paths:
            response = client.get(url)
            text = response_text(response).lower()
            found += [f"{url}: {m}" for m in markers if m in text]
    for url in _api_paths(client):
        text = response_text(client.get(url)).lower()
        found += [f"{url}: {m}" for m in markers if m in text]
    return found


@pytest.mark.django_db(transaction=False)
def test_no_marker_of_another_voivodeship_reaches_anyone_scoped_to_one(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with transaction.atomic():
        load_national(jst=8, comments=0, voivodeships=[OWN, OTHER], log=lambda _line: None)
        markers = _seed_canaries(Voivodeship.objects.get(code=OTHER))
        assert {"kanarekapplication", "kanarekteammember", "kanarekuser"} <= set(markers)
        people = _people()
        leaks = []
        for role, user in people.items():
            client = Client()
            client.force_login(user)
            leaks += [f"{role} {leak}" for leak in _leaks(client, markers)]
        mail = OutboxEmail.objects.filter(to__in=[u.email for u in people.values()])
        leaks += [
            f"e-mail to {m.to}: {marker}"
            for m in mail
            for marker in markers
            if marker in (m.subject + m.body).lower()
        ]
        # The control: the national operator, who may see both regions, does meet the markers,
        # so they are where a leak would show.
        national = Client()
        national.force_login(User.objects.get(email=f"krajowy@{DOMAIN}"))
        national_leaks = _leaks(national, markers)
        seen = {leak.rsplit(": ", 1)[1] for leak in national_leaks}
        transaction.set_rollback(True)
    assert leaks == []
    assert {"kanarekapplication", "kanarekteammember", "kanarekproject"} <= seen, seen
    # The API's lists are read too: the national operator meets the markers there.
    api_seen = {leak.split(": ", 1)[0] for leak in national_leaks if "/api/v1/" in leak}
    assert any("/api/v1/projekty/" in url for url in api_seen), api_seen
