"""Top-level planner: grouping (MIP + split) then calendar (CP-SAT).

``solve(problem, time_limit, seed)`` never raises for an infeasible problem: it returns a
Result with status ``infeasible`` and a Reason naming the rule to blame.
"""

from __future__ import annotations

import time
from dataclasses import replace

from .calendar_plan import schedule
from .data import GroupingData
from .distance import team_cost
from .grouping import solve_grouping
from .model import Group, Problem, Reason, Result
from .precheck import grouping_precheck
from .reasons import reason

OPTIMAL_GAP = 1e-5
GROUPING_SHARE_WITH_CALENDAR = 0.6
#: the calendar's soft objective is cut off after this share of the time limit
CALENDAR_SHARE = 0.3

#: (label used in messages, function producing the relaxed problem)
GROUPING_RELAXATIONS = [
    ("at most max_groups groups per venue", lambda p: _relax_rooms(p)),
    (
        "at most max_teams_per_county teams of one county per group",
        lambda p: _relax_groups(p, max_teams_per_county=None),
    ),
    ("minimum share of managers", lambda p: _relax_groups(p, min_manager_share=0.0)),
    ("fixed number of groups", lambda p: _relax_groups(p, count=None)),
    ("groups homogeneous by kind", lambda p: _relax_groups(p, same_kind=False)),
]


def _relax_groups(problem: Problem, **changes) -> Problem:
    return replace(problem, groups=replace(problem.groups, **changes))


def _relax_rooms(problem: Problem) -> Problem:
    many = len(problem.teams)
    return replace(problem, venues=tuple(replace(v, max_groups=many) for v in problem.venues))


def objective_of(problem: Problem, groups: list[Group]) -> float:
    """Exact objective with the reference distance function (unrounded)."""
    teams = {t.id: t for t in problem.teams}
    venues = {v.id: v for v in problem.venues}
    travel = sum(team_cost(problem, teams[t], venues[g.venue]) for g in groups for t in g.teams)
    return travel + problem.groups.fixed_cost * len(groups)


def _groups(problem: Problem, raw: list[tuple[int, list[int]]]) -> list[Group]:
    """Stable, readable group ids: ordered by venue id, then by the first team."""
    ordered = sorted((problem.venues[v].id, sorted(members)) for v, members in raw if members)
    width = max(2, len(str(len(ordered))))
    return [
        Group(
            id=f"G{i + 1:0{width}d}",
            venue=venue,
            teams=[problem.teams[t].id for t in members],
            size=sum(problem.teams[t].size for t in members),
        )
        for i, (venue, members) in enumerate(ordered)
    ]


def diagnose_grouping(problem: Problem, seconds: float, seed: int) -> Reason:
    """Blame the first family of rules whose removal makes a grouping possible."""
    for label, relax in GROUPING_RELAXATIONS:
        relaxed = relax(problem)
        if relaxed == problem:
            continue
        data = GroupingData.build(relaxed)
        if grouping_precheck(data) is not None:
            continue
        outcome = solve_grouping(data, seconds, seed)
        if not outcome.infeasible:
            return reason("relaxation", rule=label)
    return reason("grouping_infeasible")


def solve(problem: Problem, time_limit: float = 60.0, seed: int = 0) -> Result:
    t0, cpu0 = time.monotonic(), time.process_time()
    data = GroupingData.build(problem)
    stats = {"seed": seed, "time_limit": time_limit, "teams": len(problem.teams)}
    found = grouping_precheck(data)
    if found is not None:
        return Result(
            "infeasible",
            reason=found,
            name=problem.name,
            seconds=time.monotonic() - t0,
            stats=stats,
        )
    share = GROUPING_SHARE_WITH_CALENDAR if problem.calendar else 1.0
    outcome = solve_grouping(data, share * time_limit, seed)
    stats.update(outcome.stats)
    if outcome.infeasible:
        why = (
            diagnose_grouping(problem, max(1.0, time_limit / 10), seed)
            if outcome.proven
            else reason("timeout")
        )
        return Result(
            "infeasible", reason=why, name=problem.name, seconds=time.monotonic() - t0, stats=stats
        )
    groups = _groups(problem, outcome.groups)
    objective = objective_of(problem, groups)
    bound = min(outcome.lower_bound, objective)
    gap = (objective - bound) / objective if objective > 0 else 0.0
    status = "optimal" if gap <= OPTIMAL_GAP else "feasible"
    result = Result(status, objective, bound, gap, 0.0, groups, None, problem.name, stats)
    if problem.calendar is not None:
        remaining = time_limit - (time.monotonic() - t0)
        budget = min(remaining, CALENDAR_SHARE * time_limit)
        _add_calendar(problem, result, max(1.0, budget), seed)
    result.seconds = time.monotonic() - t0
    # the processor time this process got: on a shared machine far less than the wall time
    result.stats["cpu_seconds"] = round(time.process_time() - cpu0, 3)
    return result


def add_calendar(problem: Problem, result: Result, time_limit: float, seed: int = 0) -> Result:
    """The calendar phase on its own, for a caller that solved ``replace(problem,
    calendar=None)`` first and reports progress (or stops) between the two phases."""
    t0 = time.monotonic()
    if problem.calendar is not None and result.status != "infeasible":
        _add_calendar(problem, result, max(1.0, CALENDAR_SHARE * time_limit), seed)
    result.seconds += time.monotonic() - t0
    return result


def _add_calendar(problem: Problem, result: Result, seconds: float, seed: int) -> None:
    venues = {v.id: v for v in problem.venues}
    pairs = [(g.id, venues[g.venue]) for g in result.groups]
    outcome = schedule(problem, pairs, seconds, seed)
    result.stats.update(outcome.stats)
    if outcome.reason is not None:
        result.status = "infeasible"
        result.reason = outcome.reason
        return
    for group in result.groups:
        group.meetings = outcome.meetings[group.id]
