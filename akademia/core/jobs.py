"""Background jobs a person starts and watches: start, report progress, cancel.

A job kind maps to a handler `handler(job, progress) -> dict` registered with `@handler(kind)`.
The handler gets the Job row (its params) and a `Progress` to report to; it returns the result
shown on the job page. Raising DomainError fails the job with that message for the user.

A worker can die mid-job (kill -9, out of memory, a lost machine). While a handler runs, its
job's heartbeat is touched by every progress report and by a small thread; `jobs_reap` finds
running jobs whose heartbeat is older than JOB_HEARTBEAT_TIMEOUT and queues them again (up to
JOB_MAX_ATTEMPTS), fails them with a message, or cancels them if the person asked to. Each claim
is a new attempt, and every write of a run checks its attempt number, so a worker wrongly taken
for dead cannot overwrite the attempt that replaced it: a job finishes once. See docs/tasks.md.
"""

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from akademia.core.errors import DomainError
from akademia.core.models import Job, JobStatus

logger = logging.getLogger(__name__)

_HANDLERS: dict[str, Callable] = {}


class JobCancelled(Exception):
    """Raised inside a handler when the person asked to stop."""


class JobLost(Exception):
    """Raised inside a handler whose attempt is no longer the job's current one: the reaper
    took the job from a worker it thought dead. The run stops and writes nothing more."""


def handler(kind: str):
    def register(func: Callable) -> Callable:
        _HANDLERS[kind] = func
        return func

    return register


def _this_attempt(job: Job):
    """The rows this run of the job may still write: running, and claimed by this attempt."""
    return Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempt=job.attempt)


class Progress:
    """Writes progress straight to the row (outside the handler's transaction, if any)."""

    def __init__(self, job: Job):
        self.job = job

    def __call__(self, percent: int, message: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        mine = _this_attempt(self.job).update(
            progress=percent, message=str(message)[:300], heartbeat_at=timezone.now()
        )
        if not mine:
            raise JobLost
        if Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise JobCancelled


class _Heartbeat:
    """Touches the job's heartbeat every JOB_HEARTBEAT_SECONDS while a handler runs, so a long
    step without progress reports does not look dead. Its own thread, its own connection."""

    def __init__(self, job: Job):
        self.job = job
        self.stopped = threading.Event()
        self.thread = threading.Thread(
            target=self._beat, name=f"job-heartbeat-{job.pk}", daemon=True
        )

    def start(self) -> "_Heartbeat":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(settings.JOB_HEARTBEAT_SECONDS):
                try:
                    if not _this_attempt(self.job).update(heartbeat_at=timezone.now()):
                        return  # reaped, cancelled or finished: nothing left to keep alive
                except DatabaseError:
                    logger.warning("Heartbeat of job %s failed; trying again", self.job.pk)
        finally:
            connections.close_all()  # the connections of this thread only


def job_start(*, kind: str, label: str, actor, params: dict | None = None) -> Job:
    """Create the job and enqueue it once the surrounding transaction commits."""
    if kind not in _HANDLERS:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, label=str(label), params=params or {}, created_by=actor)
    _enqueue(job.pk)
    return job


def _enqueue(job_id) -> None:
    from akademia.core.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(str(job_id)))


def job_cancel(*, job: Job, now: datetime | None = None) -> Job:
    """Ask a running job to stop; a queued job stops at once, and so does a running job whose
    worker is gone (its heartbeat is stale)."""
    now = now or timezone.now()
    unfinished = Job.objects.filter(pk=job.pk, status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
    unfinished.update(cancel_requested=True)
    unfinished.filter(status=JobStatus.QUEUED).update(status=JobStatus.CANCELLED, finished_at=now)
    jobs_reap(now=now, job=job)
    job.refresh_from_db()
    return job


def job_run(job_id: str) -> None:
    """Run a job once. Safe to call twice (a retry or a second worker): only a queued job runs,
    claimed as a new attempt."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, status=JobStatus.QUEUED).first()
        if job is None:
            return
        now = timezone.now()
        job.attempt += 1
        job.status = JobStatus.RUNNING
        job.started_at = job.heartbeat_at = now
        job.worker = f"{socket.gethostname()}:{os.getpid()}"[:100]
        job.save(update_fields=["attempt", "status", "started_at", "heartbeat_at", "worker"])
    if job.cancel_requested:  # asked to stop between the queue and this claim: never starts
        _finish(job, JobStatus.CANCELLED)
        return
    # Inside a transaction (inline tasks in tests) no other connection sees the claim anyway.
    outside_transaction = not transaction.get_connection().in_atomic_block
    heartbeat = _Heartbeat(job).start() if outside_transaction else None
    try:
        try:
            result = _HANDLERS[job.kind](job, Progress(job))
        finally:
            if heartbeat:
                heartbeat.stop()
    except JobLost:
        logger.warning(
            "Job %s attempt %s was taken over; its result is dropped", job.pk, job.attempt
        )
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


def _finish(job: Job, status: str, *, result=None, error: str = "", progress=None) -> bool:
    """Record the end of this attempt; nothing happens if the job is no longer this attempt's."""
    fields = {"status": status, "finished_at": timezone.now(), "result": result, "error": error}
    if progress is not None:
        fields["progress"] = progress
    if _this_attempt(job).update(**fields):
        return True
    logger.warning("Job %s attempt %s finished too late; the job moved on", job.pk, job.attempt)
    return False


# The reaper ---------------------------------------------------------------------------------


def _stale(now: datetime) -> Q:
    """Running, and silent for longer than the timeout (a row from before heartbeats: by its
    start)."""
    cutoff = now - timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT)
    return Q(status=JobStatus.RUNNING) & (
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )


def job_is_stale(job: Job, now: datetime | None = None) -> bool:
    """Whether the loaded row looks abandoned (no query); `jobs_reap` decides for real."""
    if job.status != JobStatus.RUNNING:
        return False
    beat = job.heartbeat_at or job.started_at
    now = now or timezone.now()
    return beat is None or beat < now - timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT)


def jobs_reap(*, now: datetime | None = None, job: Job | None = None) -> int:
    """Resolve running jobs whose worker is gone; returns how many were resolved.

    A job the person asked to cancel ends cancelled; another is queued again while it has
    attempts left, else it fails with a message. Each change is one conditional UPDATE on the
    attempt that was seen, so reapers running at once (every worker runs one) resolve a job once.
    """
    now = now or timezone.now()
    candidates = Job.objects.filter(_stale(now))
    if job is not None:
        candidates = candidates.filter(pk=job.pk)
    resolved = 0
    for pk, attempt in candidates.values_list("pk", "attempt"):
        if _reap_one(pk, attempt, now):
            resolved += 1
    if job is None:
        _queue_rows_reap(now)
    return resolved


def _reap_one(pk, attempt: int, now: datetime) -> bool:
    seen = Job.objects.filter(_stale(now), pk=pk, attempt=attempt)
    # Written in the site's language, like everything the worker writes to the row.
    with translation.override(settings.LANGUAGE_CODE):
        if seen.filter(cancel_requested=True).update(
            status=JobStatus.CANCELLED,
            finished_at=now,
            message=_("Cancelled; the worker running the job had stopped responding."),
        ):
            outcome = "cancelled"
        elif attempt < settings.JOB_MAX_ATTEMPTS and seen.filter(cancel_requested=False).update(
            status=JobStatus.QUEUED,
            progress=0,
            heartbeat_at=None,
            message=_(
                "The worker running the job stopped responding; the job was queued again "
                "(attempt %(next)d of %(max)d)."
            )
            % {"next": attempt + 1, "max": settings.JOB_MAX_ATTEMPTS},
        ):
            outcome = "queued again"
            _enqueue(pk)
        elif attempt >= settings.JOB_MAX_ATTEMPTS and seen.filter(cancel_requested=False).update(
            status=JobStatus.FAILED,
            finished_at=now,
            error=_(
                "Job interrupted: the worker process stopped responding (attempts: %(attempts)d). "
                "Please start it again; if this repeats, tell the operators."
            )
            % {"attempts": attempt},
        ):
            outcome = "failed"
        else:
            return False  # another reaper, the worker itself or a cancel got there first
    logger.warning("Job %s attempt %s lost its worker: %s", pk, attempt, outcome)
    _queue_rows_abandon(pk, now)
    return True


# The database queue (django-tasks-db) leaves the row of a task whose worker died RUNNING for
# ever; the reaper closes such rows so the queue tells the truth. A job is re-run through a new
# task, never through the old row.


def _queue_rows():
    if not apps.is_installed("django_tasks_db"):
        return None
    from django_tasks_db.models import DBTaskResult

    from akademia.core.tasks import run_job

    return DBTaskResult.objects.filter(task_path=run_job.module_path)


def _queue_rows_abandon(job_id, now: datetime, rows=None) -> None:
    rows = rows if rows is not None else _queue_rows()
    if rows is None:
        return
    rows.filter(status="RUNNING", args_kwargs__args__0=str(job_id)).update(
        status="FAILED",
        finished_at=now,
        exception_class_path=f"{JobLost.__module__}.{JobLost.__qualname__}",
        traceback="The worker stopped responding; the job was resolved by the reaper.",
    )


def _queue_rows_reap(now: datetime) -> None:
    """Running queue rows older than the timeout whose job is not running: the worker died
    between taking the task and claiming the job (the job is still queued, so it gets a new
    task) or after finishing the job."""
    rows = _queue_rows()
    if rows is None:
        return
    cutoff = now - timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT)
    old = rows.filter(status="RUNNING", started_at__lt=cutoff)
    job_ids = {str(row.args_kwargs["args"][0]) for row in old.only("args_kwargs")}
    for job_id in job_ids:
        job = Job.objects.filter(pk=job_id).only("status").first()
        if job is not None and job.status == JobStatus.RUNNING:
            continue  # its own heartbeat decides
        _queue_rows_abandon(job_id, now, old)
        waiting = rows.filter(status="READY", args_kwargs__args__0=job_id).exists()
        if job is not None and job.status == JobStatus.QUEUED and not waiting:
            logger.warning("Job %s was taken by a worker that died before running it", job_id)
            _enqueue(job_id)


def job_file_save(data: bytes, *, suffix: str) -> Path:
    """Keep an uploaded file for a job to read (jobs take ids and paths, never bytes); the
    handler reads it through `job_file`, which deletes it when the run is over."""
    path = Path(settings.MEDIA_ROOT) / "imports" / f"job-{uuid.uuid4().hex}{suffix}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@contextmanager
def job_file(path: Path | str):
    """A job's uploaded file for the length of one run: deleted when the run is over (done,
    failed or cancelled) but kept when the worker loses the job, for the attempt that takes
    it over. A process being killed raises nothing here, so the file stays for that attempt."""
    path = Path(path)
    if not path.exists():
        raise DomainError(_("The uploaded file is no longer available; please upload it again."))
    try:
        yield path
    except JobLost:
        raise  # another attempt owns the job now and reads the file
    except Exception:
        path.unlink(missing_ok=True)
        raise
    path.unlink(missing_ok=True)
