"""Retention (issue #16): what has passed its period is listed, an operator confirms, personal
fields are anonymised and files deleted, the figures stay the same, a second run changes
nothing; an erasure request is refused during retention (recorded) and carried out after it.
The rule is the register's (core/personal_data.py: RETENTION_START, keep_until)."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from akademia.accounts.services import person_erasure
from akademia.core import retention
from akademia.core.models import AuditEntry, Job
from akademia.core.personal_data import (
    KEPT_ON_EXPIRY,
    NOT_PERSONAL,
    REGISTER,
    RETAINED_OTHERWISE,
    RETENTION_START,
    Purpose,
    keep_until,
)
from akademia.delivery.tests.factories import finished_training, issued_certificate, mark_days
from akademia.recruitment.models import Application, Project


def test_every_model_with_personal_data_has_a_retention_rule():
    """A new model with personal data (other than a link to who acted) fails here until the
    register says when its keeping starts, or which other rule keeps it."""
    models_with_data = {
        key.rsplit(".", 1)[0]
        for key, entry in REGISTER.items()
        if entry.purpose != Purpose.ACCOUNTABILITY
    }
    missing = models_with_data - RETENTION_START.keys() - RETAINED_OTHERWISE.keys()
    assert not missing, f"add to RETENTION_START or RETAINED_OTHERWISE: {sorted(missing)}"
    for label, path in RETENTION_START.items():
        field = retention._final_field(apps.get_model(label), path)
        assert isinstance(field, models.DateField), (label, path)
    assert REGISTER.keys() >= KEPT_ON_EXPIRY and not KEPT_ON_EXPIRY & NOT_PERSONAL


def test_keep_until_follows_art_82_cpr(settings):
    settings.RETENTION_YEARS, settings.RETENTION_PAYMENT_LAG_YEARS = 5, 1
    # Ends in 2026, last payment assumed in 2027: five years from 31.12.2027.
    assert keep_until(dt.date(2026, 6, 30)) == dt.date(2032, 12, 31)
    assert retention.retention_cutoff(dt.date(2032, 12, 31)) == dt.date(2026, 1, 1)
    assert retention.retention_cutoff(dt.date(2033, 1, 1)) == dt.date(2027, 1, 1)


def _figures() -> dict:
    """Every count and every kept column's distribution over the models retention touches."""
    figures = {}
    for label in RETENTION_START:
        model = apps.get_model(label)
        figures[label] = model._default_manager.count()
        for key in REGISTER:
            model_label, name = key.rsplit(".", 1)
            if model_label != label:
                continue
            field = model._meta.get_field(name)
            if key in KEPT_ON_EXPIRY or (
                not field.is_relation and retention._anonymous_value(field) is retention.KEEP
            ):
                values = model._default_manager.values_list(name, flat=True)
                figures[key] = sorted(map(repr, values))
    return figures


def _dump() -> dict:
    return {
        label: sorted(map(repr, apps.get_model(label)._default_manager.values()))
        for label in [*RETENTION_START, "accounts.User"]
    }


@pytest.fixture
def finished(national, regional, expert, trainer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    group = finished_training(national, regional, expert, trainer, days=2, size=2)
    people = list(group.participants.order_by("pk"))
    mark_days(trainer, group, {people[0]: 1})
    issued_certificate(people[1], actor=regional)
    return group


def test_expired_records_are_listed_confirmed_anonymised_and_a_second_run_changes_nothing(
    client, national, finished, django_capture_on_commit_callbacks
):
    project = Project.objects.get(pk=finished.project_id)
    after = dt.date(project.ends_on.year + 7, 1, 1)
    people = list(finished.participants.values_list("email", flat=True))
    letters = [a.letter.name for a in Application.objects.filter(call__project=project)]
    assert letters and all(default_storage.exists(name) for name in letters)
    # Within the period nothing is listed.
    assert retention.review(keep_until(project.ends_on)).total == 0
    found = retention.review(after)
    assert found.rows and found.accounts >= len(people)
    figures = _figures()

    # The operator's page lists it; confirming starts the job (run inline under pytest).
    client.force_login(national)
    page = client.get(reverse("accounts:retention"))
    assert page.status_code == 200
    job = Job.objects.create(
        kind="accounts.retention_anonymise", label="x", params={"today": after.isoformat()}
    )
    from akademia.core.jobs import job_run

    job.created_by = national
    job.save()
    with django_capture_on_commit_callbacks(execute=True):  # files go once it commits
        job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    assert job.result["total"] == found.total
    entry = AuditEntry.objects.get(action="accounts.retention.anonymised")
    assert entry.actor == national and entry.target_id == str(job.pk)

    # Names and addresses are gone, files deleted, figures the same.
    assert retention.review(after).total == 0
    for label in RETENTION_START:
        for row in apps.get_model(label)._default_manager.values():
            assert not any(str(value) in people for value in row.values()), label
    assert not apps.get_model("accounts.User").objects.filter(email__in=people).exists()
    assert not any(default_storage.exists(name) for name in letters)
    assert _figures() == figures

    # Again: nothing to do, nothing changes, nothing recorded.
    dump = _dump()
    call_command("retention", "--anonymise", "--today", after.isoformat())
    assert _dump() == dump
    assert AuditEntry.objects.filter(action="accounts.retention.anonymised").count() == 1


def test_the_retention_page_confirms_before_it_starts_the_job(
    client, national, regional, finished, django_capture_on_commit_callbacks
):
    url = reverse("accounts:retention")
    client.force_login(national)
    assert client.get(url).status_code == 200
    # Nothing expired today: the POST is refused with the page's reason, and no job starts.
    assert client.post(url, {"today": "2026-01-01"}).status_code == 200
    assert not Job.objects.filter(kind="accounts.retention_anonymise").exists()
    # The project ended eight years ago: its records are listed, and confirming anonymises them.
    Project.objects.filter(pk=finished.project_id).update(
        starts_on=dt.date(2017, 1, 1), ends_on=dt.date(2018, 6, 30)
    )
    page = client.get(url).content.decode()
    assert "2 " in page and "Anonimizuj" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"today": dt.date.today().isoformat()})
    job = Job.objects.get(kind="accounts.retention_anonymise")
    assert response.url == reverse("core:job-detail", args=[job.pk])
    result_page = client.get(response.url).content.decode()
    assert "Zanonimizowano" in result_page and "Rekordy" in result_page
    job.refresh_from_db()
    assert job.status == "succeeded" and job.result["total"] > 0
    assert retention.review().total == 0
    client.force_login(regional)
    assert client.get(url).status_code == 403


def test_an_erasure_request_is_refused_during_retention_and_carried_out_after(
    client, regional, finished
):
    project = Project.objects.get(pk=finished.project_id)
    person = finished.participants.order_by("pk").first().user
    email = person.email
    client.force_login(person)
    response = client.post(reverse("accounts:my-erasure"))
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="accounts.user.erasure_refused")
    assert entry.actor == person
    assert entry.data["keep_until"] == keep_until(project.ends_on).isoformat()
    assert str(keep_until(project.ends_on).year) in entry.data["reason"]
    person.refresh_from_db()
    assert person.email == email and person.is_active

    after = dt.date(project.ends_on.year + 7, 1, 1)
    result = person_erasure(actor=regional, person=person, today=after)
    assert result.done
    person.refresh_from_db()
    assert not person.is_active and person.email.endswith("@anonim.invalid")
    assert person.full_name == ""
    assert not finished.participants.filter(email=email).exists()
    done = AuditEntry.objects.get(action="accounts.user.erased")
    assert done.actor == regional and email not in done.target_repr


def test_an_operator_whose_actions_are_within_retention_is_refused(national, finished):
    """What a person did is kept with the trail: an operator's erasure waits for it too."""
    result = person_erasure(actor=national, person=national)
    assert not result.done
    assert result.keep_until == keep_until(dt.date.today())
    entry = AuditEntry.objects.get(action="accounts.user.erasure_refused")
    assert entry.actor == national and entry.data["reason"] == result.reason
    national.refresh_from_db()
    assert national.is_active
