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


@dataclass
class Violation:
    rule: str
    message: str

    @property
    def calendar(self) -> bool:
        return self.rule in CALENDAR_RULES


@dataclass
class CheckReport:
    violations: list[Violation] = field(default_factory=list)
    objective: float | None = None

    @property
    def ok(self) -> bool:
        return not self.violations

    def add(self, rule: str, message: str) -> None:
        self.violations.append(Violation(rule, message))

    def calendar_violations(self) -> list[Violation]:
        return [v for v in self.violations if v.calendar]


def check(problem: Problem, result: Result) -> CheckReport:
    """Every violated hard rule of a feasible/optimal result, plus the recomputed objective."""
    report = CheckReport()
    if result.status == "infeasible":
        if result.reason is None:
            report.add("reason", "infeasible result without a reason")
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
            report.add("assignment", f"unknown team {team_id} in the result")
        elif times > 1:
            report.add("assignment", f"team {team_id} is in {times} groups")
    for team_id in sorted(known - set(seen)):
        report.add("assignment", f"team {team_id} is in no group")


def _check_groups(problem: Problem, result: Result, report: CheckReport) -> None:
    rules = problem.groups
    teams = {t.id: t for t in problem.teams}
    venues = {v.id: v for v in problem.venues}
    per_venue = Counter(g.venue for g in result.groups)
    for venue_id, count in sorted(per_venue.items()):
        if venue_id not in venues:
            report.add("venue", f"unknown venue {venue_id}")
        elif count > venues[venue_id].max_groups:
            report.add(
                "venue_capacity",
                f"venue {venue_id} has {count} groups, max_groups is {venues[venue_id].max_groups}",
            )
    if rules.count is not None and len(result.groups) != rules.count:
        report.add("group_count", f"{len(result.groups)} groups, {rules.count} required")
    for group in result.groups:
        members = [teams[t] for t in group.teams if t in teams]
        _check_one_group(problem, group, members, report)


def _check_one_group(problem: Problem, group, members, report: CheckReport) -> None:
    rules = problem.groups
    size = sum(t.size for t in members)
    if size != group.size:
        report.add("group_size", f"group {group.id}: size says {group.size}, teams sum to {size}")
    if not rules.min_size <= size <= rules.max_size:
        report.add(
            "group_size",
            f"group {group.id}: {size} people, allowed {rules.min_size}–{rules.max_size}",
        )
    if rules.same_kind and len({t.kind for t in members}) > 1:
        report.add("same_kind", f"group {group.id} mixes kinds {sorted({t.kind for t in members})}")
    if rules.max_teams_per_county:
        counties = Counter(t.county for t in members if t.county is not None)
        for county, n in sorted(counties.items()):
            if n > rules.max_teams_per_county:
                report.add(
                    "county_cap",
                    f"group {group.id}: {n} teams of county {county} "
                    f"(max {rules.max_teams_per_county})",
                )
    managers = sum(t.managers for t in members)
    if managers < rules.min_manager_share * size - TOLERANCE:
        report.add(
            "manager_share",
            f"group {group.id}: {managers} managers of {size} people "
            f"(need share {rules.min_manager_share})",
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
                report.add("distance", f"team {team_id} cannot travel to venue {venue.id}")
            total += cost
    report.objective = total
    claimed = result.objective
    if claimed is None or abs(claimed - total) > TOLERANCE * max(1.0, abs(total)):
        report.add("objective", f"objective says {claimed}, recomputed {total}")
    bound = result.lower_bound
    if bound is not None and bound > total + TOLERANCE * max(1.0, abs(total)):
        report.add("lower_bound", f"lower bound {bound} exceeds the objective {total}")
    gap_known = bound is not None and total > 0 and result.gap is not None
    if gap_known and abs(result.gap - (total - bound) / total) > 1e-6:
        report.add("gap", f"gap {result.gap} ≠ (objective − lower_bound) / objective")


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
    trainer_days: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)
    venue_days: Counter = Counter()
    for group in result.groups:
        modules = sorted(m.module for m in group.meetings)
        if modules != list(range(1, cal.modules + 1)):
            report.add("meetings", f"group {group.id}: modules {modules}, need 1..{cal.modules}")
        venue = venues.get(group.venue)
        for meeting in sorted(group.meetings, key=lambda m: m.module):
            where = f"group {group.id} module {meeting.module}"
            _check_dates(cal, meeting.dates, where, public, blackout, report)
            for day in meeting.dates:
                venue_days[group.venue, day] += 1
                if venue is not None and day in venue.unavailable:
                    report.add("venue_unavailable", f"{where}: venue {venue.id} closed on {day}")
            _check_staff(cal, meeting, trainers, where, report)
            for trainer_id in meeting.trainers:
                trainer_days[trainer_id].extend((day, where) for day in meeting.dates)
        _check_gaps(cal, group, report)
    for (venue_id, day), n in sorted(venue_days.items()):
        if venue_id in venues and n > venues[venue_id].max_groups:
            report.add(
                "venue_rooms_per_day",
                f"venue {venue_id} has {n} meetings on {day} (rooms {venues[venue_id].max_groups})",
            )
    _check_trainer_load(trainers, trainer_days, report)


def _check_dates(cal, dates, where, public, blackout, report: CheckReport) -> None:
    if len(dates) != cal.days_per_module:
        report.add("dates", f"{where}: {len(dates)} days, need {cal.days_per_module}")
    for a, b in zip(dates, dates[1:], strict=False):
        if (b - a).days != 1:
            report.add("consecutive", f"{where}: {a} and {b} are not consecutive days")
    for day in dates:
        if not cal.start <= day <= cal.end:
            report.add("period", f"{where}: {day} outside {cal.start}..{cal.end}")
        if day.isoweekday() not in cal.weekdays:
            report.add("weekday", f"{where}: {day} is weekday {day.isoweekday()}")
        if day in public:
            report.add("holiday", f"{where}: {day} is a public holiday")
        if day in blackout:
            report.add("blackout", f"{where}: {day} is a blackout date")


def _check_staff(cal, meeting, trainers, where, report: CheckReport) -> None:
    if len(set(meeting.trainers)) != len(meeting.trainers):
        report.add("trainer", f"{where}: a trainer is listed twice")
    if len(meeting.trainers) != cal.trainers_per_meeting:
        report.add(
            "trainer",
            f"{where}: {len(meeting.trainers)} trainers, need {cal.trainers_per_meeting}",
        )
    for trainer_id in meeting.trainers:
        trainer = trainers.get(trainer_id)
        if trainer is None:
            report.add("trainer", f"{where}: unknown trainer {trainer_id}")
            continue
        for day in meeting.dates:
            if day in trainer.unavailable:
                report.add("trainer_unavailable", f"{where}: trainer {trainer_id} away on {day}")


def _check_gaps(cal, group, report: CheckReport) -> None:
    meetings = sorted((m for m in group.meetings if m.dates), key=lambda m: m.module)
    for first, second in zip(meetings, meetings[1:], strict=False):
        gap = (second.dates[0] - first.dates[0]).days
        where = f"group {group.id} modules {first.module}→{second.module}"
        if second.dates[0] <= first.dates[-1]:
            report.add("gap", f"{where}: meetings overlap or are out of order")
        if gap < cal.min_gap_days:
            report.add("gap", f"{where}: {gap} days between starts < {cal.min_gap_days}")
        if cal.max_gap_days is not None and gap > cal.max_gap_days:
            report.add("gap", f"{where}: {gap} days between starts > {cal.max_gap_days}")


def _check_trainer_load(trainers, trainer_days, report: CheckReport) -> None:
    for trainer_id, days in sorted(trainer_days.items()):
        per_day = Counter(day for day, _ in days)
        for day, n in sorted(per_day.items()):
            if n > 1:
                report.add(
                    "trainer_double_booking", f"trainer {trainer_id} in {n} meetings on {day}"
                )
        trainer = trainers.get(trainer_id)
        if trainer is not None and trainer.max_days is not None and len(days) > trainer.max_days:
            report.add(
                "trainer_max_days",
                f"trainer {trainer_id} works {len(days)} days, max {trainer.max_days}",
            )
