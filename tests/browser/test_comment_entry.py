"""An operator types comments during a meeting with the keyboard only (fast entry, htmx)."""

import re
from datetime import date

from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.consultations import services
from akademia.consultations.nlp import default_model
from akademia.programmes import services as programmes
from akademia.territory.models import Jst


def _meeting(expert, national):
    # The starter classifier is trained once per process (seconds); train it before the clock
    # of the first expectation runs, as a warm server process would have it.
    default_model()
    version = programmes.programme_create(
        actor=expert, title="Finanse JST", goal="Lepsze budżety", target_kinds=["rural"]
    )
    version = programmes.version_set_status(
        actor=national, version=version, status="in_consultation"
    )
    consultation = services.round_create(actor=national, version=version, title="Konsultacje")
    return services.meeting_add(
        actor=national,
        consultation=consultation,
        kind="rural",
        place=Jst.objects.get(code="2409023"),
        start_date=date(2017, 1, 12),
        end_date=date(2017, 1, 13),
    )


def test_operator_types_two_comments_with_the_keyboard(
    page, live_server, login, axe, expert, national
):
    meeting = _meeting(expert, national)
    login(national, PASSWORD)
    page.goto(f"{live_server.url}/konsultacje/spotkanie/{meeting.pk}/wpisywanie/")
    axe(page)
    text = page.locator("#id_text")
    expect(text).to_be_focused()

    page.keyboard.type("Grupy szkoleniowe powinny liczyć najwyżej 20 osób.")
    page.keyboard.press("Control+Enter")
    items = page.locator("#comments > li")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text(re.compile(r"\b1\b"))
    expect(items.first).to_contain_text("najwyżej 20 osób")
    expect(page.locator("#id_text")).to_be_focused()
    expect(page.locator("#id_text")).to_have_value("")

    page.keyboard.type("Zjazdy w piątki i soboty, nie w poniedziałki.")
    page.keyboard.press("Control+Enter")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text(re.compile(r"\b2\b"))
    expect(items.first).to_contain_text("piątki i soboty")
    expect(items.nth(1)).to_contain_text("najwyżej 20 osób")
    expect(page.locator("#fast-entry-status")).to_contain_text("2")
    expect(page.locator("#id_text")).to_be_focused()
    axe(page)
    assert list(meeting.comments.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_an_empty_comment_shows_the_error_at_the_field(
    page, live_server, login, axe, expert, national
):
    meeting = _meeting(expert, national)
    login(national, PASSWORD)
    page.goto(f"{live_server.url}/konsultacje/spotkanie/{meeting.pk}/wpisywanie/")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#id_text")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_text")).to_be_focused()
    expect(page.locator("#comments > li")).to_have_count(0)
    axe(page)
