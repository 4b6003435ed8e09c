"""Public pages show no personal data.

A small national dataset (two regions, training under way, a consultation round) is built
through the services; then every column the personal-data register lists as personal
(`core/personal_data.py`: names, e-mails, positions, identifiers...) gets a marker naming its
field, written before the value where it fits, or as the whole value of a short column (an
identifier such as a PESEL). A visitor without an account follows every link from the home page
(catalogue, consultation reports, open calls, progress map, open data, with their exports)
and no answer may hold a marker. A field added to the register later falls under this by
itself. The control: the national operator, signed in, does meet the markers.
"""

import hashlib

import pytest
from django.apps import apps
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.test import Client

from akademia.accounts.models import User
from akademia.core.personal_data import REGISTER
from akademia.demo.national import DOMAIN, load_national
from bench.pages import crawl, route
from tests.seeding import response_text

PREFIX = "osobowe"


def _marker(key: str) -> str:
    """Eleven characters, so that it fits a PESEL's column too."""
    return PREFIX + hashlib.sha256(key.encode()).hexdigest()[:4]


def _text_field(key: str):
    app, model_name, field_name = key.split(".")
    field = apps.get_model(app, model_name)._meta.get_field(field_name)
    text = isinstance(field, (models.CharField, models.TextField)) and not field.choices
    # A unique e-mail stays unique with a prefix; other unique columns are identifiers.
    unique = field.unique and not isinstance(field, models.EmailField)
    return field if text and not unique and field.name != "password" else None


def _mark(rows, field, marker: str) -> int:
    if field.max_length and field.max_length < 40:
        return rows.update(**{field.name: marker[: field.max_length]})
    keep = (field.max_length or 10_000) - len(marker) - 1
    return rows.update(**{field.name: Concat(Value(f"{marker} "), Substr(field.name, 1, keep))})


def _seed_markers() -> dict[str, str]:
    """Marks every registered personal text column of every row; marker -> field."""
    seeded = {}
    for key in REGISTER:
        if key.startswith("core.AuditEntry."):
            continue  # append-only (refused on PostgreSQL), and never on a public page
        field = _text_field(key)
        if field is None:
            continue
        marker = _marker(key)
        if _mark(field.model.objects.exclude(**{field.name: ""}), field, marker):
            seeded[marker] = key
    return seeded


def _found(client, markers, visited=None) -> list[str]:
    found = []
    for path in crawl(client):
        if visited is not None:
            visited.add(route(path))
        text = response_text(client.get(path)).lower()
        found += [f"{path}: {markers[m]}" for m in markers if m in text]
    return found


@pytest.mark.django_db(transaction=False)
def test_no_personal_data_reaches_a_visitor_without_an_account(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with transaction.atomic():
        load_national(jst=8, comments=30, voivodeships=["24", "10"], log=lambda _line: None)
        operator = User.objects.get(email=f"krajowy@{DOMAIN}")
        markers = _seed_markers()
        assert {"recruitment.TeamMember.full_name", "accounts.User.email"} <= set(markers.values())
        public = set()
        leaks = _found(Client(), markers, public)
        national = Client()
        national.force_login(operator)
        seen = {leak.rsplit(": ", 1)[1] for leak in _found(national, markers)}
        transaction.set_rollback(True)
    assert leaks == []
    assert {"programmes:catalogue", "consultations:report-list", "recruitment:open-calls"} <= public
    assert "recruitment.TeamMember.full_name" in seen, seen
