import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akademia.core.scope import ScopePaths


class AuditEntry(models.Model):
    """One state change, recorded in the same transaction as the change itself ("dziennik zdarzeń").

    `voivodeship_code` scopes the entry, so that a regional operator reads only its own trail.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("time"))
    # PROTECT: an entry is never changed (core/append_only.py), so an account that acted is
    # deactivated, not deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("who"),
    )
    action = models.CharField(max_length=100, db_index=True, verbose_name=_("action"))
    target_type = models.CharField(max_length=100, verbose_name=_("kind of object"))
    target_id = models.CharField(max_length=64, verbose_name=_("object number"))
    target_repr = models.CharField(max_length=300, verbose_name=_("object"))
    voivodeship_code = models.CharField(
        max_length=2, blank=True, db_index=True, verbose_name=_("voivodeship (TERYT code)")
    )
    data = models.JSONField(default=dict, blank=True, verbose_name=_("details"))

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.action} {self.target_repr}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("finished")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("cancelled")


FINAL_JOB_STATUSES = {JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED}


class Job(models.Model):
    """A unit of background work a person started and can watch: progress, result, cancel.

    The Tasks API runs it (core/tasks.py); this row is what the page shows.
    """

    # Seen by whoever started it (and national operators).
    scope = ScopePaths(own="created_by")

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, editable=False, verbose_name=_("identifier")
    )
    kind = models.CharField(max_length=100, verbose_name=_("kind of job"))
    label = models.CharField(max_length=300, verbose_name=_("name"))
    params = models.JSONField(default=dict, blank=True, verbose_name=_("parameters"))
    status = models.CharField(
        max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED, verbose_name=_("status")
    )
    progress = models.PositiveSmallIntegerField(default=0, verbose_name=_("progress, in percent"))
    message = models.CharField(max_length=300, blank=True, verbose_name=_("message"))
    result = models.JSONField(null=True, blank=True, verbose_name=_("result"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    cancel_requested = models.BooleanField(default=False, verbose_name=_("cancelling requested"))
    # Each claim by a worker is a new attempt; its number is the claim token that every write
    # of that run checks, so a worker taken for dead cannot overwrite a later attempt.
    attempt = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempt"))
    # Touched while the handler runs (core/jobs.py); a running job with an old heartbeat has
    # lost its worker and is queued again or failed by `jobs_reap` (docs/tasks.md).
    heartbeat_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last sign of life"))
    # host:pid of the latest attempt
    worker = models.CharField(max_length=100, blank=True, verbose_name=_("worker"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished"))

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="core_job_status_beat")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="core_job_progress_at_most_100",
                violation_error_message=_("Progress cannot exceed 100 percent."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=JobStatus.values),
                name="core_job_status_valid",
                violation_error_message=_("Unknown status of a job."),
            ),
        ]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return self.label

    @property
    def is_finished(self) -> bool:
        return self.status in FINAL_JOB_STATUSES


class RateHit(models.Model):
    """One counted use of a limited public action (a comment through a meeting link, a
    confirmation e-mail), for the limits of core/ratelimit.py.

    `key` is an HMAC of who or what is limited (a client address, an e-mail address), so the
    table keeps no personal data in the clear; rows older than their window are deleted.
    """

    scope = models.CharField(max_length=100, verbose_name=_("limited action"))
    key = models.CharField(max_length=64, verbose_name=_("client address"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("time"))

    class Meta:
        verbose_name = _("attempt counted by a limit")
        verbose_name_plural = _("attempts counted by limits")
        indexes = [models.Index(fields=["scope", "key", "created_at"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"


class OutboxEmail(models.Model):
    """One e-mail of the platform, queued in the transaction of the change it announces and
    sent once by the worker (core/outbox.py, docs/tasks.md).

    `key` is the caller's name for the message ("recruitment.result:<application>:<run>"): a
    message already queued under it is not queued again. A worker claims the row until
    `claimed_until` (`claim` is its token); a failure is tried again after `send_after`, and
    after OUTBOX_MAX_ATTEMPTS the row is `failed_at`. Once sent the body is emptied, and rows
    are deleted after OUTBOX_KEEP_DAYS: the body is personal data. `last_error` names the error
    (its class and SMTP code), never the server's text, which may quote addresses.
    """

    # The platform's own rows: only a national operator's scope covers them.
    scope = ScopePaths()

    key = models.CharField(max_length=200, unique=True, verbose_name=_("message key"))
    to = models.EmailField(verbose_name=_("recipient"))
    subject = models.CharField(max_length=300, verbose_name=_("subject"))
    body = models.TextField(blank=True, verbose_name=_("content"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("queued"))
    send_after = models.DateTimeField(default=timezone.now, verbose_name=_("send after"))
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    claim = models.CharField(max_length=32, blank=True, verbose_name=_("taken by a worker"))
    claimed_until = models.DateTimeField(null=True, blank=True, verbose_name=_("taken until"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent"))
    failed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("given up"))
    last_error = models.CharField(max_length=100, blank=True, verbose_name=_("last error"))

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["send_after"],
                name="core_outbox_pending",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            ),
            models.Index(fields=["sent_at"], name="core_outbox_sent"),
            models.Index(fields=["failed_at"], name="core_outbox_failed"),
        ]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return self.subject  # e.g. in the audit log; the key is an internal code
