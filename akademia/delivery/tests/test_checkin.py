"""QR self check-in: a participant confirms their own attendance with the day's code of this
minute or the previous one, on the day, during its hours; a photographed code (older, of
another day, outside the hours), a closed list, a person of another group are refused with a
message and nothing recorded. A repeated scan applies once; a mark the trainer made stays.

Also the day's hours (default from the settings, changed by the trainer) and the regional
operator reopening a closed list with a reason.

Time is set by replacing `django.utils.timezone.now` (pytest's monkeypatch): the repository has
no clock library, and every reading of the time here goes through it (`localdate` too)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry
from akademia.delivery import checkin, services
from akademia.delivery.models import (
    AttendanceChange,
    AttendanceMark,
    DayAction,
    TrainingDay,
    TrainingDayEvent,
)
from akademia.delivery.services import MarkInput
from akademia.delivery.tests.conftest import at
from akademia.delivery.tests.factories import (
    BESTWINA,
    KOZIEGLOWY,
    project_with_teams,
    publish,
    trainer_of,
    training,
)
from akademia.planning.models import TrainingGroup

TODAY = timezone.localdate()


@pytest.fixture
def group(national, regional, expert, trainer):
    """Yesterday and today, with everyone taking part from yesterday."""
    yesterday = TODAY - dt.timedelta(days=1)
    group = training(national, regional, expert, trainer, first=yesterday, days=2)
    group.participants.update(since=yesterday)
    return group


@pytest.fixture
def day(group):
    return TrainingDay.objects.get(meeting__group=group, date=TODAY)


@pytest.fixture
def yesterday(group):
    return TrainingDay.objects.get(meeting__group=group, date=TODAY - dt.timedelta(days=1))


@pytest.fixture
def person(group):
    return group.participants.order_by("pk").first()


def _code(day, moment):
    return checkin.current_code(day.pk, moment)


def _check_in(person, day, code):
    return services.attendance_check_in(actor=person.user, day=day, code=code)


def _refused(person, day, code) -> DomainError:
    with pytest.raises(DomainError) as refused:
        _check_in(person, day, code)
    assert not AttendanceMark.objects.filter(day=day, participant=person).exists()
    return refused.value


# The code ---------------------------------------------------------------------------------------


def test_the_code_is_six_digits_changing_every_minute_and_differs_per_day(day, yesterday):
    now = at(10, 0, 30)
    code = _code(day, now)
    assert len(code) == 6 and code.isdigit()
    assert _code(day, at(10, 0, 59)) == code
    assert _code(day, at(10, 1, 0)) != code
    assert _code(yesterday, now) != code
    assert checkin.clean(" 12-34 56 ") == "123456"


def test_the_sync_gives_new_days_the_default_hours(day, settings):
    assert (day.starts_at, day.ends_at) == (dt.time(9), dt.time(16))
    assert day.hours == (settings.DELIVERY_DAY_STARTS, settings.DELIVERY_DAY_ENDS)


# Checking in ------------------------------------------------------------------------------------


def test_a_participant_checks_in_with_the_code_of_this_minute(clock, day, person):
    now = clock(at(9, 5))
    result = _check_in(person, day, _code(day, now))
    assert result.outcome == "saved"
    mark = AttendanceMark.objects.get(day=day, participant=person)
    assert (mark.status, mark.note, mark.marked_by) == ("present", "", person.user)
    change = AttendanceChange.objects.get(mark=mark)
    assert change.source == "self_check_in"
    assert change.client_id == services.checkin.check_in_id(day, person.pk)
    entry = AuditEntry.objects.get(action="delivery.attendance.checked_in")
    assert entry.actor == person.user
    assert entry.data == {"marks": 1, "source": "self_check_in", "status": "present"}


def test_the_previous_minutes_code_is_accepted(clock, day, person):
    code = _code(day, at(9, 4, 50))
    clock(at(9, 5, 40))
    assert _check_in(person, day, code).outcome == "saved"


def test_a_code_two_minutes_old_has_expired(clock, day, person):
    code = _code(day, at(9, 3, 10))
    clock(at(9, 5, 0))
    error = _refused(person, day, code)
    assert error.field == "code" and "expired" in error.message


def test_a_wrong_code_is_refused(clock, day, person):
    now = clock(at(9, 5))
    wrong = f"{(int(_code(day, now)) + 1) % 1_000_000:06d}"
    error = _refused(person, day, wrong)
    assert error.field == "code" and "not the code of this day" in error.message
    assert _refused(person, day, "").field == "code"


def test_yesterdays_code_is_refused(clock, day, yesterday, person):
    # A photo of yesterday's QR code: its link is yesterday's day, its code yesterday's.
    photographed = _code(yesterday, at(10, 0, day=yesterday.date))
    clock(at(10, 0))
    error = _refused(person, yesterday, photographed)
    assert "today is" in error.message
    assert not AttendanceMark.objects.filter(day=yesterday).exists()
    # The same digits typed for today's day are not today's code.
    assert _refused(person, day, photographed).field == "code"
    # Nor is today's code of the same minute yesterday (a day's codes never repeat).
    assert _refused(person, day, _code(day, at(10, 0, day=yesterday.date))).field == "code"


def test_outside_the_days_hours_nothing_is_recorded(clock, day, person):
    clock(at(8, 29))  # the check-in opens 30 minutes before 9:00
    assert "opens at 08:30" in _refused(person, day, _code(day, at(8, 29))).message
    clock(at(16, 1))
    assert "ended at 16:00" in _refused(person, day, _code(day, at(16, 1))).message
    now = clock(at(8, 31))
    assert _check_in(person, day, _code(day, now)).outcome == "saved"


def test_past_the_grace_period_the_check_in_is_late_with_the_time(clock, day, person):
    now = clock(at(9, 16))
    _check_in(person, day, _code(day, now))
    mark = AttendanceMark.objects.get(day=day, participant=person)
    assert (mark.status, mark.note) == ("late", "09:16")


def test_the_hours_the_trainer_set_are_the_ones_checked(clock, day, person, trainer):
    services.day_hours_change(actor=trainer, day=day, starts_at=dt.time(12), ends_at=dt.time(18))
    clock(at(11, 0))
    assert "opens at 11:30" in _refused(person, day, _code(day, at(11, 0))).message
    now = clock(at(17, 30))
    _check_in(person, day, _code(day, now))
    assert AttendanceMark.objects.get(day=day, participant=person).status == "late"


def test_a_closed_list_refuses_the_check_in(clock, day, group, person, trainer):
    clock(at(9, 5))
    marks = [MarkInput(p.pk, "absent") for p in group.participants.exclude(pk=person.pk)]
    marks.append(MarkInput(person.pk, "present"))
    services.attendance_record(actor=trainer, day=day, marks=marks)
    services.day_close(actor=trainer, day=day)
    day.refresh_from_db()
    error = _refused_kept(person, day, _code(day, at(9, 5)))
    assert "closed" in error.message


def _refused_kept(person, day, code) -> DomainError:
    before = list(AttendanceChange.objects.filter(mark__day=day).values_list("pk", flat=True))
    with pytest.raises(DomainError) as refused:
        _check_in(person, day, code)
    after = list(AttendanceChange.objects.filter(mark__day=day).values_list("pk", flat=True))
    assert before == after
    return refused.value


def test_scanning_again_applies_once(clock, day, person):
    now = clock(at(9, 5))
    assert _check_in(person, day, _code(day, now)).outcome == "saved"
    later = clock(at(9, 40))  # "late" by now, yet the first check-in stands
    assert _check_in(person, day, _code(day, later)).outcome == "again"
    assert AttendanceMark.objects.get(day=day, participant=person).status == "present"
    assert AttendanceChange.objects.filter(mark__day=day).count() == 1
    assert AuditEntry.objects.filter(action="delivery.attendance.checked_in").count() == 1


def test_a_mark_the_trainer_made_stays(clock, day, person, trainer):
    clock(at(9, 5))
    services.attendance_record(actor=trainer, day=day, marks=[MarkInput(person.pk, "late", "9:30")])
    result = _check_in(person, day, _code(day, at(9, 5)))
    assert result.outcome == "kept"
    assert (result.mark.status, result.mark.marked_by) == ("late", trainer)
    assert AttendanceChange.objects.filter(mark__day=day).count() == 1


def test_a_person_not_taking_part_that_day_is_refused(clock, day, group, person, regional):
    clock(at(9, 5))
    services.participant_withdraw(
        actor=regional, participant=person, date=TODAY, reason="Zmiana pracy"
    )
    assert "do not take part" in _refused(person, day, _code(day, at(9, 5))).message


def test_someone_outside_the_group_is_refused_and_gets_404(
    clock, client, national, regional, expert, trainer
):
    project = project_with_teams(
        national, regional, expert, codes=[KOZIEGLOWY, BESTWINA, "2414011", "2404013"]
    )
    other = make_user("inny.trener@test.example.org", Role.TRAINER, voivodeships=["24"])
    plan = publish(
        project,
        regional,
        [
            {
                "teams": [KOZIEGLOWY, BESTWINA],
                "meetings": [(TODAY, 1)],
                "trainer": trainer_of(project, regional, trainer),
            },
            {
                "teams": ["2414011", "2404013"],
                "meetings": [(TODAY, 1)],
                "trainer": trainer_of(project, regional, other, "Bartosz"),
            },
        ],
    )
    services.participants_sync(actor=SYSTEM, project=project)
    mine, theirs = TrainingGroup.objects.filter(plan=plan).order_by("code")
    person = mine.participants.order_by("pk").first()
    their_day = TrainingDay.objects.get(meeting__group=theirs)
    clock(at(9, 5))
    assert "do not take part" in _refused(person, their_day, _code(their_day, at(9, 5))).message
    client.force_login(person.user)
    url = reverse("delivery:check-in", args=[their_day.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"code": _code(their_day, at(9, 5))}).status_code == 404


def test_nobody_but_the_person_checks_themselves_in(clock, day, person, trainer, coordinator):
    # The trainer and the JST's coordinator may not use the participant's code for them.
    clock(at(9, 5))
    for actor in (trainer, coordinator):
        with pytest.raises(DomainError):
            services.attendance_check_in(actor=actor, day=day, code=_code(day, at(9, 5)))
    assert not AttendanceMark.objects.filter(day=day).exists()


# The day's hours and reopening ------------------------------------------------------------------


def test_the_trainer_changes_the_hours_end_after_start(day, trainer, participant):
    with pytest.raises(DomainError) as wrong:
        services.day_hours_change(actor=trainer, day=day, starts_at=dt.time(15), ends_at=dt.time(9))
    assert wrong.value.field == "ends_at"
    services.day_hours_change(actor=trainer, day=day, starts_at=dt.time(8), ends_at=dt.time(14))
    day.refresh_from_db()
    assert (day.starts_at, day.ends_at) == (dt.time(8), dt.time(14))
    event = TrainingDayEvent.objects.get(day=day)
    assert (event.action, event.starts_at, event.changed_by) == ("hours", dt.time(8), trainer)
    entry = AuditEntry.objects.get(action="delivery.day.hours_changed")
    assert entry.data == {"from": ["09:00", "16:00"], "to": ["08:00", "14:00"]}
    with pytest.raises(DomainError):
        services.day_hours_change(
            actor=participant, day=day, starts_at=dt.time(8), ends_at=dt.time(15)
        )


def _closed(day, group, trainer):
    marks = [MarkInput(p.pk, "present") for p in group.participants.all()]
    services.attendance_record(actor=trainer, day=day, marks=marks)
    return services.day_close(actor=trainer, day=day)


def test_the_regional_operator_reopens_a_closed_list_with_a_reason(day, group, trainer, regional):
    day = _closed(day, group, trainer)
    with pytest.raises(DomainError) as no_reason:
        services.day_reopen(actor=regional, day=day, reason="  ")
    assert no_reason.value.field == "reason"
    with pytest.raises(DomainError):
        services.day_reopen(actor=trainer, day=day, reason="Pomyłka")
    services.day_reopen(actor=regional, day=day, reason="Trener pomylił osoby")
    day.refresh_from_db()
    assert not day.is_closed
    events = list(TrainingDayEvent.objects.filter(day=day).values_list("action", "changed_by"))
    assert events == [(DayAction.CLOSED, trainer.pk), (DayAction.REOPENED, regional.pk)]
    entry = AuditEntry.objects.get(action="delivery.day.reopened")
    assert entry.data["reason"] == "Trener pomylił osoby" and entry.data["closed_by"] == trainer.pk
    with pytest.raises(DomainError) as twice:
        services.day_reopen(actor=regional, day=day, reason="Jeszcze raz")
    assert "open" in twice.value.message
    # The trainer changes a mark without the operator, and closes the list again.
    mark = AttendanceMark.objects.filter(day=day).first()
    services.attendance_change(
        actor=trainer, mark=mark, status="absent", note="", reason="Pomylone nazwiska"
    )
    services.day_close(actor=trainer, day=day)
    assert TrainingDay.objects.get(pk=day.pk).is_closed
    assert TrainingDayEvent.objects.filter(day=day).count() == 3


def test_an_operator_of_another_region_cannot_reopen(day, group, trainer, regional_other):
    day = _closed(day, group, trainer)
    with pytest.raises(DomainError):
        services.day_reopen(actor=regional_other, day=day, reason="Pomyłka")
    assert TrainingDay.objects.get(pk=day.pk).is_closed


def test_the_migration_gives_older_days_the_default_hours_and_their_closing(
    day, yesterday, trainer
):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "akademia.delivery.migrations.0007_checkin_hours_and_day_history"
    )
    closed_at = timezone.now()
    TrainingDay.objects.filter(pk=day.pk).update(starts_at=None, ends_at=None)
    TrainingDay.objects.filter(pk=yesterday.pk).update(
        starts_at=dt.time(10), ends_at=dt.time(14), closed_at=closed_at, closed_by=trainer
    )
    migration.fill_hours_and_history(apps, None)
    day.refresh_from_db()
    yesterday.refresh_from_db()
    assert (day.starts_at, day.ends_at) == (dt.time(9), dt.time(16))
    assert (yesterday.starts_at, yesterday.ends_at) == (dt.time(10), dt.time(14))
    (event,) = TrainingDayEvent.objects.all()
    assert (event.day, event.action, event.changed_by, event.changed_at) == (
        yesterday,
        "closed",
        trainer,
        closed_at,
    )
