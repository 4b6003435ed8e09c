"""A person downloads everything the platform holds about them; an operator of their scope
does it for them; each export is in the audit log."""

import json

from django.urls import reverse

from akademia.core.models import AuditEntry, OutboxEmail
from akademia.recruitment import services as recruitment
from akademia.recruitment.tests.factories import complete, make_version, open_call


def _project(national, expert):
    project = recruitment.project_create(
        actor=national, name="Pilotaż", target_jst=30, target_people=90
    )
    return open_call(national, project, make_version(expert, national))


def test_a_coordinator_downloads_their_own_data_from_every_app(client, national, expert):
    call = _project(national, expert)
    application = complete(national, call, "2409023", verify=True, email="ewa@gmina.example.org")
    person = application.coordinator
    client.force_login(person)
    response = client.get(reverse("accounts:my-data"))
    assert response["Content-Disposition"] == 'attachment; filename="moje-dane.json"'
    data = json.loads(response.content)
    records = data["records"]
    assert data["person"]["email"] == "ewa@gmina.example.org"
    assert records["accounts.User"][0]["full_name"] == person.full_name
    assert "password" not in records["accounts.User"][0]
    assert records["recruitment.Application"][0]["coordinator_email"] == "ewa@gmina.example.org"
    assert records["recruitment.Application"][0]["letter"].endswith(".pdf")
    sent = OutboxEmail.objects.filter(to__iexact="ewa@gmina.example.org").count()
    assert sent and len(records["core.OutboxEmail"]) == sent
    # Nobody else's rows: the team members have other addresses.
    assert "recruitment.TeamMember" not in records
    assert AuditEntry.objects.filter(action="accounts.user.data_exported", actor=person).exists()


def test_an_operator_downloads_a_persons_data_and_it_is_recorded(client, regional, coordinator):
    client.force_login(regional)
    response = client.get(reverse("accounts:user-data", args=[coordinator.pk]))
    assert json.loads(response.content)["person"]["email"] == coordinator.email
    entry = AuditEntry.objects.get(action="accounts.user.data_exported")
    assert entry.actor == regional and entry.target_id == str(coordinator.pk)


def test_an_operator_of_another_voivodeship_gets_nothing(client, regional_other, coordinator):
    client.force_login(regional_other)
    assert client.get(reverse("accounts:user-data", args=[coordinator.pk])).status_code == 404
    assert not AuditEntry.objects.filter(action="accounts.user.data_exported").exists()


def test_a_participant_gets_their_marks_and_not_the_others_of_the_day(
    national, regional, expert, trainer, settings, tmp_path
):
    from django.utils import timezone

    from akademia.accounts.services import person_data_export
    from akademia.delivery.models import AttendanceMark, TrainingDay
    from akademia.delivery.services import MarkInput, attendance_record, day_close
    from akademia.delivery.tests.factories import training

    settings.MEDIA_ROOT = tmp_path
    group = training(national, regional, expert, trainer)
    day = TrainingDay.objects.get(meeting__group=group, date=timezone.localdate())
    people = list(group.participants.order_by("pk"))
    attendance_record(
        actor=trainer,
        day=day,
        marks=[MarkInput(participant_id=p.pk, status="present") for p in people],
    )
    day_close(actor=trainer, day=day)
    mine = person_data_export(actor=people[0].user, person=people[0].user)["records"]
    (mark,) = mine["delivery.AttendanceMark"]
    assert mark["id"] == str(AttendanceMark.objects.get(day=day, participant=people[0]).pk)
    assert mark["status"] == "present"
    assert len(mine["delivery.AttendanceChange"]) == 1
    # The trainer marked everyone: their export shows that they did, not the participants' marks.
    theirs = person_data_export(actor=trainer, person=trainer)["records"]["delivery.AttendanceMark"]
    assert len(theirs) == len(people)
    assert all(set(row) == {"id", "marked_by"} for row in theirs)
    assert AttendanceMark.objects.filter(day=day).count() == len(people)
