"""The pages of the QR self check-in (the trainer's code, the participant's page, the limit on
refused codes), of a day's hours and of reopening a closed list (form, confirmation, action)."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from akademia.core.models import AuditEntry, RateHit
from akademia.delivery import checkin, services
from akademia.delivery.models import AttendanceMark, TrainingDay, TrainingDayEvent
from akademia.delivery.services import MarkInput
from akademia.delivery.tests.conftest import at
from akademia.delivery.tests.factories import training


@pytest.fixture
def group(national, regional, expert, trainer):
    return training(national, regional, expert, trainer, days=1)


@pytest.fixture
def day(group):
    return TrainingDay.objects.get(meeting__group=group)


@pytest.fixture
def person(group):
    return group.participants.order_by("pk").first()


def _url(name, day):
    return reverse(f"delivery:{name}", args=[day.pk])


# The trainer's QR page ----------------------------------------------------------------------


def test_the_trainer_shows_the_qr_code_of_this_minute(client, clock, day, trainer):
    now = clock(at(9, 0))
    client.force_login(trainer)
    page = client.get(_url("day-detail", day)).content.decode()
    assert _url("day-qr", day) in page
    response = client.get(_url("day-qr", day))
    body = response.content.decode()
    code = checkin.current_code(day.pk, now)
    assert f"{code[:3]} {code[3:]}" in body
    assert 'class="qr-code"' in body
    assert "<title>QR code of the check-in of this day</title>" in body
    assert 'hx-trigger="every 10s"' in body
    # The fragment htmx asks for: the code of the next minute, nothing of the page around it.
    later = clock(at(9, 1))
    fragment = client.get(_url("day-qr", day), headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="checkin-code"')
    new = checkin.current_code(day.pk, later)
    assert f"{new[:3]} {new[3:]}" in fragment and "<h1>" not in fragment


def test_the_qr_code_holds_the_check_in_address_and_nothing_personal(day):
    import segno

    path = checkin.path(day.pk, "123456")
    assert path == f"/szkolenia/obecnosc/zamelduj/{day.pk}/?k=123456"
    svg = checkin.qr_svg("https://akademia.example.org" + path, "QR")
    assert svg.startswith("<svg") and 'class="qr-code"' in svg
    assert segno.make("https://akademia.example.org" + path, error="m").designator


def test_no_code_outside_the_day_or_on_a_closed_list(client, day, group, trainer, participant):
    client.force_login(trainer)
    services.attendance_record(
        actor=trainer,
        day=day,
        marks=[MarkInput(p.pk, "present") for p in group.participants.all()],
    )
    services.day_close(actor=trainer, day=day)
    body = client.get(_url("day-qr", day)).content.decode()
    assert "closed" in body and "<svg" not in body
    client.force_login(participant)
    assert client.get(_url("day-qr", day)).status_code == 403


# The participant's page -----------------------------------------------------------------------


def test_the_qr_link_leads_to_one_button_and_a_confirmation(client, clock, day, person):
    now = clock(at(9, 2))
    code = checkin.current_code(day.pk, now)
    client.force_login(person.user)
    link = checkin.path(day.pk, code)
    page = client.get(link)
    body = page.content.decode()
    assert page.status_code == 200 and f'value="{code}"' in body
    assert "Confirm my attendance" in body
    assert not AttendanceMark.objects.filter(day=day).exists()  # a GET changes nothing
    response = client.post(_url("check-in", day), {"code": code})
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    assert "Your attendance today is recorded:" in done and "present" in done
    assert "your attendance is confirmed" in done
    assert AttendanceMark.objects.get(day=day, participant=person).status == "present"


def test_signing_in_first_keeps_the_code(client, day):
    link = checkin.path(day.pk, "123456")
    response = client.get(link)
    assert response.status_code == 302
    next_url = parse_qs(urlsplit(response["Location"]).query)["next"][0]
    assert next_url == link


def test_a_refused_code_shows_the_reason_on_the_form(client, clock, day, person):
    clock(at(9, 10))
    old = checkin.current_code(day.pk, at(9, 5))
    client.force_login(person.user)
    response = client.post(_url("check-in", day), {"code": old})
    assert response.status_code == 200
    assert "This code has expired" in response.content.decode()
    assert not AttendanceMark.objects.filter(day=day).exists()


def test_outside_the_hours_the_page_says_so_before_any_code(client, clock, day, person):
    clock(at(18, 0))
    client.force_login(person.user)
    body = client.get(_url("check-in", day)).content.decode()
    assert "ended at 16:00" in body and "<button" not in body.split("<main", 1)[-1]


def test_too_many_wrong_codes_lock_the_person_out_for_a_while(client, clock, day, person, settings):
    settings.CHECKIN_REFUSED_LIMIT = 3
    now = clock(at(9, 5))
    right = checkin.current_code(day.pk, now)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    client.force_login(person.user)
    for _ in range(3):
        assert (
            "not the code of this day"
            in client.post(_url("check-in", day), {"code": wrong}).content.decode()
        )
    assert RateHit.objects.filter(scope="delivery.checkin").count() == 3
    refused = client.post(_url("check-in", day), {"code": right}).content.decode()
    assert "Too many wrong codes" in refused
    assert not AttendanceMark.objects.filter(day=day).exists()


def test_a_day_not_yet_over_is_linked_from_my_training(client, clock, day, person):
    clock(at(9, 0))
    client.force_login(person.user)
    body = client.get(reverse("delivery:my-training")).content.decode()
    assert _url("check-in", day) in body


def test_the_history_of_a_mark_says_it_was_a_self_check_in(client, clock, day, person, trainer):
    now = clock(at(9, 0))
    services.attendance_check_in(actor=person.user, day=day, code=checkin.current_code(day.pk, now))
    mark = AttendanceMark.objects.get(day=day, participant=person)
    client.force_login(trainer)
    body = client.get(reverse("delivery:mark-change", args=[mark.pk])).content.decode()
    assert "self check-in with the QR code" in body


# A day's hours ---------------------------------------------------------------------------------


def test_the_trainer_changes_the_days_hours_on_its_page(client, day, trainer):
    client.force_login(trainer)
    page = client.get(_url("day-detail", day)).content.decode()
    assert "09:00–16:00" in page and _url("day-hours", day) in page
    wrong = client.post(_url("day-hours", day), {"starts_at": "15:00", "ends_at": "09:00"})
    assert wrong.status_code == 200 and "end after they start" in wrong.content.decode()
    response = client.post(_url("day-hours", day), {"starts_at": "08:30", "ends_at": "15:00"})
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.starts_at, day.ends_at) == (dt.time(8, 30), dt.time(15))
    page = client.get(_url("day-detail", day)).content.decode()
    assert "08:30–15:00" in page and "hours changed" in page


# Reopening a closed list -------------------------------------------------------------------------


@pytest.fixture
def closed(day, group, trainer):
    services.attendance_record(
        actor=trainer,
        day=day,
        marks=[MarkInput(p.pk, "present") for p in group.participants.all()],
    )
    return services.day_close(actor=trainer, day=day)


def test_the_operator_reopens_a_closed_list_after_a_confirmation(client, closed, regional):
    day = closed
    client.force_login(regional)
    page = client.get(_url("day-detail", day)).content.decode()
    assert _url("day-reopen", day) in page
    form = client.get(_url("day-reopen", day))
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    entries = AuditEntry.objects.count()
    ask = client.get(_url("day-reopen", day), {"reason": "Trener pomylił osoby"})
    body = ask.content.decode()
    assert "Reopen the list" in body and "8 marks recorded stay" in body
    assert "Trener pomylił osoby" in body and "No e-mail is sent" in body
    assert TrainingDay.objects.get(pk=day.pk).is_closed and AuditEntry.objects.count() == entries
    response = client.post(_url("day-reopen", day), {"reason": "Trener pomylił osoby"})
    assert response.status_code == 302
    assert not TrainingDay.objects.get(pk=day.pk).is_closed
    history = client.get(_url("day-detail", day)).content.decode()
    assert "reopened" in history and "Trener pomylił osoby" in history
    # Open now: the page refuses, and so does a POST from a stale tab.
    again = client.post(_url("day-reopen", day), {"reason": "Jeszcze raz"}).content.decode()
    assert "nothing to reopen" in again
    assert TrainingDayEvent.objects.filter(day=day, action="reopened").count() == 1


def test_a_reopening_without_a_reason_is_asked_again(client, closed, regional):
    client.force_login(regional)
    response = client.post(_url("day-reopen", closed), {"reason": ""})
    assert response.status_code == 200 and 'name="reason"' in response.content.decode()
    assert TrainingDay.objects.get(pk=closed.pk).is_closed


def test_the_trainer_cannot_reopen(client, closed, trainer):
    client.force_login(trainer)
    assert client.get(_url("day-reopen", closed)).status_code == 403
    assert client.post(_url("day-reopen", closed), {"reason": "x"}).status_code == 403
    page = client.get(_url("day-detail", closed)).content.decode()
    assert _url("day-reopen", closed) not in page
    assert re.search(r"closed \d", page)
