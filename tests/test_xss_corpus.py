"""Stored XSS: markup typed into any free-text field renders as text everywhere.

The national dataset of one region (projects, applications with teams, plans, a consultation
with comments, blocks and decisions) is built through the services; then every free-text column
of every row of every model (the registry and the append-only audit log aside) starts with a
payload that is markup and a spreadsheet formula at once. Every role follows every link from
its home page: no HTML answer may hold the payload's markup unescaped, and no XLSX may hold it
as a formula. As a control, the escaped payload does show on pages and as text in
spreadsheets, so it reached what was checked. E-mails are plain text (core/outbox.py sends no
HTML part), and the maps put names in text nodes (tests/browser/test_map_text.py).
"""

import re

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.models import AuditEntry
from akademia.demo.national import DOMAIN, load_national
from akademia.planning.models import Trainer
from bench.pages import crawl
from tests.seeding import prefix_text, response_text

PAYLOAD = "=1+1 <script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
RAW = re.compile(r"<script>alert\(1\)|<img src=x onerror", re.IGNORECASE)
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
FORMULA = re.compile(r"<f>[^<]*1\+1")
PUBLIC = {"territory", "auth", "contenttypes", "sessions", "admin", "axes"}


def _people() -> dict[str, User]:
    coordinator = User.objects.filter(email__startswith="koordynator@").order_by("email").first()
    trainer = make_user(f"trener@{DOMAIN}", Role.TRAINER, voivodeships=["24"])
    Trainer.objects.filter(pk=Trainer.objects.order_by("pk").values("pk")[:1]).update(user=trainer)
    return {
        "national": User.objects.get(email=f"krajowy@{DOMAIN}"),
        "regional": User.objects.get(email=f"operator.24@{DOMAIN}"),
        "expert": User.objects.get(email=f"ekspert@{DOMAIN}"),
        "trainer": trainer,
        "coordinator": coordinator,
        "participant": make_user(f"uczestnik@{DOMAIN}", Role.PARTICIPANT, jst=coordinator.jst.code),
    }


@pytest.mark.django_db(transaction=False)
def test_markup_and_formulas_typed_anywhere_render_as_text(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    found, escaped_pages, text_cells, checked = [], 0, 0, 0
    with transaction.atomic():
        load_national(jst=6, comments=12, voivodeships=["24"], log=lambda _line: None)
        people = _people()
        for model in apps.get_models():
            if model._meta.app_label not in PUBLIC and model not in (User, AuditEntry):
                prefix_text(model.objects.all(), PAYLOAD)
        prefix_text(User.objects.exclude(pk__in=[u.pk for u in people.values()]), PAYLOAD)
        for role, user in people.items():
            client = Client()
            client.force_login(user)
            for path in crawl(client):
                response = client.get(path)
                text, kind = response_text(response), response.get("Content-Type", "")
                checked += 1
                if "html" in kind:
                    found += [f"{role} {path}: markup" for _ in RAW.findall(text)[:1]]
                    escaped_pages += ESCAPED in text
                elif "spreadsheet" in kind:
                    found += [f"{role} {path}: formula" for _ in FORMULA.findall(text)[:1]]
                    text_cells += "=1+1" in text
        transaction.set_rollback(True)
    assert found == [], "\n".join(found)
    assert checked > 100 and escaped_pages > 20 and text_cells > 0, (
        checked,
        escaped_pages,
        text_cells,
    )
