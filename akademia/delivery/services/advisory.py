"""Advisory support (doradztwo): an operator assigns an advisor to a JST of a project; the
advisor plans and reports visits at the office and remote sessions; the JST's verified
coordinator confirms each, or disputes it with a comment, after which the advisor corrects it
and it waits for confirmation again. Only confirmed hours count as used.

Every version of an entry is an AdvisoryChange row, never modified; every change is audited.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akademia.accounts.models import User
from akademia.accounts.permissions import can, require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.delivery import notifications, selectors
from akademia.delivery.hours import hours_text
from akademia.delivery.models import (
    EDITABLE_ADVISORY,
    MAX_HOURS_A_DAY,
    AdvisoryAction,
    AdvisoryAssignment,
    AdvisoryChange,
    AdvisorySession,
    AdvisoryStatus,
    SessionMode,
)
from akademia.programmes.models import AdvisoryMode
from akademia.recruitment.models import Project
from akademia.territory.models import Jst

TOPIC_MAX = 200
TEXT_MAX = 5000


@dataclass(frozen=True)
class AdvisoryDetails:
    """What an advisor writes about one visit or session."""

    date: dt.date
    hours: Decimal
    mode: str
    topic: str
    done: str = ""
    next_steps: str = ""

    def cleaned(self) -> "AdvisoryDetails":
        return AdvisoryDetails(
            self.date,
            self.hours,
            self.mode,
            self.topic.strip(),
            self.done.strip(),
            self.next_steps.strip(),
        )


# Assigning ------------------------------------------------------------------------------------


@service
def advisory_assign(
    *, actor: Actor, project: Project, jst: Jst, advisor: User
) -> AdvisoryAssignment:
    """Make `advisor` the advisor of `jst` in `project` (a JST has one at a time; a new one
    takes over its entries to come, the old one keeps theirs). The advisor is a trainer working
    in the JST's voivodeship; the JST takes part in the project, whose programme gives hours."""
    require(
        actor,
        Capability.ASSIGN_ADVISORS,
        project,
        _("Only an operator of the project's voivodeship assigns its advisors."),
    )
    if not selectors.is_enrolled(project, jst):
        raise DomainError(
            _("%(jst)s takes no part in the project.") % {"jst": jst.name}, field="jst"
        )
    if not selectors.advisory_due(project)[0]:
        raise DomainError(_("The project's programme gives its JST no advisory hours."))
    if not (
        advisor.is_active
        and can(advisor, Capability.LOG_ADVISORY)
        and selectors.advisor_works_in(advisor, jst.voivodeship_id)
    ):
        raise DomainError(
            _("An advisor is a trainer working in the voivodeship of the JST (%(voivodeship)s).")
            % {"voivodeship": jst.voivodeship.name},
            field="advisor",
        )
    assignment = (
        AdvisoryAssignment.objects.select_for_update().filter(project=project, jst=jst).first()
    )
    previous = assignment.advisor if assignment else None
    if previous == advisor:
        raise DomainError(
            _("%(name)s already advises this JST.") % {"name": advisor.full_name}, field="advisor"
        )
    if assignment is None:
        assignment = AdvisoryAssignment(project=project, jst=jst)
    assignment.advisor, assignment.assigned_by = advisor, actor
    assignment.assigned_at = timezone.now()
    assignment.save()
    entry = audit.record(
        actor,
        "delivery.advisory.assigned",
        assignment,
        {
            "advisor": advisor.pk,
            "name": advisor.full_name,
            "previous": previous.pk if previous else None,
        },
    )
    notifications.queue_assigned(assignment, occasion=entry.pk)
    return assignment


# The advisor's entries ------------------------------------------------------------------------


@service
def advisory_plan(
    *, actor: Actor, assignment: AdvisoryAssignment, details: AdvisoryDetails
) -> AdvisorySession:
    """A visit or session planned for today or later: it shows in the calendars; once it took
    place the advisor reports it (`advisory_log` with `session`)."""
    _require_advisor_of(actor, assignment)
    details = details.cleaned()
    _check(actor, assignment, details, held=False)
    session = AdvisorySession(assignment=assignment, advisor=actor, version=0)
    return _save(actor, session, details, AdvisoryAction.PLANNED, AdvisoryStatus.PLANNED)


@service
def advisory_log(
    *,
    actor: Actor,
    assignment: AdvisoryAssignment,
    details: AdvisoryDetails,
    session: AdvisorySession | None = None,
) -> AdvisorySession:
    """A visit or session that took place (today or before), with what was done: it waits for
    the coordinator's confirmation, who is e-mailed. `session`: the planned entry it was."""
    _require_advisor_of(actor, assignment)
    if session is not None:
        session = _lock(session)
        if session.assignment_id != assignment.pk or session.status != AdvisoryStatus.PLANNED:
            raise DomainError(_("Only a planned entry is reported as held."))
        _require_entry_advisor(actor, session)
    else:
        session = AdvisorySession(assignment=assignment, advisor=actor, version=0)
    details = details.cleaned()
    _check(actor, assignment, details, held=True, besides=session.pk)
    session = _save(actor, session, details, AdvisoryAction.REPORTED, AdvisoryStatus.REPORTED)
    notifications.queue_reported(session)
    return session


@service
def advisory_correct(
    *, actor: Actor, session: AdvisorySession, details: AdvisoryDetails, comment: str = ""
) -> AdvisorySession:
    """The advisor changes an entry not yet confirmed: a planned one stays planned (a new date,
    hours, topic); one reported or disputed is reported again, for the coordinator to confirm.
    The earlier versions stay in its history."""
    session = _lock(session)
    _require_entry_advisor(actor, session)
    if session.status not in EDITABLE_ADVISORY:
        raise DomainError(
            _("A %(status)s entry can no longer be changed.")
            % {"status": session.get_status_display()}
        )
    details = details.cleaned()
    planned = session.status == AdvisoryStatus.PLANNED
    _check(actor, session.assignment, details, held=not planned, besides=session.pk)
    if not planned and len(comment) > TEXT_MAX:
        raise DomainError(_("The note is too long."), field="comment")
    # A disputed entry may be reported again as it was (the advisor's note says why).
    if _details_of(session) == details and session.status != AdvisoryStatus.DISPUTED:
        raise DomainError(_("Nothing was changed."))
    if planned:
        return _save(actor, session, details, AdvisoryAction.RESCHEDULED, AdvisoryStatus.PLANNED)
    session = _save(
        actor,
        session,
        details,
        AdvisoryAction.CORRECTED,
        AdvisoryStatus.REPORTED,
        comment=comment.strip(),
    )
    notifications.queue_reported(session)
    return session


@service
def advisory_cancel(*, actor: Actor, session: AdvisorySession, reason: str) -> AdvisorySession:
    """A planned visit that will not take place: it leaves the calendars, its row stays."""
    session = _lock(session)
    _require_entry_advisor(actor, session)
    if session.status != AdvisoryStatus.PLANNED:
        raise DomainError(_("Only a planned entry can be cancelled."))
    if not reason.strip():
        raise DomainError(_("Give the reason for the cancellation."), field="reason")
    return _save(
        actor,
        session,
        _details_of(session),
        AdvisoryAction.CANCELLED,
        AdvisoryStatus.CANCELLED,
        comment=reason.strip()[:TEXT_MAX],
    )


# The coordinator's answer ---------------------------------------------------------------------


def advisory_confirm_blocker(session: AdvisorySession) -> str:
    """Why the entry cannot be confirmed (or disputed) now; "" when it can."""
    if session.status == AdvisoryStatus.CONFIRMED:
        return _("This entry is already confirmed.")
    if session.status == AdvisoryStatus.DISPUTED:
        return _("This entry is disputed: it waits for the advisor's correction.")
    if session.status != AdvisoryStatus.REPORTED:
        return _("Only a visit reported as held is confirmed; this entry is %(status)s.") % {
            "status": session.get_status_display()
        }
    return ""


@service
def advisory_confirm(*, actor: Actor, session: AdvisorySession) -> AdvisorySession:
    """The JST's verified coordinator confirms a reported entry: its hours count as used. A
    confirmed entry is final."""
    _require_coordinator(actor, session)
    session = _lock(session)
    blocker = advisory_confirm_blocker(session)
    if blocker:
        raise DomainError(blocker)
    return _save(
        actor, session, _details_of(session), AdvisoryAction.CONFIRMED, AdvisoryStatus.CONFIRMED
    )


@service
def advisory_dispute(*, actor: Actor, session: AdvisorySession, comment: str) -> AdvisorySession:
    """The coordinator disputes a reported entry, saying what is wrong; the advisor is
    e-mailed and corrects it (`advisory_correct`)."""
    _require_coordinator(actor, session)
    session = _lock(session)
    blocker = advisory_confirm_blocker(session)
    if blocker:
        raise DomainError(blocker)
    if not comment.strip():
        raise DomainError(_("Say what is wrong with the entry."), field="comment")
    session = _save(
        actor,
        session,
        _details_of(session),
        AdvisoryAction.DISPUTED,
        AdvisoryStatus.DISPUTED,
        comment=comment.strip()[:TEXT_MAX],
    )
    notifications.queue_disputed(session, comment=comment.strip())
    return session


# Rules and records ----------------------------------------------------------------------------


def _require_advisor_of(actor: Actor, assignment: AdvisoryAssignment) -> None:
    message = _("Only the JST's advisor adds its advisory entries.")
    require(actor, Capability.LOG_ADVISORY, assignment, message)
    if assignment.advisor_id != actor.pk:
        raise DomainError(message)


def _require_entry_advisor(actor: Actor, session: AdvisorySession) -> None:
    message = _("Only the advisor who made this entry changes it.")
    require(actor, Capability.LOG_ADVISORY, session, message)
    if session.advisor_id != actor.pk:
        raise DomainError(message)


def _require_coordinator(actor: Actor, session: AdvisorySession) -> None:
    require(
        actor,
        Capability.CONFIRM_ADVISORY,
        session,
        _("Only the verified coordinator of the JST confirms its advisory entries."),
    )


def _lock(session: AdvisorySession) -> AdvisorySession:
    return (
        AdvisorySession.objects.select_for_update()
        .select_related("assignment__project", "assignment__jst", "advisor")
        .get(pk=session.pk)
    )


def _long(day: dt.date) -> str:
    return date_format(day, "j E Y")


def _check(
    actor: Actor,
    assignment: AdvisoryAssignment,
    details: AdvisoryDetails,
    *,
    held: bool,
    besides: int | None = None,
) -> None:
    """The rules of an entry: hours above 0 and at most 12 a day for the advisor, a date
    within the project (a held visit today or before, a planned one today or later), a form
    the programme allows, a topic, and what was done for a visit that took place."""
    _check_hours(details.hours)
    _check_date(assignment.project, details.date, held=held)
    _check_mode(assignment.project, details.mode)
    if not details.topic:
        raise DomainError(_("Give the topic."), field="topic")
    if len(details.topic) > TOPIC_MAX:
        raise DomainError(
            _("The topic is longer than %(max)d characters.") % {"max": TOPIC_MAX}, field="topic"
        )
    if held and not details.done:
        raise DomainError(_("Say what was done at the visit."), field="done")
    if max(len(details.done), len(details.next_steps)) > TEXT_MAX:
        raise DomainError(_("The text is too long."), field="done")
    # One advisor's day is counted in one transaction at a time.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    taken = selectors.advisor_hours_on(actor, details.date, besides=besides)
    if taken + details.hours > MAX_HOURS_A_DAY:
        raise DomainError(
            _(
                "On %(date)s you already have %(taken)s h of advisory entered; a day has at most "
                "%(max)d h."
            )
            % {"date": _long(details.date), "taken": hours_text(taken), "max": MAX_HOURS_A_DAY},
            field="hours",
        )


def _check_hours(hours: Decimal) -> None:
    if hours is None or hours <= 0:
        raise DomainError(_("Give the hours: more than 0."), field="hours")
    if hours > MAX_HOURS_A_DAY:
        raise DomainError(
            _("An entry lasts at most %(max)d hours a day.") % {"max": MAX_HOURS_A_DAY},
            field="hours",
        )


def _check_date(project: Project, date: dt.date, *, held: bool) -> None:
    if not project.has_dates:
        raise DomainError(
            _("The project has no dates yet: advisory is entered within the project's dates.")
        )
    if not project.starts_on <= date <= project.ends_on:
        raise DomainError(
            _("%(date)s is outside the project, which runs from %(from)s to %(to)s.")
            % {
                "date": _long(date),
                "from": _long(project.starts_on),
                "to": _long(project.ends_on),
            },
            field="date",
        )
    today = timezone.localdate()
    if held and date > today:
        raise DomainError(
            _("A visit that has not taken place yet is planned, not reported."), field="date"
        )
    if not held and date < today:
        raise DomainError(_("A past visit is reported as held, not planned."), field="date")


def _check_mode(project: Project, mode: str) -> None:
    if mode not in SessionMode.values:
        raise DomainError(_("Choose the form of the advisory."), field="mode")
    allowed = selectors.advisory_due(project)[1]
    if allowed != AdvisoryMode.BOTH and mode != allowed:
        raise DomainError(
            _("The project's programme gives advisory only %(mode)s.")
            % {"mode": AdvisoryMode(allowed).label},
            field="mode",
        )


def _details_of(session: AdvisorySession) -> AdvisoryDetails:
    return AdvisoryDetails(
        session.date,
        session.hours,
        session.mode,
        session.topic,
        session.done,
        session.next_steps,
    )


def _save(
    actor: Actor,
    session: AdvisorySession,
    details: AdvisoryDetails,
    action: str,
    status: str,
    *,
    comment: str = "",
) -> AdvisorySession:
    """The entry's new version: the row as it stands now, its history row and an audit entry."""
    session.date, session.hours, session.mode = details.date, details.hours, details.mode
    session.topic, session.done, session.next_steps = (
        details.topic,
        details.done,
        details.next_steps,
    )
    session.status, session.version = status, session.version + 1
    session.changed_by, session.changed_at = actor, timezone.now()
    session.save()
    AdvisoryChange.objects.create(
        session=session,
        version=session.version,
        action=action,
        status=status,
        date=session.date,
        hours=session.hours,
        mode=session.mode,
        topic=session.topic,
        done=session.done,
        next_steps=session.next_steps,
        comment=comment,
        changed_by=actor,
        changed_at=session.changed_at,
    )
    audit.record(
        actor,
        f"delivery.advisory.{action}",
        session,
        {
            "version": session.version,
            "date": session.date.isoformat(),
            "hours": str(session.hours),
            "mode": session.mode,
            "topic": session.topic,
        }
        | ({"comment": comment} if comment else {}),
    )
    return session
