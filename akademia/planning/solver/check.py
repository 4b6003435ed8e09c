"""Independent checker of a result against its problem.

Written separately from the solver on purpose: it shares only the dataclasses and the
distance function, re-derives every rule from the problem statement and recomputes the
objective from scratch, so a bug in the solver cannot hide itself here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import holidays as holidays_lib

from .distance import team_cost
from .model import Problem, Result

TOLERANCE = 1e-6
CALENDAR_RULES = {
    "meetings",
    "dates",
    "weekday",
    "holiday",
    "blackout",
    "period",
    "consecutive",
    "gap",
    "trainer",
    "trainer_unavailable",
    "trainer_double_booking",
    "trainer_max_days",
    "venue_unavailable",
    "venue_rooms_per_day",
}


#: Every message of the checker by stable key: (rule, English template). The web app keeps
#: ``key`` and ``params`` and shows its own translation (planning/summary.py VIOLATIONS); the
#: CLI and the benchmark print the English ``message``. Params are JSON-serialisable (ids,
#: numbers, ISO dates, lists). "Where" in a meeting: group {group}, module {module}.
MESSAGES: dict[str, tuple[str, str]] = {
    "no_reason": ("reason", "infeasible result without a reason"),
    "unknown_team": ("assignment", "unknown team {team} in the result"),
    "team_in_groups": ("assignment", "team {team} is in {times} groups"),
    "team_in_no_group": ("assignment", "team {team} is in no group"),
    "unknown_venue": ("venue", "unknown venue {venue}"),
    "venue_capacity": ("venue_capacity", "venue {venue} has {count} groups, max_groups is {rooms}"),
    "group_count": ("group_count", "{count} groups, {required} required"),
    "group_size_sum": ("group_size", "group {group}: size says {size}, teams sum to {people}"),
    "group_size": ("group_size", "group {group}: {size} people, allowed {min_size}–{max_size}"),
    "same_kind": ("same_kind", "group {group} mixes kinds {kinds}"),
    "county_cap": ("county_cap", "group {group}: {teams} teams of county {county} (max {cap})"),
    "manager_share": (
        "manager_share",
        "group {group}: {managers} managers of {size} people (need share {required})",
    ),
    "distance": ("distance", "team {team} cannot travel to venue {venue}"),
    "objective": ("objective", "objective says {claimed}, recomputed {total}"),
    "lower_bound": ("lower_bound", "lower bound {bound} exceeds the objective {total}"),
    "gap_value": ("optimality_gap", "gap {gap} ≠ (objective − lower_bound) / objective"),
    "meetings": ("meetings", "group {group}: modules {modules}, need 1..{count}"),
    "dates": ("dates", "group {group} module {module}: {days} days, need {required}"),
    "consecutive": (
        "consecutive",
        "group {group} module {module}: {day} and {next_day} are not consecutive days",
    ),
    "period": ("period", "group {group} module {module}: {day} outside {start}..{end}"),
    "weekday": ("weekday", "group {group} module {module}: {day} is weekday {weekday}"),
    "holiday": ("holiday", "group {group} module {module}: {day} is a public holiday"),
    "blackout": ("blackout", "group {group} module {module}: {day} is a blackout date"),
    "venue_unavailable": (
        "venue_unavailable",
        "group {group} module {module}: venue {venue} closed on {day}",
    ),
    "trainer_twice": ("trainer", "group {group} module {module}: a trainer is listed twice"),
    "trainer_count": (
        "trainer",
        "group {group} module {module}: {count} trainers, need {required}",
    ),
    "unknown_trainer": ("trainer", "group {group} module {module}: unknown trainer {trainer}"),
    "trainer_unavailable": (
        "trainer_unavailable",
        "group {group} module {module}: trainer {trainer} away on {day}",
    ),
    "overlap": (
        "gap",
        "group {group} modules {module}→{next_module}: meetings overlap or are out of order",
    ),
    "gap_short": (
        "gap",
        "group {group} modules {module}→{next_module}: {gap} days between starts < {min_gap}",
    ),
    "gap_long": (
        "gap",
        "group {group} modules {module}→{next_module}: {gap} days between starts > {max_gap}",
    ),
    "venue_rooms_per_day": (
        "venue_rooms_per_day",
        "venue {venue} has {count} meetings on {day} (rooms {rooms})",
    ),
    "trainer_double_booking": (
        "trainer_double_booking",
        "trainer {trainer} in {count} meetings on {day}",
    ),
    "trainer_max_days": ("trainer_max_days", "trainer {trainer} works {days} days, max {max_days}"),
}


@dataclass
class Violation:
    rule: str
    message: str
    key: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def calendar(self) -> bool:
        return self.rule in CALENDAR_RULES

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "message": self.message, "key": self.key, "params": self.params}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [_json_value(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


@dataclass
class CheckReport:
    violations: list[Violation] = field(default_factory=list)
    objective: float | None = None

    @property
    def ok(self) -> bool:
        return not self.violations

    def add(self, key: str, **params: Any) -> None:
        """Record the violation `key` of MESSAGES; an unknown key is a programming error."""
        rule, template = MESSAGES[key]
        params = {name: _json_value(value) for name, value in params.items()}
        self.violations.append(Violation(rule, template.format(**params), key, params))

    def calendar_violations(self) -> list[Violation]:
        return [v for v in self.violations if v.calendar]


def check(problem: Problem, result: Result) -> CheckReport:
    """Every violated hard rule of a feasible/optimal result, plus the recomputed objective."""
    report = CheckReport()
    if result.status == "infeasible":
        if result.reason is None:
            report.add("no_reason")
        return report
    _check_assignment(problem, result, report)
    _check_groups(problem, result, report)
    _check_objective(problem, result, report)
    if problem.calendar is not None:
        _check_calendar(problem, result, report)
    return report


def _check_assignment(problem: Problem, result: Result, report: CheckReport) -> None:
    known = {t.id for t in problem.teams}
    seen = Counter(t for g in result.groups for t in g.teams)
    for team_id, times in sorted(seen.items()):
        if team_id not in known:
            report.add("unknown_team", team=team_id)
        elif times > 1:
            report.add("team_in_groups", team=team_id, times=times)
    for team_id in sorted(known - set(seen)):
        report.add("team_in_no_group", team=team_id)


def _check_groups(problem: Problem, result: Result, report: CheckReport) -> None:
    rules = problem.groups
    teams = {t.id: t for t in problem.teams}
    venues = {v.id: v for v in problem.venues}
    per_venue = Counter(g.venue for g in result.groups)
    for venue_id, count in sorted(per_venue.items()):
        if venue_id not in venues:
            report.add("unknown_venue", venue=venue_id)
        elif count > venues[venue_id].max_groups:
            report.add(
                "venue_capacity", venue=venue_id, count=count, rooms=venues[venue_id].max_groups
            )
    if rules.count is not None and len(result.groups) != rules.count:
        report.add("group_count", count=len(result.groups), required=rules.count)
    for group in result.groups:
        members = [teams[t] for t in group.teams if t in teams]
        _check_one_group(problem, group, members, report)


def _check_one_group(problem: Problem, group, members, report: CheckReport) -> None:
    rules = problem.groups
    size = sum(t.size for t in members)
    if size != group.size:
        report.add("group_size_sum", group=group.id, size=group.size, people=size)
    if not rules.min_size <= size <= rules.max_size:
        report.add(
            "group_size",
            group=group.id,
            size=size,
            min_size=rules.min_size,
            max_size=rules.max_size,
        )
    if rules.same_kind and len({t.kind for t in members}) > 1:
        report.add("same_kind", group=group.id, kinds=sorted({t.kind for t in members}))
    if rules.max_teams_per_county:
        counties = Counter(t.county for t in members if t.county is not None)
        for county, n in sorted(counties.items()):
            if n > rules.max_teams_per_county:
                report.add(
                    "county_cap",
                    group=group.id,
                    teams=n,
                    county=county,
                    cap=rules.max_teams_per_county,
                )
    managers = sum(t.managers for t in members)
    if managers < rules.min_manager_share * size - TOLERANCE:
        report.add(
            "manager_share",
            group=group.id,
            managers=managers,
            size=size,
            required=rules.min_manager_share,
        )


def _check_objective(problem: Problem, result: Result, report: CheckReport) -> None:
    teams = {t.id: t for t in problem.teams}
    venues = {v.id: v for v in problem.venues}
    total = problem.groups.fixed_cost * len(result.groups)
    for group in result.groups:
        venue = venues.get(group.venue)
        for team_id in group.teams:
            if venue is None or team_id not in teams:
                continue
            cost = team_cost(problem, teams[team_id], venue)
            if math.isinf(cost):
                report.add("distance", team=team_id, venue=venue.id)
            total += cost
    report.objective = total
    claimed = result.objective
    if claimed is None or abs(claimed - total) > TOLERANCE * max(1.0, abs(total)):
        report.add("objective", claimed=claimed, total=total)
    bound = result.lower_bound
    if bound is not None and bound > total + TOLERANCE * max(1.0, abs(total)):
        report.add("lower_bound", bound=bound, total=total)
    gap_known = bound is not None and total > 0 and result.gap is not None
    if gap_known and abs(result.gap - (total - bound) / total) > 1e-6:
        report.add("gap_value", gap=result.gap)


def _closed_dates(problem: Problem) -> tuple[set[dt.date], set[dt.date]]:
    cal = problem.calendar
    public: set[dt.date] = set()
    if cal.holidays == "PL":
        for year in range(cal.start.year, cal.end.year + 1):
            public |= set(holidays_lib.Poland(years=year).keys())
    blackout: set[dt.date] = set()
    for item in cal.blackout:
        day = item.start
        while day <= item.end:
            blackout.add(day)
            day += dt.timedelta(days=1)
    return public, blackout


def _check_calendar(problem: Problem, result: Result, report: CheckReport) -> None:
    cal = problem.calendar
    venues = {v.id: v for v in problem.venues}
    trainers = {t.id: t for t in cal.trainers}
    public, blackout = _closed_dates(problem)
    trainer_days: dict[str, list[dt.date]] = defaultdict(list)
    venue_days: Counter = Counter()
    for group in result.groups:
        modules = sorted(m.module for m in group.meetings)
        if modules != list(range(1, cal.modules + 1)):
            report.add("meetings", group=group.id, modules=modules, count=cal.modules)
        for meeting in sorted(group.meetings, key=lambda m: m.module):
            where = {"group": group.id, "module": meeting.module}
            _check_dates(cal, meeting.dates, where, public, blackout, report)
            venue_id = meeting.venue or group.venue
            venue = venues.get(venue_id)
            if meeting.venue and venue is None:
                report.add("unknown_venue", venue=venue_id)
            for day in meeting.dates:
                venue_days[venue_id, day] += 1
                if venue is not None and day in venue.unavailable:
                    report.add("venue_unavailable", **where, venue=venue.id, day=day)
            _check_staff(cal, meeting, trainers, where, report)
            for trainer_id in meeting.trainers:
                trainer_days[trainer_id].extend(meeting.dates)
        _check_gaps(cal, group, report)
    for (venue_id, day), n in sorted(venue_days.items()):
        if venue_id in venues and n > venues[venue_id].max_groups:
            report.add(
                "venue_rooms_per_day",
                venue=venue_id,
                count=n,
                day=day,
                rooms=venues[venue_id].max_groups,
            )
    _check_trainer_load(trainers, trainer_days, report)


def _check_dates(cal, dates, where: dict, public, blackout, report: CheckReport) -> None:
    if len(dates) != cal.days_per_module:
        report.add("dates", **where, days=len(dates), required=cal.days_per_module)
    for a, b in zip(dates, dates[1:], strict=False):
        if (b - a).days != 1:
            report.add("consecutive", **where, day=a, next_day=b)
    for day in dates:
        if not cal.start <= day <= cal.end:
            report.add("period", **where, day=day, start=cal.start, end=cal.end)
        if day.isoweekday() not in cal.weekdays:
            report.add("weekday", **where, day=day, weekday=day.isoweekday())
        if day in public:
            report.add("holiday", **where, day=day)
        if day in blackout:
            report.add("blackout", **where, day=day)


def _check_staff(cal, meeting, trainers, where: dict, report: CheckReport) -> None:
    if len(set(meeting.trainers)) != len(meeting.trainers):
        report.add("trainer_twice", **where)
    if len(meeting.trainers) != cal.trainers_per_meeting:
        report.add(
            "trainer_count",
            **where,
            count=len(meeting.trainers),
            required=cal.trainers_per_meeting,
        )
    for trainer_id in meeting.trainers:
        trainer = trainers.get(trainer_id)
        if trainer is None:
            report.add("unknown_trainer", **where, trainer=trainer_id)
            continue
        for day in meeting.dates:
            if day in trainer.unavailable:
                report.add("trainer_unavailable", **where, trainer=trainer_id, day=day)


def _check_gaps(cal, group, report: CheckReport) -> None:
    meetings = sorted((m for m in group.meetings if m.dates), key=lambda m: m.module)
    for first, second in zip(meetings, meetings[1:], strict=False):
        gap = (second.dates[0] - first.dates[0]).days
        where = {"group": group.id, "module": first.module, "next_module": second.module}
        if second.dates[0] <= first.dates[-1]:
            report.add("overlap", **where)
        if gap < cal.min_gap_days:
            report.add("gap_short", **where, gap=gap, min_gap=cal.min_gap_days)
        if cal.max_gap_days is not None and gap > cal.max_gap_days:
            report.add("gap_long", **where, gap=gap, max_gap=cal.max_gap_days)


def _check_trainer_load(trainers, trainer_days, report: CheckReport) -> None:
    for trainer_id, days in sorted(trainer_days.items()):
        for day, n in sorted(Counter(days).items()):
            if n > 1:
                report.add("trainer_double_booking", trainer=trainer_id, count=n, day=day)
        trainer = trainers.get(trainer_id)
        if trainer is not None and trainer.max_days is not None and len(days) > trainer.max_days:
            report.add(
                "trainer_max_days", trainer=trainer_id, days=len(days), max_days=trainer.max_days
            )
