"""Completion rules and certificates (zaświadczenia ukończenia).

* `completion_rules_save`: a national operator sets a programme version's rules.
* `certificates_issue`: an operator starts the job that issues a group's certificates
  (`delivery.jobs.issue_certificates`), after its confirmation page; refused, with the words of
  `certificates_issue_blocker`, while the training is not over or nobody is left to issue.
* `certificate_issue`: one person's certificate, exactly once. The participant's row is locked
  first, so two runs (a job run again, or a new attempt after a killed worker while the old one
  still runs) wait for each other and the second finds the certificate; the unique constraint
  on participant and version backs it up. Each certificate is its own transaction, so a run
  killed half-way keeps what it issued and the next run issues the rest.
* `certificate_revoke`: with a reason; the certificate then verifies as revoked.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit, outbox
from akademia.core.errors import DomainError
from akademia.core.jobs import job_start
from akademia.core.models import Job
from akademia.core.services import service
from akademia.delivery import certificates, completion, selectors
from akademia.delivery.models import Certificate, CompletionRules, Participant
from akademia.planning.models import TrainingGroup
from akademia.programmes.models import ProgrammeVersion

ISSUE_JOB = selectors.ISSUE_JOB


@service
def completion_rules_save(
    *,
    actor: Actor,
    version: ProgrammeVersion,
    min_attendance_percent: int,
    require_tasks: bool,
    require_advisory: bool,
    require_final_test: bool,
) -> CompletionRules:
    """Certificates already issued stay as they are; the rules count for those issued next."""
    require(actor, Capability.SET_COMPLETION_RULES, version)
    if not 0 <= min_attendance_percent <= 100:
        raise DomainError(_("Give a percentage from 0 to 100."), field="min_attendance_percent")
    fields = {
        "min_attendance_percent": min_attendance_percent,
        "require_tasks": require_tasks,
        "require_advisory": require_advisory,
        "require_final_test": require_final_test,
    }
    rules, _created = CompletionRules.objects.update_or_create(
        version=version, defaults=fields | {"updated_by": audit.person(actor)}
    )
    audit.record(actor, "delivery.completion_rules.saved", rules, fields)
    return rules


def _day(value) -> str:
    return formats.date_format(value, "j E Y")


def certificates_issue_blocker(group: TrainingGroup) -> str:
    """Why the group's certificates cannot be issued now, or "" when they can."""
    book = completion.evaluate_group(group, selectors.completion_participants(group))
    words = {"code": group.code}
    if book.version is None:
        return _("The programme version of group %(code)s is not known.") % words
    if book.ends_on is None:
        return _("Group %(code)s has no training days.") % words
    if book.ends_on >= timezone.localdate():
        return _(
            "The training of group %(code)s ends on %(day)s: certificates are issued after its "
            "last day."
        ) % (words | {"day": _day(book.ends_on)})
    if selectors.issuing_job(group) is not None:
        return _("The certificates of group %(code)s are being issued now.") % words
    if not book.qualifying:
        return _("Nobody in group %(code)s qualifies for a certificate not issued yet.") % words
    return ""


@service
def certificates_issue(*, actor: Actor, group: TrainingGroup) -> Job:
    """Start the job that issues the certificates of everyone in the group who qualifies."""
    require(actor, Capability.ISSUE_CERTIFICATES, group)
    selectors.group_locked(group.pk)  # two clicks at once: the second sees the first's job
    blocker = certificates_issue_blocker(group)
    if blocker:
        raise DomainError(blocker)
    job = job_start(
        kind=ISSUE_JOB,
        label=_("Certificates of group %(code)s") % {"code": group.code},
        actor=actor,
        params={
            "group": group.pk,
            "back_url": reverse("delivery:group-completion", args=[group.pk]),
        },
    )
    audit.record(actor, "delivery.certificates.issue_started", group, {"job": str(job.pk)})
    return job


def _issued_email(certificate: Certificate, user) -> outbox.Email:
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    subject, body = certificates.render_certificate_issued(
        full_name=certificate.full_name,
        programme=certificate.programme_title,
        number=certificate.number,
        language=language,
    )
    key = f"delivery.certificate_issued:{certificate.pk}"
    return outbox.Email(key=key, to=user.email, subject=subject, body=body)


@service
def certificate_issue(
    *, actor: Actor, participant: Participant, job: Job | None = None
) -> tuple[Certificate, bool]:
    """The participant's certificate: made now if they qualify (True), or the one they have
    (False). Refused with the reasons when they do not qualify."""
    require(actor, Capability.ISSUE_CERTIFICATES, participant)
    participant = selectors.participant_locked(participant.pk)
    version = selectors.group_version(participant.group)
    if version is None:
        raise DomainError(_("The group's programme version is not known."))
    existing = selectors.certificate_of(participant, version)
    if existing is not None:
        return existing, False
    people = selectors.completion_participants(participant.group).filter(pk=participant.pk)
    standing = completion.evaluate_group(participant.group, people).people[0]
    if not standing.qualifies:
        raise DomainError(
            _("%(name)s does not qualify: %(reasons)s")
            % {"name": participant.full_name, "reasons": " ".join(standing.reasons)}
        )
    certificate = Certificate(
        number=certificates.new_number(),
        participant=participant,
        version=version,
        full_name=participant.full_name,
        programme_title=version.title,
        version_number=version.number,
        project_name=participant.group.project.name,
        funding=settings.CERTIFICATE_FUNDING,
        issuer=settings.CERTIFICATE_ISSUER,
        completion=[result.as_dict() for result in standing.results],
        issued_at=timezone.now(),
        issued_by=audit.person(actor),
        job=job,
        **selectors.certificate_facts(participant, version),
    )
    try:
        with transaction.atomic():  # a savepoint: the constraint's refusal leaves ours usable
            certificate.save()
    except IntegrityError:
        existing = selectors.certificate_of(participant, version)
        if existing is None:
            raise
        return existing, False
    audit.record(
        actor,
        "delivery.certificate.issued",
        certificate,
        {"participant": participant.pk, "version": version.pk},
    )
    outbox.queue_many([_issued_email(certificate, participant.user)])
    return certificate, True


@service
def certificate_revoke(*, actor: Actor, certificate: Certificate, reason: str) -> Certificate:
    """Unieważnienie: the certificate stays, verifies as revoked (with the date) and is no
    longer downloaded."""
    require(actor, Capability.ISSUE_CERTIFICATES, certificate)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the revocation."), field="reason")
    certificate = selectors.certificate_locked(certificate.pk)
    if certificate.is_revoked:
        raise DomainError(
            _("This certificate was already revoked on %(day)s.")
            % {"day": _day(timezone.localtime(certificate.revoked_at))}
        )
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = audit.person(actor)
    certificate.revoke_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit.record(actor, "delivery.certificate.revoked", certificate, {"reason": reason})
    return certificate
