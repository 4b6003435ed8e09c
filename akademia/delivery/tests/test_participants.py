"""Participants: made from the enrolments when a plan is published, kept in step with later
plans and withdrawals; replaced by a substitute or withdrawn by the JST's coordinator."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry
from akademia.delivery import services
from akademia.delivery.models import Participant, ParticipantStatus, TrainingDay
from akademia.delivery.services import MarkInput
from akademia.delivery.tests.factories import (
    BESTWINA,
    KOZIEGLOWY,
    project_with_teams,
    publish,
    trainer_of,
    training,
)
from akademia.planning.models import TrainingGroup
from akademia.recruitment import services as recruitment
from akademia.recruitment.models import Application

TODAY = timezone.localdate()


def _rows(group):
    return sorted(
        Participant.objects.filter(group=group).values_list("email", "status", "since", "until")
    )


def test_publishing_a_plan_makes_every_enrolled_person_a_participant_with_an_account(
    national, regional, expert, trainer, django_capture_on_commit_callbacks
):
    project = project_with_teams(national, regional, expert)
    existing = make_user("osoba1@2409023.example.org", Role.PARTICIPANT, jst=KOZIEGLOWY)
    teacher = trainer_of(project, regional, trainer)
    with django_capture_on_commit_callbacks(execute=True):
        plan = publish(
            project,
            regional,
            [{"teams": [KOZIEGLOWY, BESTWINA], "meetings": [(TODAY, 2)], "trainer": teacher}],
        )
    group = TrainingGroup.objects.get(plan=plan)
    people = Participant.objects.filter(group=group)
    assert people.count() == 8
    assert {p.jst.code for p in people} == {KOZIEGLOWY, BESTWINA}
    assert people.get(email="osoba1@2409023.example.org").user == existing  # reused
    assert User.objects.filter(email__iendswith=".example.org", role=Role.PARTICIPANT).count() == 8
    new = User.objects.get(email="osoba0@2402022.example.org")
    assert new.role == Role.PARTICIPANT and new.jst.code == BESTWINA
    assert not new.has_usable_password() and new.jst_verified_at is not None
    invited = sorted(m.to[0] for m in mail.outbox if "Invitation" in m.subject)
    assert len(invited) == 7 and "osoba1@2409023.example.org" not in invited
    assert TrainingDay.objects.filter(meeting__group=group).count() == 2


def test_the_sync_is_idempotent(national, regional, expert, trainer):
    group = training(national, regional, expert, trainer)
    before, entries = _rows(group), AuditEntry.objects.count()
    users = User.objects.count()
    again = services.participants_sync(actor=SYSTEM, project=group.project)
    assert not again.changed
    assert _rows(group) == before
    assert User.objects.count() == users and AuditEntry.objects.count() == entries


def _sync_queries(national, regional, expert, trainer, codes, size) -> int:
    project = project_with_teams(national, regional, expert, codes=codes, size=size)
    teacher = trainer_of(project, regional, trainer, name=f"T{len(codes)}")
    publish(project, regional, [{"teams": codes, "meetings": [(TODAY, 2)], "trainer": teacher}])
    with CaptureQueriesContext(connection) as queries:
        result = services.participants_sync(actor=SYSTEM, project=project)
    assert result.created == len(codes) * size
    return len(queries)


def test_the_sync_takes_the_same_queries_for_a_group_of_25_as_of_4(
    national, regional, expert, trainer
):
    small = _sync_queries(national, regional, expert, trainer, ["2409023"], 4)
    large = _sync_queries(
        national,
        regional,
        expert,
        trainer,
        ["2414011", "2404013", "2401011", "2403011", "2407011"],
        5,
    )
    assert large == small


def test_a_later_plan_moves_people_and_carries_a_substitute_over(
    national, regional, expert, trainer, coordinator
):
    group = training(national, regional, expert, trainer)
    old = Participant.objects.get(group=group, email="osoba2@2409023.example.org")
    substitute = services.participant_substitute(
        actor=coordinator,
        participant=old,
        full_name="Ewa Nowa",
        email="ewa@2409023.example.org",
        since=TODAY + dt.timedelta(days=1),
    )
    teacher = group.trainer
    plan = publish(
        group.project,
        regional,
        [
            {
                "teams": [KOZIEGLOWY, BESTWINA],
                "meetings": [(TODAY + dt.timedelta(days=7), 1)],
                "trainer": teacher,
            }
        ],
    )
    result = services.participants_sync(actor=SYSTEM, project=group.project)
    assert result.regrouped == 8 and result.created == 8
    new_group = TrainingGroup.objects.get(plan=plan)
    emails = set(Participant.objects.filter(group=new_group).values_list("email", flat=True))
    assert "ewa@2409023.example.org" in emails and old.email not in emails
    substitute.refresh_from_db()
    assert substitute.status == ParticipantStatus.REGROUPED and substitute.until is not None


def test_a_jst_withdrawing_its_application_ends_its_people_s_participation(
    national, regional, expert, trainer, coordinator, django_capture_on_commit_callbacks
):
    group = training(national, regional, expert, trainer)
    application = Application.objects.get(jst__code=KOZIEGLOWY, call__project=group.project)
    application.coordinator = coordinator
    application.save(update_fields=["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        recruitment.application_withdraw(actor=coordinator, application=application)
    people = Participant.objects.filter(group=group, jst__code=KOZIEGLOWY)
    assert set(people.values_list("status", flat=True)) == {ParticipantStatus.WITHDRAWN}
    assert all(p.until == TODAY for p in people)
    others = Participant.objects.filter(group=group, jst__code=BESTWINA)
    assert set(others.values_list("status", flat=True)) == {ParticipantStatus.ACTIVE}


def test_a_substitute_takes_the_place_from_a_date_and_both_keep_their_history(
    national, regional, expert, trainer, coordinator
):
    group = training(national, regional, expert, trainer, days=3)
    old = Participant.objects.get(group=group, email="osoba1@2409023.example.org")
    day = TrainingDay.objects.get(meeting__group=group, date=TODAY)
    services.attendance_record(actor=trainer, day=day, marks=[MarkInput(old.pk, "present")])
    new = services.participant_substitute(
        actor=coordinator,
        participant=old,
        full_name="Ewa Nowa",
        email="Ewa.Nowa@2409023.example.org",
        since=TODAY + dt.timedelta(days=1),
    )
    old.refresh_from_db()
    assert (old.status, old.until) == (ParticipantStatus.SUBSTITUTED, TODAY + dt.timedelta(days=1))
    assert old.last_day == TODAY
    assert (new.since, new.replaces, new.enrolment_id) == (old.until, old, old.enrolment_id)
    assert new.user.email == "ewa.nowa@2409023.example.org" and new.user.jst.code == KOZIEGLOWY
    assert old.takes_part_on(TODAY) and not old.takes_part_on(TODAY + dt.timedelta(days=1))
    assert AuditEntry.objects.filter(action="delivery.participant.substituted").exists()


@pytest.mark.parametrize(
    ("since", "email", "field"),
    [
        (TODAY + dt.timedelta(days=30), "ewa@2409023.example.org", "since"),
        (TODAY - dt.timedelta(days=30), "ewa@2409023.example.org", "since"),
        (TODAY + dt.timedelta(days=1), "kutno@test.example.org", "email"),
    ],
)
def test_a_substitute_comes_from_the_same_jst_within_the_training(
    national, regional, expert, trainer, coordinator, coordinator_other, since, email, field
):
    group = training(national, regional, expert, trainer)
    old = Participant.objects.get(group=group, email="osoba1@2409023.example.org")
    with pytest.raises(DomainError) as refused:
        services.participant_substitute(
            actor=coordinator, participant=old, full_name="Ewa", email=email, since=since
        )
    assert refused.value.field == field
    old.refresh_from_db()
    assert old.status == ParticipantStatus.ACTIVE


def test_no_substitute_from_a_day_the_person_is_already_marked(
    national, regional, expert, trainer, coordinator
):
    group = training(national, regional, expert, trainer)
    old = Participant.objects.get(group=group, email="osoba1@2409023.example.org")
    day = TrainingDay.objects.get(meeting__group=group, date=TODAY)
    services.attendance_record(actor=trainer, day=day, marks=[MarkInput(old.pk, "absent")])
    with pytest.raises(DomainError, match="already recorded"):
        services.participant_substitute(
            actor=coordinator,
            participant=old,
            full_name="Ewa",
            email="ewa@2409023.example.org",
            since=TODAY,
        )


def test_only_the_coordinator_of_the_person_s_jst_replaces_them(
    national, regional, expert, trainer, coordinator_other, participant
):
    group = training(national, regional, expert, trainer)
    old = Participant.objects.get(group=group, email="osoba1@2409023.example.org")
    unverified = make_user(
        "nowy.koordynator@test.example.org",
        Role.JST_COORDINATOR,
        jst=KOZIEGLOWY,
        jst_verified_at=None,
    )
    for actor in (coordinator_other, participant, trainer, unverified):
        with pytest.raises(DomainError):
            services.participant_substitute(
                actor=actor,
                participant=old,
                full_name="Ewa",
                email="ewa@2409023.example.org",
                since=TODAY,
            )


def test_a_withdrawal_is_recorded_with_its_date_and_reason(
    national, regional, expert, trainer, coordinator
):
    group = training(national, regional, expert, trainer, days=2)
    person = Participant.objects.get(group=group, email="osoba3@2409023.example.org")
    with pytest.raises(DomainError) as refused:
        services.participant_withdraw(actor=coordinator, participant=person, date=TODAY, reason=" ")
    assert refused.value.field == "reason"
    with pytest.raises(DomainError) as refused:
        services.participant_withdraw(
            actor=coordinator,
            participant=person,
            date=TODAY + dt.timedelta(days=5),
            reason="Choroba",
        )
    assert refused.value.field == "date"
    services.participant_withdraw(
        actor=coordinator,
        participant=person,
        date=TODAY + dt.timedelta(days=1),
        reason="Zmiana pracy",
    )
    person.refresh_from_db()
    assert person.status == ParticipantStatus.WITHDRAWN
    assert (person.until, person.end_reason, person.ended_by) == (
        TODAY + dt.timedelta(days=1),
        "Zmiana pracy",
        coordinator,
    )
    # A later sync leaves the place empty: the person does not come back.
    assert not services.participants_sync(actor=SYSTEM, project=group.project).changed
