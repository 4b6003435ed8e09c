"""A participant's calendar in Chromium: the month on a 390 px phone is the list of the days
with a meeting (no sideways scrolling), on a wide screen a table; both pass axe. Making the
calendar address shows it on the page, and the address answers with an iCalendar feed. An
advisor's planned visit shows in their month and list at both widths."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.delivery.tests.factories import future_training

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def person(national, regional, expert, trainer):
    group = future_training(national, regional, expert, trainer)
    user = group.participants.order_by("pk").first().user
    user.set_password(PASSWORD)  # participants are invited: they have no password yet
    user.save(update_fields=["password"])
    return user, group.meetings.get()


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_participants_month_fits_a_phone(page, live_server, login, axe, person):
    user, meeting = person
    month = f"{live_server.url}/szkolenia/kalendarz/?miesiac={meeting.start_date:%Y-%m}"
    page.set_viewport_size(PHONE)
    login(user, PASSWORD)
    page.goto(month)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kalendarz")
    agenda = page.locator(".calendar-agenda")
    expect(agenda).to_be_visible()
    expect(page.locator("table.calendar-month")).to_be_hidden()
    expect(agenda.locator(".calendar-item")).to_have_count(2)  # the meeting's two days
    expect(agenda).to_contain_text(meeting.place.name)
    expect(agenda).to_contain_text(meeting.trainer.name)
    expect(agenda).to_contain_text(f"Moduł 1, grupa {meeting.group.code}")
    assert _overflow(page) <= 0, "the month scrolls sideways on a phone"
    axe(page)

    page.get_by_role("button", name="Utwórz adres mojego kalendarza").click()
    address = page.get_by_label("Adres Twojego kalendarza")
    expect(address).to_be_visible()
    assert _overflow(page) <= 0
    axe(page)
    feed = Client().get(address.input_value().removeprefix(live_server.url))
    assert feed.status_code == 200 and feed.content.startswith(b"BEGIN:VCALENDAR")

    page.goto(f"{live_server.url}/szkolenia/kalendarz/lista/")
    expect(page.locator(".calendar-list-item")).to_have_count(1)
    assert _overflow(page) <= 0
    axe(page)


def test_the_month_is_a_table_on_a_wide_screen(page, live_server, login, axe, person):
    user, meeting = person
    page.set_viewport_size(WIDE)
    login(user, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/kalendarz/?miesiac={meeting.start_date:%Y-%m}")
    table = page.get_by_role("table")
    expect(table).to_be_visible()
    expect(page.locator(".calendar-agenda")).to_be_hidden()
    expect(table.get_by_role("columnheader")).to_have_count(7)
    expect(table.locator(".calendar-item")).to_have_count(2)
    axe(page)


@pytest.fixture
def advisor_visit(national, regional, expert, trainer):
    """The trainer persona advises Koziegłowy and plans a visit of 1,5 h in ten days."""
    from akademia.delivery import services
    from akademia.delivery.tests.factories import advised, details

    assignment = advised(national, regional, expert, trainer)
    day = timezone.localdate() + dt.timedelta(days=10)
    return services.advisory_plan(
        actor=trainer, assignment=assignment, details=details(date=day, hours="1.5")
    )


def test_an_advisors_visit_shows_in_the_month_and_the_list(
    page, live_server, login, axe, trainer, advisor_visit
):
    title = "Doradztwo: Koziegłowy, Budżet zadaniowy"
    month = f"{live_server.url}/szkolenia/kalendarz/?miesiac={advisor_visit.date:%Y-%m}"
    page.set_viewport_size(PHONE)
    login(trainer, PASSWORD)
    page.goto(month)
    agenda = page.locator(".calendar-agenda")
    expect(agenda.locator(".calendar-item")).to_have_count(1)
    expect(agenda).to_contain_text(title)
    expect(agenda).to_contain_text("Godziny: 1,5")
    assert _overflow(page) <= 0, "the month scrolls sideways on a phone"
    axe(page)
    page.goto(f"{live_server.url}/szkolenia/kalendarz/lista/")
    expect(page.get_by_role("heading", name="Nadchodzące wizyty i sesje doradcze")).to_be_visible()
    expect(page.get_by_role("link", name=title)).to_be_visible()
    assert _overflow(page) <= 0
    axe(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(month)
    table = page.get_by_role("table")
    expect(table.locator(".calendar-item")).to_have_count(1)
    expect(table.get_by_role("link", name=title)).to_be_visible()
    axe(page)
