"""A worker that dies mid-job: heartbeat, the reaper, attempts, cancel, and exactly one finish.

No test sleeps to make a heartbeat old: the reaper gets `now` from the test.
"""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from akademia.core import jobs
from akademia.core.models import Job, JobStatus
from akademia.core.tasks import run_job

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ran: list[tuple[str, int]] = []  # (job id, attempt) of every handler run in this process


@pytest.fixture(autouse=True)
def _runs():
    ran.clear()
    yield
    ran.clear()


@jobs.handler("tests.once")
def _once(job, progress):
    ran.append((str(job.pk), job.attempt))
    progress(50, "half")
    return {"attempt": job.attempt}


def _later(beat=None):
    """A moment at which a heartbeat written at `beat` (default: now) is stale."""
    beat = beat or timezone.now()
    return beat + timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT + 1)


def _dead(actor=None, *, attempt=1, cancel_requested=False, kind="tests.once") -> Job:
    """A job a worker claimed (attempt `attempt`) just before it was killed."""
    now = timezone.now()
    return Job.objects.create(
        kind=kind,
        label="x",
        created_by=actor,
        status=JobStatus.RUNNING,
        attempt=attempt,
        started_at=now,
        heartbeat_at=now,
        progress=40,
        cancel_requested=cancel_requested,
    )


def test_a_job_whose_worker_died_is_queued_again_and_finishes_once(
    national, django_capture_on_commit_callbacks
):
    job = _dead(national)
    assert jobs.jobs_reap(now=job.heartbeat_at) == 0  # a fresh heartbeat: the worker is alive
    with django_capture_on_commit_callbacks(execute=True):  # the inline queue runs it at once
        assert jobs.jobs_reap(now=_later(job.heartbeat_at)) == 1
    job.refresh_from_db()
    assert (job.status, job.attempt, job.result) == (JobStatus.SUCCEEDED, 2, {"attempt": 2})
    assert ran == [(str(job.pk), 2)]
    # Reaping again, or the killed worker's run finishing late after all, changes nothing.
    assert jobs.jobs_reap(now=_later(_later())) == 0
    assert not jobs._finish(Job(pk=job.pk, attempt=1), JobStatus.FAILED, error="late")
    job.refresh_from_db()
    assert (job.status, job.result, job.error) == (JobStatus.SUCCEEDED, {"attempt": 2}, "")


def test_a_job_requeued_waits_for_a_worker_and_says_why(
    client, national, django_capture_on_commit_callbacks
):
    job = _dead(national)
    with django_capture_on_commit_callbacks() as callbacks:  # no worker runs it yet
        jobs.jobs_reap(now=_later(job.heartbeat_at))
    assert len(callbacks) == 1  # one new task in the queue
    job.refresh_from_db()
    assert (job.status, job.progress, job.heartbeat_at) == (JobStatus.QUEUED, 0, None)
    client.force_login(national)
    html = client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert "Proces roboczy przestał odpowiadać; zadanie czeka w kolejce ponownie" in html


def test_after_the_last_attempt_the_job_fails_with_a_message(client, national):
    job = _dead(national, attempt=settings.JOB_MAX_ATTEMPTS)
    assert jobs.jobs_reap(now=_later(job.heartbeat_at)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at
    assert job.error.startswith("Zadanie przerwane: proces roboczy przestał odpowiadać")
    assert ran == []
    client.force_login(national)
    html = client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert "Zadanie przerwane" in html and 'hx-trigger="every 1s"' not in html


def test_the_job_page_resolves_a_dead_job_even_with_no_worker_alive(client, national):
    job = _dead(national, attempt=settings.JOB_MAX_ATTEMPTS)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    client.force_login(national)
    html = client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "Zadanie przerwane" in html


def test_cancel_of_a_running_job_whose_worker_died_ends_it_at_once(client, national):
    job = _dead(national)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    client.force_login(national)
    client.post(reverse("core:job-cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.finished_at
    assert ran == []


def test_cancel_of_a_live_running_job_waits_for_it_then_the_reaper_ends_it_if_it_dies(
    client, national
):
    job = _dead(national)  # heartbeat fresh: the worker may well be alive
    client.force_login(national)
    client.post(reverse("core:job-cancel", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.cancel_requested) == (JobStatus.RUNNING, True)
    html = client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert "Zatrzymywanie" in html
    assert reverse("core:job-cancel", args=[job.pk]) not in html  # nothing more to press
    # Its worker never reports again: cancelled, not queued again.
    assert jobs.jobs_reap(now=_later(job.heartbeat_at)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert ran == []


def test_two_reapers_at_once_resolve_a_job_once(
    national, monkeypatch, django_capture_on_commit_callbacks
):
    """Both reapers see the same stale job; the second's conditional update finds it moved."""
    job = _dead(national)
    now = _later(job.heartbeat_at)
    reap_one = jobs._reap_one
    other = []

    def interleaved(pk, attempt, now):
        monkeypatch.setattr(jobs, "_reap_one", reap_one)
        other.append(jobs.jobs_reap(now=now))  # another worker's reaper runs in between
        return reap_one(pk, attempt, now)

    monkeypatch.setattr(jobs, "_reap_one", interleaved)
    with override_settings(TASKS=DATABASE_QUEUE), django_capture_on_commit_callbacks(execute=True):
        first = jobs.jobs_reap(now=now)
    assert (first, other) == (0, [1])
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # queued again once
    job.refresh_from_db()
    assert (job.status, job.attempt) == (JobStatus.QUEUED, 1)


@jobs.handler("tests.taken_over")
def _taken_over(job, progress):
    """Stands for a worker that stalls past the timeout: meanwhile the job is reaped and run
    again by another worker; then this run wakes up and reports."""
    ran.append((str(job.pk), job.attempt))
    if job.attempt == 1:
        jobs.jobs_reap(now=_later())  # queued again (the test runs it later)
        jobs.job_run(str(job.pk))  # another worker takes it: attempt 2 runs and finishes
        progress(90, "late")  # the stalled first run wakes up: JobLost, it writes nothing
        raise AssertionError("not reached")
    progress(50, "second")
    return {"attempt": job.attempt}


def test_a_stale_workers_late_progress_and_finish_do_not_overwrite_the_new_attempt(national):
    job = Job.objects.create(kind="tests.taken_over", label="x", created_by=national)
    jobs.job_run(str(job.pk))
    job.refresh_from_db()
    assert ran == [(str(job.pk), 1), (str(job.pk), 2)]
    assert (job.status, job.attempt, job.result) == (JobStatus.SUCCEEDED, 2, {"attempt": 2})
    assert (job.progress, job.message) == (100, "second")
    # Nor does its heartbeat.
    assert not jobs._this_attempt(Job(pk=job.pk, attempt=1)).update(heartbeat_at=timezone.now())


def test_a_queued_job_asked_to_stop_does_not_start(national):
    job = Job.objects.create(kind="tests.once", label="x", created_by=national)
    Job.objects.filter(pk=job.pk).update(cancel_requested=True)
    jobs.job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert ran == []


@jobs.handler("tests.quiet")
def _quiet(job, progress):
    """A long step that reports no progress: only the heartbeat thread shows it is alive."""
    started = job.heartbeat_at
    for _ in range(500):  # a bound for a noisy machine, not a timing assertion
        time.sleep(0.02)
        try:
            if Job.objects.get(pk=job.pk).heartbeat_at > started:
                return {"beat": True}
        except OperationalError:  # SQLite's shared-cache test database: the beat is writing
            continue
    return {"beat": False}


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_goes_on_while_a_handler_reports_nothing():
    job = Job.objects.create(kind="tests.quiet", label="x")
    with override_settings(JOB_HEARTBEAT_SECONDS=0.01):
        jobs.job_run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.result) == (JobStatus.SUCCEEDED, {"beat": True})


def _queue_row(job: Job, **fields) -> DBTaskResult:
    """The queue's row of a task a killed worker had taken: django-tasks-db leaves it RUNNING."""
    with override_settings(TASKS=DATABASE_QUEUE):
        result = run_job.enqueue(str(job.pk))
    row = DBTaskResult.objects.get(pk=result.id)
    for name, value in {"status": "RUNNING", "worker_ids": ["killed"], **fields}.items():
        setattr(row, name, value)
    row.save()
    return row


@pytest.mark.django_db(transaction=True)
def test_a_starting_worker_reaps_a_dead_workers_job_and_runs_it():
    long_ago = timezone.now() - timedelta(hours=1)
    job = _dead()
    Job.objects.filter(pk=job.pk).update(heartbeat_at=long_ago)
    row = _queue_row(job, started_at=long_ago)
    with override_settings(TASKS=DATABASE_QUEUE):
        call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")
    job.refresh_from_db()
    row.refresh_from_db()
    assert (job.status, job.attempt, job.result) == (JobStatus.SUCCEEDED, 2, {"attempt": 2})
    assert row.status == "FAILED"  # the dead worker's row no longer claims to run
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert ran == [(str(job.pk), 2)]


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_died_before_claiming_it_gets_a_new_task():
    """Killed between taking the task from the queue and claiming the job: the job is still
    queued, but no queue row is ready for it."""
    long_ago = timezone.now() - timedelta(hours=1)
    job = Job.objects.create(kind="tests.once", label="x")
    row = _queue_row(job, started_at=long_ago)
    with override_settings(TASKS=DATABASE_QUEUE):
        call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")
    job.refresh_from_db()
    row.refresh_from_db()
    assert (job.status, job.attempt) == (JobStatus.SUCCEEDED, 1)
    assert row.status == "FAILED"
    assert ran == [(str(job.pk), 1)]


@pytest.mark.django_db(transaction=True)
def test_a_running_workers_reaper_thread_resolves_a_job_left_by_a_dead_one():
    from akademia.core.management.commands.worker import Reaper

    job = _dead(attempt=settings.JOB_MAX_ATTEMPTS)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    reaper = Reaper(every=0.01).start()
    try:
        for _ in range(500):  # a bound for a noisy machine, not a timing assertion
            time.sleep(0.02)
            try:
                job.refresh_from_db()
            except OperationalError:  # SQLite's shared-cache test database: the reaper writes
                continue
            if job.status != JobStatus.RUNNING:
                break
    finally:
        reaper.stop()
    assert job.status == JobStatus.FAILED
    assert not reaper.thread.is_alive()
