"""Writes of planning: venues, trainers, planner runs, edits of a plan, publication.

Every function is keyword-only, atomic where it writes, audited, and raises DomainError with a
translated message when a business rule refuses.
"""

import datetime as dt
from dataclasses import replace
from typing import NamedTuple

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.core import audit
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.jobs import job_start
from akademia.planning import problem as problems
from akademia.planning import selectors
from akademia.planning.models import (
    Meeting,
    Plan,
    PlanStatus,
    Trainer,
    TrainingGroup,
    Venue,
)
from akademia.planning.solver import check, result_from_data, result_to_data, solve
from akademia.planning.solver.solve import OPTIMAL_GAP, add_calendar
from akademia.recruitment.models import Project
from akademia.territory.models import County, Jst

GROUPING_SHARE = 0.6


def _require_planner(actor, project: Project) -> None:
    require(actor, Capability.PLAN_TRAINING, project, _("You cannot plan this project."))


# Venues and trainers -------------------------------------------------------------------------


def default_venue_counties(project: Project):
    """County-level units of the project's voivodeship; for the pilot, the 16 voivodeship
    capitals."""
    if project.voivodeship_id:
        counties = County.objects.filter(voivodeship=project.voivodeship, active=True)
    else:
        from akademia.territory.models import Voivodeship

        capitals = [v.capital for v in Voivodeship.objects.all()]
        counties = County.objects.filter(is_city=True, name__in=capitals, active=True)
    return counties.select_related("seat__county").order_by("code")


class SeatPlace(NamedTuple):
    name: str
    county: County
    lat: float
    lon: float


def default_venue_places(project: Project) -> list[SeatPlace]:
    """Each distinct county seat ("siedziba powiatu") of the default counties, in code order.

    A town that is the seat of several counties (Bielsko-Biała: the city and powiat bielski)
    is one place, linked to the county it lies in. A county whose seat is not loaded yet
    (import_geo not re-run) falls back to its own inner point and name.
    """
    places: dict = {}
    for county in default_venue_counties(project):
        seat = county.seat
        if seat is not None:
            key, place = seat, SeatPlace(seat.name, seat.county, *seat.point)
        else:
            key, place = county, SeatPlace(str(county), county, *county.point)
        if key not in places and place.lat is not None and place.lon is not None:
            places[key] = place
    return list(places.values())


@transaction.atomic
def venues_ensure_defaults(*, actor, project: Project, max_groups: int = 2) -> int:
    """Create the default venues once, one per distinct county seat (a project that has venues
    is left alone)."""
    _require_planner(actor, project)
    if project.venues.exists():
        return 0
    places = default_venue_places(project)
    for place in places:
        Venue.objects.create(project=project, max_groups=max_groups, **place._asdict())
    created = len(places)
    audit.record(
        actor,
        "planning.venues.defaults",
        project,
        {"venues": created},
    )
    return created


@transaction.atomic
def venue_save(*, actor, project: Project, venue: Venue | None = None, **fields) -> Venue:
    _require_planner(actor, project)
    venue = venue or Venue(project=project)
    for name, value in fields.items():
        setattr(venue, name, value)
    venue.full_clean()
    venue.save()
    audit.record(actor, "planning.venue.saved", venue)
    return venue


@transaction.atomic
def trainer_save(*, actor, project: Project, trainer: Trainer | None = None, **fields) -> Trainer:
    _require_planner(actor, project)
    trainer = trainer or Trainer(project=project)
    for name, value in fields.items():
        setattr(trainer, name, value)
    if trainer.home_jst_id is None and (trainer.lat is None or trainer.lon is None):
        raise DomainError(_("Give the trainer's home: a JST or coordinates."), field="home_jst")
    trainer.full_clean()
    trainer.save()
    audit.record(actor, "planning.trainer.saved", trainer)
    return trainer


def _lock_project(project_id: int) -> None:
    """Serialise with publication (which locks the project too) so a check stays true."""
    Project.objects.select_for_update().filter(pk=project_id).first()


def venue_delete_blocker(venue: Venue) -> str:
    """Why the venue cannot be deleted, or "" when it can."""
    if selectors.venue_in_published_plan(venue):
        return _(
            "This venue cannot be deleted: the groups of a published plan meet there (the "
            "current plan or an earlier one, kept as history). Switch it off instead: untick "
            "“used in plans” on its page and the planner will not use it again."
        )
    return ""


def trainer_delete_blocker(trainer: Trainer) -> str:
    """Why the trainer cannot be deleted, or "" when they can."""
    if selectors.trainer_in_published_plan(trainer):
        return _(
            "This trainer cannot be deleted: they lead groups or meetings of a published plan "
            "(the current plan or an earlier one, kept as history). To keep the planner from "
            "choosing them, untick “used in plans” on their page."
        )
    return ""


def _delete_unused(*, actor, item: Venue | Trainer, blocker, action: str) -> None:
    """Delete a venue or trainer no published plan uses (`blocker` says why not); draft plans
    keep it in their stored problem, so they still read."""
    _require_planner(actor, item.project)
    _lock_project(item.project_id)
    reason = blocker(item)
    if reason:
        raise DomainError(reason)
    audit.record(
        actor,
        action,
        item,
        {"name": item.name, "project": item.project_id},
    )
    item.delete()


@transaction.atomic
def venue_delete(*, actor, venue: Venue) -> None:
    _delete_unused(
        actor=actor, item=venue, blocker=venue_delete_blocker, action="planning.venue.deleted"
    )


@transaction.atomic
def trainer_delete(*, actor, trainer: Trainer) -> None:
    _delete_unused(
        actor=actor, item=trainer, blocker=trainer_delete_blocker, action="planning.trainer.deleted"
    )


# Running the planner -------------------------------------------------------------------------


def _next_number(project: Project) -> int:
    return (Plan.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def plan_create(*, actor, project: Project, parameters: dict) -> Plan:
    """A draft plan with its problem built now (so errors show at once, not in the job)."""
    _require_planner(actor, project)
    Project.objects.select_for_update().filter(pk=project.pk).first()
    parameters = problems.DEFAULTS | parameters
    data = problems.build_problem(project, parameters)
    plan = Plan.objects.create(
        project=project,
        number=_next_number(project),
        parameters=parameters,
        problem=data,
        created_by=actor,
    )
    audit.record(
        actor,
        "planning.plan.started",
        plan,
        {"time_limit": parameters["time_limit"]},
    )
    return plan


@transaction.atomic
def plan_start(*, actor, project: Project, parameters: dict) -> Plan:
    """Create the plan and a background job that solves it (`jobs.solve`).

    One run per project at a time: while a plan's job is queued or running, another start is
    refused. The project row is locked first, so two requests at once (ten clicks) serialise
    here and the second sees the first one's job.
    """
    _require_planner(actor, project)
    _lock_project(project.pk)
    running = selectors.plan_in_progress(project)
    if running is not None:
        raise DomainError(
            _(
                "The planner is already working on this project (plan no. %(number)d). Wait "
                "until it finishes, or cancel it on its page, before starting another run."
            )
            % {"number": running.number}
        )
    plan = plan_create(actor=actor, project=project, parameters=parameters)
    plan.job = job_start(
        kind="planning.solve",
        label=_("Planning: %(plan)s") % {"plan": plan},
        actor=actor,
        params={"plan": plan.pk},
    )
    plan.save(update_fields=["job"])
    return plan


def plan_start_all(*, actor, projects, parameters: dict) -> list[Plan]:
    """One job per project with enrolled teams; workers share the queue."""
    started = []
    for project in projects:
        try:
            started.append(plan_start(actor=actor, project=project, parameters=parameters))
        except DomainError:
            continue  # no teams, venues or programme yet: nothing to plan there
    return started


def plan_solve(*, plan_id: int, progress=None) -> Plan:
    """Solve a draft plan: grouping, then the calendar; `progress` may raise to cancel.

    No transaction around the solver: progress is written (and read by the job page) while
    it runs; the result is stored at the end in one atomic write. Solving a plan that is
    already solved changes nothing (a retried job).
    """
    report = progress or (lambda percent, message="": None)
    plan = Plan.objects.select_related("project").get(pk=plan_id)
    if plan.status != PlanStatus.DRAFT:
        return plan
    problem = problems.problem_of(plan.problem)
    time_limit = float(plan.parameters.get("time_limit", 60))
    seed = int(plan.parameters.get("seed", 0))
    report(10, _("Forming groups and choosing venues"))
    result = solve(replace(problem, calendar=None), GROUPING_SHARE * time_limit, seed)
    if problem.calendar is not None and result.status != "infeasible":
        report(60, _("Groups ready; scheduling the meetings"))
        add_calendar(problem, result, time_limit, seed)
    report(95, _("Checking the plan"))
    _store(plan, problem, result)
    return Plan.objects.get(pk=plan.pk)


@transaction.atomic
def _store(plan: Plan, problem, result) -> None:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        return
    _set_result(plan, problem, result)
    plan.status = PlanStatus.SOLVED
    plan.save()
    audit.record(
        SYSTEM,  # the planner, in a worker
        "planning.plan.solved",
        plan,
        {"status": result.status, "objective": result.objective},
    )


def _set_result(plan: Plan, problem, result) -> None:
    plan.result = result_to_data(result, problem)
    plan.solver_status = result.status
    plan.objective = result.objective
    plan.lower_bound = result.lower_bound
    plan.gap = result.gap
    plan.seconds = result.seconds
    plan.reason = result.reason.to_json() if result.reason else None
    report = check(problem, result)
    plan.violations = [v.to_json() for v in report.violations]


# Editing a plan ------------------------------------------------------------------------------


def _editable_copy(actor, plan: Plan) -> Plan:
    """Edits go to a copy: an unpublished copy is edited again, anything else is copied."""
    _require_planner(actor, plan.project)
    if not plan.is_editable:
        raise DomainError(_("Only a solved plan with groups can be changed."))
    if plan.derived_from_id is not None:
        return Plan.objects.select_for_update().get(pk=plan.pk)
    Project.objects.select_for_update().filter(pk=plan.project_id).first()
    return Plan.objects.create(
        project=plan.project,
        number=_next_number(plan.project),
        status=PlanStatus.SOLVED,
        derived_from=plan,
        parameters=plan.parameters,
        problem=plan.problem,
        result=plan.result,
        solver_status=plan.solver_status,
        created_by=actor,
    )


def _recompute(plan: Plan, result) -> None:
    """Sizes, objective, gap and the checker's verdict of an edited result."""
    problem = problems.problem_of(plan.problem)
    sizes = {t.id: t.size for t in problem.teams}
    result.groups = [g for g in result.groups if g.teams]
    for group in result.groups:
        group.size = sum(sizes.get(t, 0) for t in group.teams)
    result.objective = None
    result.objective = check(problem, result).objective
    bound = result.lower_bound
    if bound is not None and result.objective is not None and bound <= result.objective:
        result.gap = (result.objective - bound) / result.objective if result.objective else 0.0
    else:
        result.lower_bound = result.gap = None
    optimal = result.gap is not None and result.gap <= OPTIMAL_GAP
    result.status = "optimal" if optimal else "feasible"
    result.reason = None
    _set_result(plan, problem, result)


def _group(result, group_id: str):
    for group in result.groups:
        if group.id == group_id:
            return group
    raise DomainError(_("Unknown group."), field="group")


@transaction.atomic
def plan_move_team(*, actor, plan: Plan, team: str, group: str) -> Plan:
    """Move one JST team to another group of the plan (on a copy); the checker judges it."""
    copy = _editable_copy(actor, plan)
    result = result_from_data(copy.result)
    target = _group(result, group)
    source = next((g for g in result.groups if team in g.teams), None)
    if source is None:
        raise DomainError(_("Unknown team."), field="team")
    if source.id == target.id:
        raise DomainError(_("The team is already in this group."), field="group")
    source.teams.remove(team)
    target.teams.append(team)
    return _record_edit(
        actor, copy, result, {"move": "team", "team": team, "from": source.id, "to": group}
    )


@transaction.atomic
def plan_move_meeting(*, actor, plan: Plan, group: str, module: int, start: dt.date) -> Plan:
    """Move one meeting of a group to other (consecutive) days; the checker judges it."""
    copy = _editable_copy(actor, plan)
    result = result_from_data(copy.result)
    days = int(copy.problem.get("calendar", {}).get("days_per_module", 1))
    meeting = next((m for m in _group(result, group).meetings if m.module == module), None)
    if meeting is None:
        raise DomainError(_("This group has no such module."), field="module")
    before = meeting.dates[0].isoformat() if meeting.dates else None
    meeting.dates = [start + dt.timedelta(days=i) for i in range(days)]
    change = {"move": "meeting", "group": group, "module": module, "from": before}
    return _record_edit(actor, copy, result, change | {"to": start.isoformat()})


@transaction.atomic
def plan_change_trainer(*, actor, plan: Plan, group: str, module: int, trainer: str) -> Plan:
    """Give one meeting of a group another trainer (its first one, when a meeting has more);
    the checker judges it. `trainer` is a solver id (``T<pk>``) of the project's trainers; one
    added after the plan was made joins the copy's problem, so their days off are checked."""
    copy = _editable_copy(actor, plan)
    calendar = copy.problem.get("calendar") or {}
    if not calendar.get("trainers_per_meeting"):
        raise DomainError(
            _("This plan was made without trainers: add trainers and run the planner again."),
            field="trainer",
        )
    person = next(
        (t for t in Trainer.objects.filter(project=copy.project) if t.solver_id == trainer), None
    )
    if person is None:
        raise DomainError(_("Unknown trainer."), field="trainer")
    result = result_from_data(copy.result)
    meeting = next((m for m in _group(result, group).meetings if m.module == module), None)
    if meeting is None:
        raise DomainError(_("This group has no such module."), field="module")
    before = meeting.trainer
    if before == trainer:
        raise DomainError(_("This trainer already leads this meeting."), field="trainer")
    meeting.trainers = [trainer, *meeting.trainers[1:]]
    known = calendar.get("trainers", [])
    if trainer not in {t["id"] for t in known}:
        added = {**calendar, "trainers": [*known, problems.trainer_row(person)]}
        copy.problem = {**copy.problem, "calendar": added}
    change = {"move": "trainer", "group": group, "module": module, "from": before}
    return _record_edit(actor, copy, result, change | {"to": trainer})


def _record_edit(actor, copy: Plan, result, change: dict) -> Plan:
    """Recompute the edited copy's figures, remember the change and audit it."""
    _recompute(copy, result)
    copy.changes = [*copy.changes, change]
    copy.save()
    audit.record(
        actor,
        "planning.plan.edited",
        copy,
        change,
    )
    return copy


# Publishing ----------------------------------------------------------------------------------


def _require_still_there(plan: Plan) -> None:
    """A plan made before a venue or trainer was deleted cannot be published as it is."""
    missing = selectors.plan_deleted_names(plan)
    if missing:
        raise DomainError(deleted_message(missing))


def deleted_message(names: list[str]) -> str:
    return _(
        "The plan uses venues or trainers deleted since it was made: %(names)s. "
        "Change the plan or run the planner again."
    ) % {"names": ", ".join(names)}


@transaction.atomic
def plan_publish(*, actor, plan: Plan) -> Plan:
    """Turn a plan without violations into groups and meetings; e-mail the coordinators."""
    _require_planner(actor, plan.project)
    _lock_project(plan.project_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.can_publish:
        raise DomainError(_("Only a solved plan that breaks no rule can be published."))
    venues = {v.solver_id: v for v in Venue.objects.filter(project=plan.project)}
    trainers = {t.solver_id: t for t in Trainer.objects.filter(project=plan.project)}
    _require_still_there(plan)
    for old in Plan.objects.filter(project=plan.project, status=PlanStatus.PUBLISHED):
        old.status = PlanStatus.SUPERSEDED
        old.save(update_fields=["status"])
    TrainingGroup.objects.filter(project=plan.project, active=True).update(active=False)
    units = Jst.objects.in_bulk([t["id"] for t in plan.problem["teams"]], field_name="code")
    for row in plan.result["groups"]:
        named = [m["trainer"] for m in row["meetings"] if m.get("trainer")]
        main = max(set(named), key=named.count) if named else None
        group = TrainingGroup.objects.create(
            project=plan.project,
            plan=plan,
            code=row["id"],
            venue=venues[row["venue"]],
            trainer=trainers.get(main),
        )
        group.teams.set([units[code] for code in row["teams"]])
        Meeting.objects.bulk_create(
            Meeting(
                group=group,
                module=m["module"],
                start_date=dt.date.fromisoformat(m["dates"][0]),
                end_date=dt.date.fromisoformat(m["dates"][-1]),
                trainer=trainers.get(m.get("trainer")),
            )
            for m in row["meetings"]
            if m["dates"]
        )
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = timezone.now()
    plan.save(update_fields=["status", "published_at"])
    audit.record(
        actor,
        "planning.plan.published",
        plan,
        {"groups": len(plan.result["groups"])},
    )
    from akademia.planning.tasks import notify_coordinators

    plan_id = plan.pk
    transaction.on_commit(lambda: notify_coordinators.enqueue(plan_id))
    return plan
