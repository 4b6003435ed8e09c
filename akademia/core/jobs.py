"""Background jobs a person starts and watches: start, report progress, cancel.

A job kind maps to a handler `handler(job, progress) -> dict` registered with `@handler(kind)`.
The handler gets the Job row (its params) and a `Progress` to report to; it returns the result
shown on the job page. Raising DomainError fails the job with that message for the user.
"""

import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from akademia.core.errors import DomainError
from akademia.core.models import Job, JobStatus

_HANDLERS: dict[str, Callable] = {}


class JobCancelled(Exception):
    """Raised inside a handler when the person asked to stop."""


def handler(kind: str):
    def register(func: Callable) -> Callable:
        _HANDLERS[kind] = func
        return func

    return register


class Progress:
    """Writes progress straight to the row (outside the handler's transaction, if any)."""

    def __init__(self, job: Job):
        self.job = job

    def __call__(self, percent: int, message: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        Job.objects.filter(pk=self.job.pk).update(progress=percent, message=str(message)[:300])
        if Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise JobCancelled


def job_start(*, kind: str, label: str, actor, params: dict | None = None) -> Job:
    """Create the job and enqueue it once the surrounding transaction commits."""
    from akademia.core.tasks import run_job

    if kind not in _HANDLERS:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, label=str(label), params=params or {}, created_by=actor)
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def job_cancel(*, job: Job) -> Job:
    """Ask a running job to stop; a queued job stops at once."""
    if job.is_finished:
        return job
    job.cancel_requested = True
    if job.status == JobStatus.QUEUED:
        job.status = JobStatus.CANCELLED
        job.finished_at = timezone.now()
    job.save(update_fields=["cancel_requested", "status", "finished_at"])
    return job


def job_run(job_id: str) -> None:
    """Run a job once. Safe to call twice (a retry or a second worker): only a queued job runs."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_id)
    try:
        result = _HANDLERS[job.kind](job, Progress(job))
    except JobCancelled:
        _finish(job, JobStatus.CANCELLED)
    except DomainError as error:
        _finish(job, JobStatus.FAILED, error=str(error))
    except Exception:
        # The page shows a generic message; the traceback goes to the worker log.
        _finish(job, JobStatus.FAILED)
        raise
    else:
        _finish(job, JobStatus.SUCCEEDED, result=result, progress=100)


def _finish(job: Job, status: str, *, result=None, error: str = "", progress=None) -> None:
    fields = {"status": status, "finished_at": timezone.now(), "result": result, "error": error}
    if progress is not None:
        fields["progress"] = progress
    Job.objects.filter(pk=job.pk).update(**fields)


def job_file_save(data: bytes, *, suffix: str) -> Path:
    """Keep an uploaded file for a job to read (jobs take ids and paths, never bytes); the
    handler deletes it once read."""
    path = Path(settings.MEDIA_ROOT) / "imports" / f"job-{uuid.uuid4().hex}{suffix}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
