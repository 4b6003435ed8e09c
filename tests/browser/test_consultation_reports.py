"""The round summary and the public report in a real browser: the SVG chart shows under the
strict Content-Security-Policy (no violation reported), and both pages pass axe-core."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.consultations import services
from akademia.consultations.models import Block
from akademia.consultations.tests.test_reports import (
    AUTHOR_NAME,
    add_sample_comments,
)
from akademia.programmes.tests.factories import make_version
from akademia.territory.models import Jst

SEED_MIGRATION = "akademia.consultations.migrations.0002_seed_blocks_and_states"


@pytest.fixture
def seeded_taxonomy(registry):
    """Blocks and decision states again: a live-server test's flush removed the migration's."""
    if not Block.objects.exists():
        migration = importlib.import_module(SEED_MIGRATION)
        migration.seed(django_apps, None)


@pytest.fixture
def round_with_comments(seeded_taxonomy, national, expert, participant):
    """The round of akademia/consultations/tests/conftest.py, with the report tests' comments."""
    version = make_version(expert, national, "in_consultation")
    consultation = services.round_create(actor=national, version=version, title="Konsultacje")
    meeting = services.meeting_add(
        actor=national,
        consultation=consultation,
        kind="rural",
        place=Jst.objects.get(code="2409023"),
        start_date=date(2017, 1, 12),
        end_date=date(2017, 1, 13),
    )
    add_sample_comments(
        consultation=consultation,
        meeting=meeting,
        national=national,
        participant=participant,
        blocks={b.code: b for b in Block.objects.all()},
    )
    return consultation


@pytest.fixture
def csp_violations(page):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_operator_reads_the_summary_chart(
    page, live_server, login, axe, national, round_with_comments, csp_violations
):
    login(national, PASSWORD)
    page.goto(f"{live_server.url}/konsultacje/{round_with_comments.pk}/podsumowanie/")
    chart = page.locator("svg.chart")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 300
    expect(chart.locator("rect[fill='#1e6b34']").first).to_be_visible()
    expect(page.locator("table.figures").first).to_contain_text("Dni i godziny zjazdów/modułów")
    axe(page)
    assert csp_violations == []


def test_anyone_reads_the_report_of_a_closed_round(
    page, live_server, axe, national, round_with_comments, csp_violations
):
    services.round_set_status(actor=national, consultation=round_with_comments, status="closed")
    page.goto(f"{live_server.url}/konsultacje/{round_with_comments.pk}/raport/")
    expect(page.locator("table.comment-table")).to_contain_text("Grupy 16–25 osób")
    expect(page.locator("main")).not_to_contain_text(AUTHOR_NAME)
    expect(page.locator("svg.chart")).to_be_visible()
    axe(page)
    assert csp_violations == []
