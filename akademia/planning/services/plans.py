"""A project's plans: starting the planner, solving and storing (in the worker), and an
operator's edits of a solved plan (each on a copy, judged again by the checker)."""

import datetime as dt
from dataclasses import replace
from typing import NamedTuple

from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.jobs import job_start
from akademia.core.services import service
from akademia.planning import problem as problems
from akademia.planning import selectors
from akademia.planning.models import Plan, PlanStatus, Trainer
from akademia.planning.services.common import lock_project, next_number, require_planner
from akademia.planning.solver import check, result_from_data, result_to_data, solve
from akademia.planning.solver.solve import OPTIMAL_GAP, add_calendar
from akademia.recruitment.models import Project

GROUPING_SHARE = 0.6


# Running the planner -------------------------------------------------------------------------


@service
def plan_create(*, actor: Actor, project: Project, parameters: dict) -> Plan:
    """A draft plan with its problem built now (so errors show at once, not in the job)."""
    require_planner(actor, project)
    lock_project(project.pk)
    parameters = problems.DEFAULTS | parameters
    data = problems.build_problem(project, parameters)
    plan = Plan.objects.create(
        project=project,
        number=next_number(project),
        parameters=parameters,
        problem=data,
        created_by=audit.person(actor),
    )
    audit.record(
        actor,
        "planning.plan.started",
        plan,
        {"time_limit": parameters["time_limit"]},
    )
    return plan


@service
def plan_start(*, actor: Actor, project: Project, parameters: dict) -> Plan:
    """Create the plan and a background job that solves it (`jobs.solve`).

    One run per project at a time: while a plan's job is queued or running, another start is
    refused. The project row is locked first, so two requests at once (ten clicks) serialise
    here and the second sees the first one's job.
    """
    require_planner(actor, project)
    lock_project(project.pk)
    running = _running_refusal(project)
    if running:
        raise DomainError(running)
    plan = plan_create(actor=actor, project=project, parameters=parameters)
    plan.job = job_start(
        kind="planning.solve",
        label=_("Planning: %(plan)s") % {"plan": plan},
        actor=actor,
        params={"plan": plan.pk},
    )
    plan.save(update_fields=["job"])
    return plan


def _running_refusal(project: Project) -> str:
    running = selectors.plan_in_progress(project)
    if running is None:
        return ""
    return _(
        "The planner is already working on this project (plan no. %(number)d). Wait "
        "until it finishes, or cancel it on its page, before starting another run."
    ) % {"number": running.number}


def plan_start_all_refusal(project: Project, parameters: dict | None = None) -> str:
    """Why "plan every project" passes over a project, or "" when it plans it: the one rule
    of its confirmation page and of `plan_start_all`.

    A project with a published plan is never re-planned by it (its coordinators were told
    their dates): an operator re-plans it on the project's page, and publishing asks first."""
    published = selectors.published_plan(project)
    if published is not None:
        return _(
            "It has a published plan (no. %(number)d), which planning every project never "
            "replaces; to re-plan it, run the planner on the project's page."
        ) % {"number": published.number}
    try:
        problems.build_problem(project, parameters)
    except DomainError as error:
        return str(error)
    return _running_refusal(project)


class StartedAll(NamedTuple):
    started: list[Plan]
    skipped: list[tuple[Project, str]]  # the projects passed over, each with why


def nothing_to_plan() -> str:
    return _("No project can be planned now: each one is passed over, see why below.")


def plan_start_all(*, actor: Actor, projects, parameters: dict) -> StartedAll:
    """One job per project that can be planned (`plan_start_all_refusal`); workers share the
    queue. Refused when no project can be.

    Not one transaction: each start is a service of its own (its project locked, its plan
    audited), so the loop holds no lock across projects."""
    require(actor, Capability.PLAN_ALL_PROJECTS)
    refusals = [(project, plan_start_all_refusal(project, parameters)) for project in projects]
    if all(refusal for _project, refusal in refusals):
        raise DomainError(nothing_to_plan())
    started, skipped = [], []
    for project, refusal in refusals:
        if not refusal:
            try:
                started.append(plan_start(actor=actor, project=project, parameters=parameters))
                continue
            except DomainError as error:  # a run started meanwhile, by another operator
                refusal = str(error)
        skipped.append((project, refusal))
    return StartedAll(started, skipped)


def plan_solve(*, actor: Actor, plan_id: int, progress=None) -> Plan:
    """Solve a draft plan: grouping, then the calendar; `progress` may raise to cancel.

    No transaction around the solver: progress is written (and read by the job page) while
    it runs; the result is stored at the end in one audited write (`plan_store`). Solving a
    plan that is already solved changes nothing (a retried job). The worker's actor is
    `SYSTEM` (see `plan_store`).
    """
    report = progress or (lambda percent, message="": None)
    plan = Plan.objects.select_related("project").get(pk=plan_id)
    if actor is not SYSTEM:
        require_planner(actor, plan.project)  # before the solver's time, not only at the end
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
    return plan_store(actor=actor, plan_id=plan.pk, problem=problem, result=result)


@service
def plan_store(*, actor: Actor, plan_id: int, problem, result) -> Plan:
    """Store the solver's answer on a draft plan: the last step of a run.

    In the worker the actor is the platform (`SYSTEM`) and no permission is checked here: it
    finishes the run a planner started, and `plan_start` checked their right to plan the
    project then (the entry names them in its data). A person storing a result themselves must
    be a planner of the project. A plan that is no longer a draft (a retried job solved it
    already) is left as it is.
    """
    plan = Plan.objects.select_for_update().select_related("project").get(pk=plan_id)
    if actor is not SYSTEM:
        require_planner(actor, plan.project)
    if plan.status != PlanStatus.DRAFT:
        return plan
    _set_result(plan, problem, result)
    plan.status = PlanStatus.SOLVED
    plan.save()
    audit.record(
        actor,
        "planning.plan.solved",
        plan,
        {
            "status": result.status,
            "objective": result.objective,
            "started_by": plan.created_by_id,
        },
    )
    return plan


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


def _editable_copy(actor: Actor, plan: Plan) -> Plan:
    """Edits go to a copy: an unpublished copy is edited again, anything else is copied."""
    require_planner(actor, plan.project)
    if not plan.is_editable:
        raise DomainError(_("Only a solved plan with groups can be changed."))
    if plan.derived_from_id is not None:
        return Plan.objects.select_for_update().get(pk=plan.pk)
    lock_project(plan.project_id)
    return Plan.objects.create(
        project=plan.project,
        number=next_number(plan.project),
        status=PlanStatus.SOLVED,
        derived_from=plan,
        parameters=plan.parameters,
        problem=plan.problem,
        result=plan.result,
        solver_status=plan.solver_status,
        created_by=audit.person(actor),
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


@service
def plan_move_team(*, actor: Actor, plan: Plan, team: str, group: str) -> Plan:
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


@service
def plan_move_meeting(*, actor: Actor, plan: Plan, group: str, module: int, start: dt.date) -> Plan:
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


@service
def plan_change_trainer(*, actor: Actor, plan: Plan, group: str, module: int, trainer: str) -> Plan:
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


def _record_edit(actor: Actor, copy: Plan, result, change: dict) -> Plan:
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
