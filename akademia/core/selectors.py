"""Reads of jobs and the audit log, scoped by role."""

from django.db.models import Q, QuerySet

from akademia.accounts.permissions import get_or_404, scope_of, visible, visible_or_404
from akademia.core.models import AuditEntry, Job, OutboxEmail


def job_list_for(user) -> QuerySet[Job]:
    """A person sees the jobs they started; a national operator sees all."""
    return visible(Job.objects.all(), user)


def job_get_for(user, pk) -> Job:
    return visible_or_404(Job.objects.all(), user, pk=pk)


def audit_list_for(user) -> QuerySet[AuditEntry]:
    """A national operator reads the whole log; a regional operator the entries of their
    voivodeships and their own actions."""
    entries = AuditEntry.objects.select_related("actor")
    scope = scope_of(user)
    if scope.everything:
        return entries
    codes = list(user.voivodeships.values_list("code", flat=True))
    return entries.filter(Q(voivodeship_code__in=codes) | Q(actor=user))


def job_unfinished(kind: str) -> Job | None:
    """A job of this kind still queued or running, if any (for "one at a time" rules)."""
    from akademia.core.models import JobStatus

    return (
        Job.objects.filter(kind=kind, status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        .order_by("-created_at")
        .first()
    )


def failed_emails_for(user) -> QuerySet[OutboxEmail]:
    """E-mails the platform gave up sending, latest failure first, without their bodies (never
    shown); only a national operator's scope covers them."""
    failed = OutboxEmail.objects.filter(failed_at__isnull=False, sent_at__isnull=True)
    return visible(failed.defer("body").order_by("-failed_at", "-pk"), user)


def failed_email_get_for(user, pk: int) -> OutboxEmail:
    return get_or_404(failed_emails_for(user), pk=pk)
