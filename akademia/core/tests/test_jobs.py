"""Background jobs: progress and result on a page, safe retries, cancel, and the real worker."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from akademia.core import jobs
from akademia.core.errors import DomainError
from akademia.core.models import Job, JobStatus


@jobs.handler("tests.count")
def _count(job, progress):
    progress(50, "half")
    if job.params.get("fail"):
        raise DomainError("Nie da się policzyć")
    return {"counted": job.params["n"]}


def test_job_runs_and_its_page_shows_the_result(
    client, national, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(kind="tests.count", label="Liczenie", actor=national, params={"n": 7})
    job.refresh_from_db()
    assert (job.status, job.progress, job.result) == (JobStatus.SUCCEEDED, 100, {"counted": 7})
    client.force_login(national)
    html = client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert "counted" in html and "7" in html


def test_a_second_run_of_the_same_job_does_nothing(national):
    job = Job.objects.create(kind="tests.count", label="x", params={"n": 1}, created_by=national)
    jobs.job_run(str(job.pk))
    Job.objects.filter(pk=job.pk).update(result={"counted": "kept"})
    jobs.job_run(str(job.pk))  # a retry, or a second worker that got the same task
    job.refresh_from_db()
    assert job.result == {"counted": "kept"}


def test_domain_error_fails_the_job_with_its_message(national):
    job = Job.objects.create(
        kind="tests.count", label="x", params={"fail": True}, created_by=national
    )
    jobs.job_run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "Nie da się policzyć")


def test_cancel_stops_a_running_job_at_its_next_progress_report(national):
    job = Job.objects.create(kind="tests.count", label="x", params={"n": 1}, created_by=national)
    Job.objects.filter(pk=job.pk).update(cancel_requested=True)
    jobs.job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED


def test_cancel_of_a_queued_job_is_immediate(client, national):
    job = Job.objects.create(kind="tests.count", label="x", params={"n": 1}, created_by=national)
    client.force_login(national)
    client.post(reverse("core:job-cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED


def test_status_partial_for_htmx_polling(client, national):
    job = Job.objects.create(kind="tests.count", label="x", created_by=national)
    client.force_login(national)
    response = client.get(reverse("core:job-detail", args=[job.pk]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="job-status"')
    assert 'hx-trigger="every 1s"' in html


@pytest.mark.django_db(transaction=True)
def test_database_queue_and_worker_command(registry, national):
    """The real path: enqueue into the database, `akademia worker --batch` runs it."""
    db_backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=db_backend):
        job = jobs.job_start(kind="tests.count", label="x", actor=national, params={"n": 3})
        job.refresh_from_db()
        assert job.status == JobStatus.QUEUED  # on_commit enqueued it; nobody ran it yet
        call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")
    job.refresh_from_db()
    assert (job.status, job.result) == (JobStatus.SUCCEEDED, {"counted": 3})
