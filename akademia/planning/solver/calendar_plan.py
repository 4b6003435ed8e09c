"""Module calendar and trainers for fixed groups (CP-SAT).

Days are indexed from ``calendar.start``. A meeting of module m occupies ``days_per_module``
consecutive calendar days, all of which must be open (allowed weekday, no Polish public
holiday, no blackout, venue available). The gap rule is start-to-start:
``min_gap_days ≤ start(m+1) − start(m) ≤ max_gap_days`` (and never overlapping).

Hard: rooms per venue per day, trainer per meeting, no trainer in two meetings on one day,
trainer unavailability and ``max_days``. Soft (objective): number of distinct trainers per
group beyond ``trainers_per_meeting`` × ``same_trainer_penalty`` + one-way km from trainer
home to venue × ``trainer_km_weight``.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

import holidays as holidays_lib
from ortools.sat.python import cp_model

from .distance import point_distance
from .model import CalendarRules, Meeting, Problem, Reason, Venue
from .reasons import reason

WEEKDAY_NAMES = {1: "Mon", 2: "Tue", 3: "Wed", 4: "Thu", 5: "Fri", 6: "Sat", 7: "Sun"}


@dataclass
class CalendarOutcome:
    meetings: dict[str, list[Meeting]] = field(default_factory=dict)
    reason: Reason | None = None
    stats: dict = field(default_factory=dict)


def closed_days(cal: CalendarRules) -> set[dt.date]:
    """Holidays and blackout days inside the planning period."""
    days: set[dt.date] = set()
    if cal.holidays == "PL":
        years = range(cal.start.year, cal.end.year + 1)
        days |= set(holidays_lib.country_holidays("PL", years=years))
    for b in cal.blackout:
        days |= {b.start + dt.timedelta(i) for i in range((b.end - b.start).days + 1)}
    return days


class Days:
    """Day-index arithmetic for one calendar."""

    def __init__(self, cal: CalendarRules):
        self.cal = cal
        self.n = (cal.end - cal.start).days + 1
        closed = closed_days(cal)
        self.open = [
            (d := cal.start + dt.timedelta(i)).isoweekday() in cal.weekdays and d not in closed
            for i in range(self.n)
        ]

    def date(self, i: int) -> dt.date:
        return self.cal.start + dt.timedelta(i)

    def index(self, day: dt.date) -> int:
        return (day - self.cal.start).days

    def starts(self, blocked: frozenset[dt.date] = frozenset()) -> list[int]:
        """Start indices whose whole meeting lies on open, unblocked days."""
        span = self.cal.days_per_module
        return [
            s
            for s in range(self.n - span + 1)
            if all(self.open[s + j] and self.date(s + j) not in blocked for j in range(span))
        ]


def chain_starts(cal: CalendarRules, starts: list[int]) -> list[list[int]]:
    """For each module, the starts that lie on some full chain of modules (forward+backward)."""
    lo_gap = max(cal.min_gap_days, cal.days_per_module)
    hi_gap = cal.max_gap_days if cal.max_gap_days is not None else 10**9
    fwd = [list(starts)]
    for _ in range(1, cal.modules):
        prev = fwd[-1]
        fwd.append([s for s in starts if any(lo_gap <= s - p <= hi_gap for p in prev)])
    result = [fwd[-1]]
    for m in range(cal.modules - 2, -1, -1):
        nxt = result[0]
        result.insert(0, [s for s in fwd[m] if any(lo_gap <= n - s <= hi_gap for n in nxt)])
    return result


def _weekday_text(cal: CalendarRules) -> str:
    return "/".join(WEEKDAY_NAMES[w] for w in cal.weekdays)


def calendar_precheck(problem: Problem, group_venues: dict[str, Venue], days: Days):
    """Per-group candidate starts per module, or a Reason naming the violated rule."""
    cal = problem.calendar
    base = days.starts()
    if not base:
        return reason(
            "no_window",
            days=cal.days_per_module,
            weekdays=_weekday_text(cal),
            start=str(cal.start),
            end=str(cal.end),
        )
    if not chain_starts(cal, base)[0]:
        return _no_fit(cal)
    options = {}
    for gid, venue in group_venues.items():
        starts = days.starts(venue.unavailable)
        if not starts:
            return reason(
                "no_window_venue",
                venue=venue.id,
                days=cal.days_per_module,
                start=str(cal.start),
                end=str(cal.end),
            )
        chains = chain_starts(cal, starts)
        if not chains[0]:
            return reason(
                "modules_do_not_fit_venue",
                group=gid,
                venue=venue.id,
                modules=cal.modules,
                start=str(cal.start),
                end=str(cal.end),
            )
        options[gid] = chains
    return _trainer_precheck(problem, len(group_venues), days) or options


def _no_fit(cal: CalendarRules) -> Reason:
    return reason(
        "modules_do_not_fit",
        modules=cal.modules,
        days=cal.days_per_module,
        min_gap=cal.min_gap_days,
        max_gap=cal.max_gap_days if cal.max_gap_days is not None else "∞",
        start=str(cal.start),
        end=str(cal.end),
    )


def _trainer_precheck(problem: Problem, n_groups: int, days: Days) -> Reason | None:
    cal = problem.calendar
    if cal.trainers_per_meeting == 0:
        return None
    if not cal.trainers:
        return reason("no_trainers")
    if len(cal.trainers) < cal.trainers_per_meeting:
        return reason(
            "too_few_trainers", per_meeting=cal.trainers_per_meeting, trainers=len(cal.trainers)
        )
    needed = n_groups * cal.modules * cal.days_per_module * cal.trainers_per_meeting
    available = 0
    for trainer in cal.trainers:
        free = sum(
            1 for i in range(days.n) if days.open[i] and days.date(i) not in trainer.unavailable
        )
        available += free if trainer.max_days is None else min(free, trainer.max_days)
    if available < needed:
        return reason("trainer_days", available=available, needed=needed)
    return None


@dataclass
class _Vars:
    start: dict  # (g, m) → int var (day index of the first day)
    assign: dict  # (g, m, r) → bool: trainer r teaches meeting (g, m)
    uses: dict  # (g, r) → bool: trainer r teaches group g at least once
    objective: list


def _build(problem: Problem, groups: list[tuple[str, Venue]], options: dict, relax: set[str]):
    """Interval model: one fixed-size interval per meeting, optional copies per trainer."""
    cal = problem.calendar
    model = cp_model.CpModel()
    tpm = 0 if "trainers" in relax else cal.trainers_per_meeting
    trainers = cal.trainers if tpm else ()
    v = _Vars({}, {}, {}, [])
    meeting_intervals: dict[int, object] = {}
    trainer_intervals: dict[int, list] = {r: [] for r in range(len(trainers))}
    for g, (gid, venue) in enumerate(groups):
        chains = options[gid]
        for m in range(cal.modules):
            domain = cp_model.Domain.from_values(chains[m])
            v.start[g, m] = model.new_int_var_from_domain(domain, f"s{g}_{m}")
            meeting_intervals[g, m] = model.new_fixed_size_interval_var(
                v.start[g, m], cal.days_per_module, f"i{g}_{m}"
            )
        _gap_constraints(model, cal, v, g)
        for r, trainer in enumerate(trainers):
            _trainer_vars(model, problem, v, g, venue, chains, r, trainer, relax)
            trainer_intervals[r].extend(
                model.new_optional_fixed_size_interval_var(
                    v.start[g, m], cal.days_per_module, a, f"t{g}_{m}_{r}"
                )
                for m in range(cal.modules)
                if (a := v.assign.get((g, m, r))) is not None
            )
        if trainers:
            for m in range(cal.modules):
                chosen = [v.assign[k] for r in range(len(trainers)) if (k := (g, m, r)) in v.assign]
                model.add(sum(chosen) == tpm)
    if "rooms" not in relax:
        _room_constraints(model, groups, meeting_intervals)
    for r, trainer in enumerate(trainers):
        if "double_booking" not in relax:
            model.add_no_overlap(trainer_intervals[r])
        if trainer.max_days is not None and "max_days" not in relax:
            mine = [a for (_g, _m, rr), a in v.assign.items() if rr == r]
            model.add(cal.days_per_module * sum(mine) <= trainer.max_days)
    model.minimize(sum(v.objective))
    return model, v


def _gap_constraints(model, cal: CalendarRules, v: _Vars, g: int) -> None:
    lo_gap = max(cal.min_gap_days, cal.days_per_module)
    for m in range(cal.modules - 1):
        model.add(v.start[g, m + 1] - v.start[g, m] >= lo_gap)
        if cal.max_gap_days is not None:
            model.add(v.start[g, m + 1] - v.start[g, m] <= cal.max_gap_days)


def _trainer_vars(model, problem, v: _Vars, g, venue, chains, r, trainer, relax) -> None:
    """Assignment booleans of one trainer to the meetings of one group, with soft costs."""
    cal = problem.calendar
    v.uses[g, r] = model.new_bool_var(f"u{g}_{r}")
    v.objective.append(round(cal.same_trainer_penalty) * v.uses[g, r])
    per_meeting = round(point_distance(problem.distance, trainer, venue) * cal.trainer_km_weight)
    for m in range(cal.modules):
        allowed = chains[m]
        if "trainer_unavailable" not in relax and trainer.unavailable:
            allowed = [
                s
                for s in chains[m]
                if not any(
                    cal.start + dt.timedelta(s + j) in trainer.unavailable
                    for j in range(cal.days_per_module)
                )
            ]
        if not allowed:
            continue
        a = model.new_bool_var(f"a{g}_{m}_{r}")
        v.assign[g, m, r] = a
        if len(allowed) < len(chains[m]):
            domain = cp_model.Domain.from_values(allowed)
            model.add_linear_expression_in_domain(v.start[g, m], domain).only_enforce_if(a)
        model.add_implication(a, v.uses[g, r])
        if per_meeting:
            v.objective.append(per_meeting * a)


def _room_constraints(model, groups, intervals: dict) -> None:
    by_venue: dict[str, list[int]] = {}
    for g, (_, venue) in enumerate(groups):
        by_venue.setdefault(venue.id, []).append(g)
    for members in by_venue.values():
        rooms = groups[members[0]][1].max_groups
        if len(members) > rooms:
            mine = [iv for (g, _m), iv in intervals.items() if g in members]
            model.add_cumulative(mine, [1] * len(mine), rooms)


def _solve(model, seconds: float, seed: int):
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = max(0.5, seconds)
    solver.parameters.max_time_in_seconds = max(1.0, 2 * seconds)
    status = solver.solve(model)
    return solver, status


#: Most specific first: the first relaxation that makes a calendar possible is blamed.
RELAXATIONS = [
    ("max_days", "trainer maximum days"),
    ("trainer_unavailable", "trainer unavailable dates"),
    ("double_booking", "a trainer is never in two meetings on the same day"),
    ("rooms", "rooms per venue per day"),
    ("trainers", "trainers for every meeting"),
]


def schedule(problem: Problem, groups: list[tuple[str, Venue]], seconds: float, seed: int):
    """Meetings per group id, or a Reason; deterministic for a seed (1 worker, det. time)."""
    t0 = time.monotonic()
    days = Days(problem.calendar)
    checked = calendar_precheck(problem, dict(groups), days)
    if isinstance(checked, Reason):
        return CalendarOutcome(reason=checked)
    model, v = _build(problem, groups, checked, set())
    solver, status = _solve(model, seconds, seed)
    stats = {"calendar_status": solver.status_name(status), "calendar_seconds": 0.0}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        stats["calendar_soft_cost"] = solver.objective_value
        stats["calendar_bound"] = solver.best_objective_bound
        stats["calendar_seconds"] = round(time.monotonic() - t0, 3)
        return CalendarOutcome(_meetings(problem, groups, v, solver, days), None, stats)
    if status == cp_model.INFEASIBLE:
        found = _diagnose(problem, groups, checked, seconds, seed)
    else:
        found = reason("calendar_timeout")
    stats["calendar_seconds"] = round(time.monotonic() - t0, 3)
    return CalendarOutcome(reason=found, stats=stats)


def _diagnose(problem, groups, options, seconds, seed) -> Reason:
    """Relax one family of rules at a time; blame the first whose removal helps."""
    for key, label in RELAXATIONS:
        model, _ = _build(problem, groups, options, {key})
        _, status = _solve(model, max(0.5, seconds / 4), seed)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return reason("calendar_rule", rule=label)
    return reason("calendar_infeasible")


def _meetings(problem, groups, v: _Vars, solver, days: Days) -> dict[str, list[Meeting]]:
    cal = problem.calendar
    ids = [t.id for t in cal.trainers]
    staff: dict[tuple[int, int], list[str]] = {}
    for (g, m, r), a in v.assign.items():
        if solver.value(a):
            staff.setdefault((g, m), []).append(ids[r])
    out: dict[str, list[Meeting]] = {}
    for g, (gid, _venue) in enumerate(groups):
        out[gid] = []
        for m in range(cal.modules):
            first = solver.value(v.start[g, m])
            dates = [days.date(first + j) for j in range(cal.days_per_module)]
            out[gid].append(Meeting(m + 1, dates, sorted(staff.get((g, m), []))))
    return out
