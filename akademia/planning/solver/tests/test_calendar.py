"""Calendar rules, each verified by the independent checker."""

import datetime as dt

from akademia.planning.solver import check, problem_from_data, solve
from akademia.planning.solver.model import Meeting

from .factories import calendar_block, line_problem


def solved(calendar, **groups):
    data = line_problem(**groups) | {"calendar": calendar}
    problem = problem_from_data(data)
    result = solve(problem, time_limit=10, seed=1)
    return problem, result


def all_dates(result):
    return [d for g in result.groups for m in g.meetings for d in m.dates]


def test_holiday_avoided_and_weekday_kept():
    # Mondays only; 2027-05-03 (Constitution Day) is a Monday and must be skipped.
    cal = calendar_block(
        start="2027-05-03",
        end="2027-05-17",
        min_gap_days=7,
        max_gap_days=7,
        trainers=[{"id": "T1", "x": 0, "y": 0}, {"id": "T2", "x": 10, "y": 0}],
    )
    problem, result = solved(cal)
    assert result.status == "optimal", result.reason
    assert dt.date(2027, 5, 3) not in all_dates(result)
    assert all(d.isoweekday() == 1 for d in all_dates(result))
    assert {m.dates[0] for g in result.groups for m in g.meetings} == {
        dt.date(2027, 5, 10),
        dt.date(2027, 5, 17),
    }
    assert check(problem, result).ok


def test_trainer_never_double_booked_and_prefers_near_group():
    cal = calendar_block(start="2027-05-31", end="2027-06-21", min_gap_days=7, max_gap_days=14)
    problem, result = solved(cal)
    assert result.status == "optimal", result.reason
    days = [(d, m.trainer) for g in result.groups for m in g.meetings for d in m.dates]
    assert len(days) == len(set(days))  # one trainer, four meetings, four different Mondays
    assert check(problem, result).ok


def test_multi_day_modules_blackout_and_gaps():
    cal = calendar_block(
        start="2027-02-01",
        end="2027-03-31",
        modules=3,
        days_per_module=2,
        weekdays=[4, 5],
        min_gap_days=14,
        max_gap_days=21,
        blackout=[{"start": "2027-02-11", "end": "2027-02-12", "label": "ferie"}],
        trainers=[{"id": "T1", "x": 0, "y": 0}, {"id": "T2", "x": 10, "y": 0}],
        trainers_per_meeting=1,
    )
    problem, result = solved(cal)
    assert result.status == "optimal", result.reason
    for group in result.groups:
        starts = [m.dates[0] for m in group.meetings]
        assert all(s.isoweekday() == 4 for s in starts)
        assert all(14 <= (b - a).days <= 21 for a, b in zip(starts, starts[1:], strict=False))
        assert all((m.dates[1] - m.dates[0]).days == 1 for m in group.meetings)
    assert dt.date(2027, 2, 11) not in all_dates(result)
    assert check(problem, result).ok


def test_same_trainer_preferred():
    cal = calendar_block(
        start="2027-05-31",
        end="2027-06-28",
        trainers=[{"id": "T1", "x": 0, "y": 0}, {"id": "T2", "x": 10, "y": 0}],
    )
    problem, result = solved(cal)
    for group in result.groups:
        assert len({m.trainer for m in group.meetings}) == 1
    near = {g.venue: g.meetings[0].trainer for g in result.groups}
    assert near == {"A": "T1", "B": "T2"}  # short trainer travel
    assert check(problem, result).ok


def test_checker_catches_tampering():
    cal = calendar_block(start="2027-05-31", end="2027-06-21", min_gap_days=7, max_gap_days=14)
    problem, result = solved(cal)
    first, second = result.groups
    second.meetings[0] = Meeting(1, list(first.meetings[0].dates), ["T1"])
    first.meetings[1] = Meeting(2, [dt.date(2027, 6, 1)], ["T1"])  # a Tuesday
    rules = {v.rule for v in check(problem, result).violations}
    assert {"trainer_double_booking", "weekday"} <= rules


def test_no_window_reason():
    cal = calendar_block(start="2027-05-03", end="2027-05-03")  # only a holiday Monday
    _, result = solved(cal)
    assert result.status == "infeasible"
    assert result.reason.code == "no_window"
    assert result.reason.text.startswith("no 1-day window on allowed weekdays Mon between")


def test_trainer_days_reason():
    cal = calendar_block(trainers=[{"id": "T1", "x": 0, "y": 0, "max_days": 3}])
    _, result = solved(cal)
    assert result.reason.code == "trainer_days"
    assert result.reason.text == "trainers have 3 days in total but 4 meeting-days are needed"


def test_modules_do_not_fit_reason():
    cal = calendar_block(start="2027-05-10", end="2027-05-24", modules=4)
    _, result = solved(cal)
    assert result.reason.code == "modules_do_not_fit"


def test_trainer_unavailability_blamed_by_relaxation():
    # Mondays 10, 17, 24 May, gap exactly 7: the groups cannot both avoid 17 May, when the
    # second trainer is away; the day count alone (3 + 1 = 4 needed) does not show it.
    away = ["2027-05-17", "2027-05-24"]
    trainers = [{"id": "T1", "x": 0, "y": 0}, {"id": "T2", "x": 9, "y": 0, "unavailable": away}]
    cal = calendar_block(start="2027-05-03", end="2027-05-24", max_gap_days=7, trainers=trainers)
    _, result = solved(cal)
    assert result.status == "infeasible"
    assert result.reason.code == "calendar_rule"
    assert result.reason.params == {"rule": "trainer unavailable dates"}
