"""Attendance: the trainer of the day marks it (a mark sent again counts once), changes a mark
only with a reason (every version kept) and closes the day once everyone is marked; after
that only the regional operator of the project's voivodeship corrects it."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.errors import DomainError
from akademia.delivery import services
from akademia.delivery.models import AttendanceChange, AttendanceMark, TrainingDay
from akademia.delivery.services import MarkInput
from akademia.delivery.tests.factories import KOZIEGLOWY, training

TODAY = timezone.localdate()


@pytest.fixture
def group(national, regional, expert, trainer):
    return training(national, regional, expert, trainer, days=2)


@pytest.fixture
def day(group):
    return TrainingDay.objects.get(meeting__group=group, date=TODAY)


def _people(group):
    return list(group.participants.order_by("pk"))


def test_the_trainer_marks_everyone_and_a_resent_mark_counts_once(group, day, trainer):
    people = _people(group)
    marks = [MarkInput(p.pk, "present", client_id=uuid.uuid4()) for p in people]
    marks[0] = MarkInput(people[0].pk, "excused", "Zwolnienie lekarskie", marks[0].client_id)
    results = services.attendance_record(actor=trainer, day=day, marks=marks)
    assert [r.outcome for r in results] == ["saved"] * len(people)
    again = services.attendance_record(actor=trainer, day=day, marks=marks + marks[:2])
    assert {r.outcome for r in again} == {"again"}
    assert AttendanceMark.objects.filter(day=day).count() == len(people)
    assert AttendanceChange.objects.filter(mark__day=day).count() == len(people)
    excused = AttendanceMark.objects.get(day=day, participant=people[0])
    assert (excused.status, excused.note, excused.marked_by) == (
        "excused",
        "Zwolnienie lekarskie",
        trainer,
    )


def test_a_second_mark_for_the_same_person_needs_a_reason(group, day, trainer):
    person = _people(group)[0]
    services.attendance_record(actor=trainer, day=day, marks=[MarkInput(person.pk, "present")])
    same, other = services.attendance_record(
        actor=trainer,
        day=day,
        marks=[MarkInput(person.pk, "present"), MarkInput(person.pk, "absent")],
    )
    assert same.outcome == "unchanged"
    assert other.outcome == "refused" and "change the mark with a reason" in other.message
    assert AttendanceMark.objects.get(day=day, participant=person).status == "present"


def test_an_excused_absence_needs_its_reason_and_a_stranger_is_refused(
    group, day, trainer, national, regional, expert
):
    person = _people(group)[0]
    results = services.attendance_record(
        actor=trainer,
        day=day,
        marks=[MarkInput(person.pk, "excused", " "), MarkInput(999_999, "present")],
    )
    assert [r.outcome for r in results] == ["refused", "refused"]
    assert "reason" in results[0].message and "does not take part" in results[1].message
    assert not AttendanceMark.objects.exists()


def test_only_the_trainer_of_the_day_marks_it_and_not_in_advance(
    group, day, trainer, coordinator, participant
):
    other_trainer = make_user("inny.trener@test.example.org", Role.TRAINER, voivodeships=["24"])
    person = _people(group)[0]
    for actor in (other_trainer, coordinator, participant):
        with pytest.raises(DomainError, match="Only the trainer"):
            services.attendance_record(
                actor=actor, day=day, marks=[MarkInput(person.pk, "present")]
            )
    tomorrow = TrainingDay.objects.get(meeting__group=group, date=TODAY + dt.timedelta(days=1))
    with pytest.raises(DomainError, match="not in advance"):
        services.attendance_record(
            actor=trainer, day=tomorrow, marks=[MarkInput(person.pk, "present")]
        )


def test_a_change_keeps_every_version_with_who_and_why(group, day, trainer):
    person = _people(group)[0]
    services.attendance_record(actor=trainer, day=day, marks=[MarkInput(person.pk, "present")])
    mark = AttendanceMark.objects.get(day=day, participant=person)
    with pytest.raises(DomainError) as refused:
        services.attendance_change(actor=trainer, mark=mark, status="late", note="", reason="")
    assert refused.value.field == "reason"
    services.attendance_change(
        actor=trainer, mark=mark, status="late", note="9:40", reason="Przyszła po przerwie"
    )
    mark.refresh_from_db()
    assert (mark.status, mark.note, mark.version) == ("late", "9:40", 2)
    history = list(mark.changes.order_by("version").values_list("version", "status", "reason"))
    assert history == [(1, "present", ""), (2, "late", "Przyszła po przerwie")]
    with pytest.raises(ValueError):
        mark.changes.first().delete()


def test_closing_needs_everyone_marked_then_only_the_regional_operator_corrects(
    group, day, trainer, regional, regional_other, national
):
    people = _people(group)
    services.attendance_record(
        actor=trainer, day=day, marks=[MarkInput(p.pk, "present") for p in people[1:]]
    )
    with pytest.raises(DomainError, match=people[0].full_name):
        services.day_close(actor=trainer, day=day)
    services.attendance_record(actor=trainer, day=day, marks=[MarkInput(people[0].pk, "absent")])
    services.day_close(actor=trainer, day=day)
    day.refresh_from_db()
    assert day.is_closed and day.closed_by == trainer
    mark = AttendanceMark.objects.get(day=day, participant=people[0])
    with pytest.raises(DomainError, match="closed"):
        services.attendance_change(
            actor=trainer, mark=mark, status="present", note="", reason="Pomyłka"
        )
    with pytest.raises(DomainError, match="closed"):
        services.attendance_record(
            actor=trainer, day=day, marks=[MarkInput(people[0].pk, "present")]
        )
    with pytest.raises(DomainError):
        services.attendance_change(
            actor=regional_other, mark=mark, status="present", note="", reason="Pomyłka"
        )
    services.attendance_change(
        actor=regional, mark=mark, status="present", note="", reason="Podpis na liście papierowej"
    )
    mark.refresh_from_db()
    assert (mark.status, mark.version, mark.marked_by) == ("present", 2, regional)


def test_a_person_replaced_is_not_on_the_list_after_the_date(group, day, trainer, coordinator):
    old = group.participants.filter(jst__code=KOZIEGLOWY).first()
    services.participant_substitute(
        actor=coordinator,
        participant=old,
        full_name="Ewa Nowa",
        email="ewa.nowa@2409023.example.org",
        since=TODAY,
    )
    results = services.attendance_record(
        actor=trainer, day=day, marks=[MarkInput(old.pk, "present")]
    )
    assert results[0].outcome == "refused"
    new = group.participants.get(email="ewa.nowa@2409023.example.org")
    assert services.attendance_record(actor=trainer, day=day, marks=[MarkInput(new.pk, "present")])[
        0
    ].ok
