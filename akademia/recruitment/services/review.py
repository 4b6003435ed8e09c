"""The operators' review of applications, and the coordinator's participant data."""

from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.models import User
from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.services import user_verify_jst
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.recruitment import notifications, scoring
from akademia.recruitment.models import Application, ApplicationStatus
from akademia.recruitment.services.applications import (
    ApplicationIncomplete,
    rescore,
    submission_problems,
)
from akademia.recruitment.services.common import OPERATORS_ONLY


@service
def application_mark_complete(*, actor: Actor, application: Application) -> Application:
    require(actor, Capability.RUN_RECRUITMENT, application.call.project, OPERATORS_ONLY)
    if application.status != ApplicationStatus.SUBMITTED:
        raise DomainError(_("Only a submitted application can be checked as complete."))
    if not application.email_confirmed_at:
        raise DomainError(_("The coordinator has not confirmed the e-mail address yet."))
    problems = submission_problems(application)
    if problems:
        raise ApplicationIncomplete(problems)
    application.status = ApplicationStatus.COMPLETE
    application.save(update_fields=["status", "updated_at"])
    rescore(application)
    audit.record(
        actor,
        "recruitment.application.completed",
        application,
    )
    return application


@service
def application_verify_coordinator(*, actor: Actor, application: Application) -> User:
    """The operator checked the signed letter of intent: its coordinator acts for the JST.

    Until then the account that confirming the e-mail made sees only this application; after
    it, every record of the JST (its other applications, dates) and may withdraw them.
    """
    require(actor, Capability.RUN_RECRUITMENT, application.call.project, OPERATORS_ONLY)
    coordinator = application.coordinator
    if coordinator is None:
        raise DomainError(_("The coordinator has no account yet: the e-mail is not confirmed."))
    if coordinator.jst_id != application.jst_id:
        raise DomainError(_("The coordinator's account belongs to another JST."))
    if application.status in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN):
        raise DomainError(_("Only the letter of a submitted application can be checked."))
    if not application.letter:
        raise DomainError(_("The application has no signed letter of intent to check."))
    return user_verify_jst(
        actor=actor, user=coordinator, evidence=f"recruitment.application:{application.pk}"
    )


@service
def application_request_corrections(
    *, actor: Actor, application: Application, note: str
) -> Application:
    require(actor, Capability.RUN_RECRUITMENT, application.call.project, OPERATORS_ONLY)
    if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.COMPLETE):
        raise DomainError(_("Corrections can be asked for a submitted application only."))
    if not note.strip():
        raise DomainError(_("Say what needs to be corrected."), field="note")
    application.status = ApplicationStatus.CORRECTIONS
    application.corrections_note = note.strip()
    application.save(update_fields=["status", "corrections_note", "updated_at"])
    entry = audit.record(
        actor,
        "recruitment.application.corrections",
        application,
        {"note": application.corrections_note},
    )
    notifications.queue(application, "corrections", occasion=entry.pk)
    return application


@service
def application_set_manual_points(
    *, actor: Actor, application: Application, points: int | None
) -> Application:
    require(actor, Capability.RUN_RECRUITMENT, application.call.project, OPERATORS_ONLY)
    if application.call.is_published:
        raise DomainError(_("The results are published; scores can no longer change."))
    if points is not None and not 0 <= points <= scoring.MANUAL_SCALE:
        raise DomainError(
            _("Give from 0 to %(max)d points.") % {"max": scoring.MANUAL_SCALE}, field="points"
        )
    application.manual_points = points
    application.save(update_fields=["manual_points", "updated_at"])
    rescore(application)
    audit.record(
        actor,
        "recruitment.application.scored",
        application,
        {"manual_points": points, "score": application.score},
    )
    return application


@service
def monitoring_save(
    *, actor: Actor, application: Application, rows: dict[int, dict]
) -> Application:
    """The second step after selection: per team member the data EU-funds monitoring needs."""
    require(
        actor,
        Capability.FOLLOW_OWN_APPLICATIONS,
        application,
        _("Only the JST's coordinator completes the participants' data."),
    )
    if application.status != ApplicationStatus.SELECTED:
        raise DomainError(_("Participants' data is completed after the JST is selected."))
    for member in application.team.all():
        row = rows.get(member.pk)
        if not row or not all(row.get(k) for k in ("gender", "age_group", "education")):
            raise DomainError(_("Complete the data of every team member."))
        for key in ("gender", "age_group", "education"):
            setattr(member, key, row[key])
        member.save(update_fields=["gender", "age_group", "education"])
    application.monitoring_completed_at = timezone.now()
    application.save(update_fields=["monitoring_completed_at", "updated_at"])
    audit.record(
        actor,
        "recruitment.application.monitoring",
        application,
    )
    return application
