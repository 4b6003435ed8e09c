"""Attendance on a tablet in Chromium: the trainer marks today's group with the network gone;
the marks wait in the browser and reach the database exactly once when it is back (also when
the queue sends them twice). The list passes axe at 768×1024; on a 390 px phone the pages of
delivery do not scroll sideways."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.delivery.models import AttendanceChange, AttendanceMark, TrainingDay
from akademia.delivery.tests.factories import training

TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 390, "height": 844}
QUEUE = "akademia.attendance.queue"


@pytest.fixture
def group(national, regional, expert, trainer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return training(national, regional, expert, trainer)  # two teams of 4: 8 people


def _today(group):
    return TrainingDay.objects.get(meeting__group=group, date=timezone.localdate())


def test_marks_made_offline_reach_the_database_once(page, live_server, login, axe, trainer, group):
    day = _today(group)
    people = list(group.participants.order_by("jst__name", "full_name"))
    page.set_viewport_size(TABLET)
    login(trainer, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/dni/{day.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lista obecności")
    axe(page)

    page.get_by_role("link", name="Zaznacz wszystkich jako obecnych").click()
    absent = page.locator(f'.attendance-row[data-participant="{people[0].pk}"]')
    absent.get_by_label("nieobecny", exact=True).check()
    late = page.locator(f'.attendance-row[data-participant="{people[1].pk}"]')
    late.get_by_label("spóźnienie", exact=True).check()
    late.get_by_label("Uwagi lub powód usprawiedliwienia").fill("9:40")

    page.context.set_offline(True)
    page.get_by_role("button", name="Zapisz obecność").click()
    expect(page.locator("#sync-status")).to_contain_text("Brak połączenia")
    expect(page.locator("#sync-status")).to_contain_text("Czeka na wysłanie: 8")
    assert not AttendanceMark.objects.filter(day=day).exists()
    axe(page)

    # The queue survives in the browser; sent twice over (a retry after a lost answer), it
    # still counts once.
    page.evaluate(
        "key => { const q = JSON.parse(localStorage.getItem(key)); "
        "localStorage.setItem(key, JSON.stringify(q.concat(q))); }",
        QUEUE,
    )
    page.context.set_offline(False)
    expect(page.locator("#sync-status")).to_have_text("Wszystkie obecności są zapisane.")
    assert page.evaluate("key => JSON.parse(localStorage.getItem(key)).length", QUEUE) == 0
    marks = AttendanceMark.objects.filter(day=day)
    assert marks.count() == len(people)
    assert AttendanceChange.objects.filter(mark__day=day).count() == len(people)
    assert marks.get(participant=people[0]).status == "absent"
    assert (marks.get(participant=people[1]).status, marks.get(participant=people[1]).note) == (
        "late",
        "9:40",
    )
    assert set(marks.exclude(participant__in=people[:2]).values_list("status", flat=True)) == {
        "present"
    }

    page.reload()
    expect(page.locator(".attendance-saved")).to_have_count(len(people))
    axe(page)


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_the_pages_fit_a_phone(page, live_server, login, axe, trainer, group):
    day = _today(group)
    page.set_viewport_size(PHONE)
    login(trainer, PASSWORD)
    for path in (
        "/szkolenia/",
        f"/szkolenia/grupy/{group.pk}/",
        f"/szkolenia/dni/{day.pk}/",
        "/szkolenia/raporty/",
    ):
        page.goto(live_server.url + path)
        assert _overflow(page) <= 0, f"{path} scrolls sideways on a phone"
        axe(page)
