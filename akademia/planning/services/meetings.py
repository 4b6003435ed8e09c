"""Changing one meeting of a published plan: another date, venue or trainer, with a reason.

A published plan's meetings were told to the coordinators; moving one is a change of the
current groups, not an edit of a plan (those work on copies of solved plans). The planner's
independent checker (`solver.check`) judges the project's current groups with the change, on
the plan's rules and today's venues and trainers (their closed days and days off as they are
now), and the change is refused when it breaks a rule that held before it. Whoever is
concerned is told by the apps above (delivery moves the days, bumps the calendars' SEQUENCE and
e-mails the people): the `meeting_changed` signal, sent inside this transaction.
"""

import datetime as dt
import json

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.planning import messages
from akademia.planning import problem as problems
from akademia.planning.models import Meeting, Plan, Trainer, TrainingGroup, Venue
from akademia.planning.services.common import lock_project, require_planner
from akademia.planning.signals import meeting_changed
from akademia.planning.solver import check
from akademia.planning.solver.model import Group, Result
from akademia.planning.solver.model import Meeting as SolverMeeting

# Findings about the figures of a whole plan, not rules a meeting can break.
NOT_RULES = {"objective", "lower_bound", "gap_value", "no_reason"}


def meeting_change_blocker(meeting: Meeting) -> str:
    """Why the meeting cannot be changed now, or "": the one rule of its page and service."""
    if not meeting.group.active:
        return _("This meeting belongs to a plan that is no longer current.")
    if meeting.start_date <= timezone.localdate():
        return _(
            "The meeting began on %(day)s: a meeting that has begun or is over cannot be moved."
        ) % {"day": date_format(meeting.start_date, "j E Y")}
    return ""


def meeting_dates(meeting: Meeting, start: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the meeting moved to `start` (as many days as before)."""
    return start, start + (meeting.end_date - meeting.start_date)


@service
def meeting_change(
    *,
    actor: Actor,
    meeting: Meeting,
    start_date: dt.date,
    venue: Venue,
    trainer: Trainer | None,
    reason: str,
) -> Meeting:
    """Move a published meeting to `start_date` (its length kept), `venue` and `trainer`.

    Refused (DomainError): a meeting that has begun or whose plan was replaced, a day that is
    past or today, a venue or trainer of another project, no change at all, no reason, or a
    change that breaks a rule of the planner's checker. Delivery reacts to `meeting_changed`."""
    require_planner(actor, meeting.group.project)
    lock_project(meeting.group.project_id)
    meeting = Meeting.objects.select_for_update().select_related("group__venue").get(pk=meeting.pk)
    after = meeting_change_check(
        meeting, start_date=start_date, venue=venue, trainer=trainer, reason=reason
    )
    before = _state(meeting)
    for name, value in after.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=list(after))
    audit.record(
        actor,
        "planning.meeting.changed",
        meeting,
        {"before": before, "after": _state(meeting), "reason": reason.strip()},
    )
    meeting_changed.send(
        sender=Meeting, meeting=meeting, before=before, reason=reason.strip(), actor=actor
    )
    return meeting


def meeting_change_check(meeting: Meeting, *, start_date, venue, trainer, reason: str) -> dict:
    """Raise DomainError (with the form's field) when the change may not be made; else the
    meeting's new values. A read: the change's page asks it before confirming."""
    blocker = meeting_change_blocker(meeting)
    if blocker:
        raise DomainError(blocker)
    _check_input(meeting, start_date, venue, trainer, reason)
    first, last = meeting_dates(meeting, start_date)
    after = {
        "start_date": first,
        "end_date": last,
        "venue": None if venue.pk == meeting.group.venue_id else venue,
        "trainer": trainer,
    }
    broken = broken_rules(meeting, after)
    if broken:
        raise DomainError(
            _(
                "The change breaks the planner's rules: %(rules)s. Choose another day, venue "
                "or trainer."
            )
            % {"rules": "; ".join(broken)}
        )
    return after


def _state(meeting: Meeting) -> dict:
    return {
        "start_date": meeting.start_date.isoformat(),
        "end_date": meeting.end_date.isoformat(),
        "venue": (meeting.venue_id or meeting.group.venue_id),
        "trainer": meeting.trainer_id,
    }


def _check_input(meeting: Meeting, start_date, venue, trainer, reason: str) -> None:
    project_id = meeting.group.project_id
    if not reason.strip():
        raise DomainError(_("Say why the meeting changes: the people will read it."), "reason")
    if start_date <= timezone.localdate():
        raise DomainError(_("A meeting can be moved only to a day after today."), "start_date")
    if venue.project_id != project_id:
        raise DomainError(_("Choose a venue of the project."), "venue")
    if trainer is not None and trainer.project_id != project_id:
        raise DomainError(_("Choose a trainer of the project."), "trainer")
    unchanged = (
        start_date == meeting.start_date
        and venue.pk == meeting.place.pk
        and (trainer.pk if trainer else None) == meeting.trainer_id
    )
    if unchanged:
        raise DomainError(_("Nothing changes: choose another day, venue or trainer."))


# The planner's checker on the current groups ------------------------------------------------


def broken_rules(meeting: Meeting, after: dict) -> list[str]:
    """The checker's findings that the change would add, in the reader's words (empty: none)."""
    plan = meeting.group.plan
    data = _problem_now(plan)
    problem = problems.problem_of(data)
    result = _current_result(plan, data)
    found_before = _findings(problem, result)
    moved = _solver_meeting(result, meeting)
    moved.dates = _days(after["start_date"], after["end_date"])
    moved.trainers = [after["trainer"].solver_id] if after["trainer"] else []
    moved.venue = after["venue"].solver_id if after["venue"] else None
    added = [v for key, v in _findings(problem, result).items() if key not in found_before]
    if not added:
        return []
    shown = Plan(project_id=plan.project_id, problem=data, violations=added)
    return [finding["message"] for finding in messages.violations(shown)]


def _findings(problem, result) -> dict[str, dict]:
    report = check(problem, result)
    return {
        v.key + json.dumps(v.params, sort_keys=True): v.to_json()
        for v in report.violations
        if v.key not in NOT_RULES
    }


def _problem_now(plan: Plan) -> dict:
    """The published plan's problem with the project's venues and trainers as they are now
    (a venue closed or a trainer away since the plan was made counts)."""
    data = dict(plan.problem)
    venues = Venue.objects.filter(project=plan.project_id).order_by("pk")
    data["venues"] = [
        {
            "id": v.solver_id,
            "name": v.name,
            "lat": v.lat,
            "lon": v.lon,
            "max_groups": v.max_groups,
        }
        | ({"unavailable": sorted(v.unavailable)} if v.unavailable else {})
        for v in venues
    ]
    if data.get("calendar"):
        trainers = Trainer.objects.filter(project=plan.project_id).select_related(
            "home_jst__commune", "home_jst__county", "home_jst__voivodeship"
        )
        rows = [problems.trainer_row(t) for t in trainers.order_by("pk")]
        data["calendar"] = {**data["calendar"], "trainers": rows}
    return data


def _current_result(plan: Plan, data: dict) -> Result:
    sizes = {str(team["id"]): team["size"] for team in data["teams"]}
    groups = TrainingGroup.objects.filter(project=plan.project_id, active=True)
    groups = groups.select_related("venue").prefetch_related(
        "teams", "meetings__trainer", "meetings__venue"
    )
    result = Result(status="feasible")
    for group in groups.order_by("code"):
        codes = [jst.code for jst in group.teams.all()]
        meetings = [
            SolverMeeting(
                module=m.module,
                dates=_days(m.start_date, m.end_date),
                trainers=[m.trainer.solver_id] if m.trainer else [],
                venue=m.venue.solver_id if m.venue else None,
            )
            for m in group.meetings.all()
        ]
        size = sum(sizes.get(code, 0) for code in codes)
        result.groups.append(Group(group.code, group.venue.solver_id, codes, size, meetings))
    return result


def _solver_meeting(result: Result, meeting: Meeting) -> SolverMeeting:
    group = next(g for g in result.groups if g.id == meeting.group.code)
    return next(m for m in group.meetings if m.module == meeting.module)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
