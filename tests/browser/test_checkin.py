"""QR self check-in in Chromium: a participant on a 390×844 phone opens the link the QR code
holds, confirms with one tap and sees their attendance recorded; the trainer's page with the
QR code and the participant's page pass axe at 1366 and 390 px without sideways scrolling, and
the trainer's page shows the next minute's code by itself.

The clock is set to 9:05 of the meeting's day (django.utils.timezone.now replaced, also for the
live server's threads, which run in this process): the code and the day's hours hold whatever
the hour the suite runs at."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.delivery import checkin
from akademia.delivery.models import AttendanceChange, AttendanceMark, TrainingDay
from akademia.delivery.tests.factories import training

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 900}


@pytest.fixture
def day(national, regional, expert, trainer, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    group = training(national, regional, expert, trainer, days=1)
    day = TrainingDay.objects.get(meeting__group=group)
    moment = dt.datetime.combine(day.date, dt.time(9, 5), tzinfo=ZoneInfo("Europe/Warsaw"))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return day


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_participant_checks_in_on_a_phone(page, live_server, login, axe, day):
    person = day.meeting.group.participants.order_by("pk").first()
    code = checkin.current_code(day.pk, timezone.now())
    page.set_viewport_size(PHONE)
    login(person.user, PASSWORD)
    page.goto(live_server.url + checkin.path(day.pk, code))
    expect(page.get_by_role("heading", level=1)).to_have_text("Potwierdź moją obecność")
    expect(page.get_by_label("Kod")).to_have_value(code)
    assert _overflow(page) <= 0, "the check-in page scrolls sideways on a phone"
    axe(page)

    page.get_by_role("button", name="Potwierdź moją obecność").click()
    done = page.locator("#checkin-done")
    expect(done).to_contain_text("Twoja dzisiejsza obecność jest zapisana: obecny")
    expect(page.locator(".messages")).to_contain_text("Twoja obecność jest potwierdzona")
    assert _overflow(page) <= 0
    axe(page)
    mark = AttendanceMark.objects.get(day=day, participant=person)
    assert (mark.status, mark.marked_by) == ("present", person.user)
    assert AttendanceChange.objects.get(mark=mark).source == "self_check_in"

    page.set_viewport_size(WIDE)
    page.reload()
    expect(done).to_be_visible()
    axe(page)


def test_the_trainers_qr_page_changes_its_code_and_passes_axe_wide_and_on_a_phone(
    page, live_server, login, axe, trainer, day, monkeypatch
):
    login(trainer, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/dni/{day.pk}/")
    page.get_by_role("link", name="Kod QR do samodzielnego potwierdzenia obecności").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kod QR do samodzielnego potwierdzenia obecności"
    )
    code = checkin.current_code(day.pk, timezone.now())
    for size in (WIDE, PHONE):
        page.set_viewport_size(size)
        figure = page.locator(".checkin-figure")
        expect(
            figure.get_by_role("img", name="Kod QR potwierdzenia obecności w tym dniu")
        ).to_be_visible()
        expect(figure).to_contain_text(f"{code[:3]} {code[3:]}")
        box = figure.locator("svg").bounding_box()
        assert box["width"] >= min(size["width"] * 0.8, 300), "the QR code is too small to scan"
        assert _overflow(page) <= 0, f"the QR page scrolls sideways at {size['width']} px"
        axe(page)

    # A minute later the page shows the new code by itself (htmx asks every 10 seconds).
    later = timezone.now() + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    new = checkin.current_code(day.pk, later)
    expect(page.locator(".checkin-code-text")).to_have_text(f"{new[:3]} {new[3:]}")


def _both_widths(page, axe):
    for size in (WIDE, PHONE):
        page.set_viewport_size(size)
        assert _overflow(page) <= 0, f"{page.url} scrolls sideways at {size['width']} px"
        axe(page)
    page.set_viewport_size(WIDE)


def test_the_trainer_sets_the_hours_and_the_operator_reopens_the_closed_list(
    page, live_server, login, axe, trainer, regional, day
):
    from akademia.delivery import services

    login(trainer, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/dni/{day.pk}/")
    page.get_by_role("link", name="Zmień godziny").click()
    page.get_by_label("Początek zajęć").fill("08:30")
    page.get_by_label("Koniec zajęć").fill("08:00")
    page.get_by_role("button", name="Zapisz godziny").click()
    expect(page.locator("form.narrow")).to_contain_text("Zajęcia muszą kończyć się później")
    _both_widths(page, axe)
    page.get_by_label("Koniec zajęć").fill("15:00")
    page.get_by_role("button", name="Zapisz godziny").click()
    expect(page.locator(".facts")).to_contain_text("08:30–15:00")

    people = day.meeting.group.participants.all()
    marks = [services.MarkInput(p.pk, "present") for p in people]
    services.attendance_record(actor=trainer, day=day, marks=marks)
    services.day_close(actor=trainer, day=day)

    login(regional, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/dni/{day.pk}/")
    page.get_by_role("link", name="Otwórz listę ponownie").click()
    page.get_by_label("Powód ponownego otwarcia listy").fill("Trener pomylił dwie osoby")
    _both_widths(page, axe)
    page.get_by_role("button", name="Dalej: sprawdź, co się stanie").click()
    expect(page.locator("#confirm-effects")).to_contain_text("Trener pomylił dwie osoby")
    _both_widths(page, axe)
    page.get_by_role("button", name="Otwórz listę ponownie").click()
    expect(page.locator(".messages")).to_contain_text("Lista jest znowu otwarta")
    history = page.get_by_role("table", name="Zamknięcia, ponowne otwarcia i godziny dnia")
    expect(history).to_contain_text("otwarta ponownie")
    expect(history).to_contain_text("Trener pomylił dwie osoby")
    _both_widths(page, axe)
    assert not TrainingDay.objects.get(pk=day.pk).is_closed
