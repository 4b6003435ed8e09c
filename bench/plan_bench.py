"""Planner benchmark on real TERYT coordinates.

    /work/main/.venv/bin/python bench/plan_bench.py [--quick]

(a) national scenario: 16 voivodeships, ~1000 JST, ~3300 people, solved with 2 workers:
    wall time, per-voivodeship gap against the planner's own lower bound, checker violations;
(b) travel ratios: planner vs a plain textbook MIP (HiGHS, 60 s per voivodeship; --quick:
    10 s and 4 voivodeships), vs the simple greedy nearest-venue plan (the target) and, for
    reference, vs a stronger greedy that repairs with single-team moves;
(c) all 2807 JST of Poland in one national plan (team size 3).

    /work/main/.venv/bin/python bench/plan_bench.py --varied 1,2,3 [--time-limit 6]
                                                    [--textbook-seconds 60]

(d) instead of (a)–(c): national scenarios whose team-size mix, share of JST per kind and
    county density are drawn per seed (``scenarios.varied_national_scenario``), grouping only;
    per voivodeship the planner's gap against its own bound and, as the baseline in the same
    run, the textbook MIP (HiGHS, the same time limit or --textbook-seconds) with its gap;
    totals per seed.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from akademia.planning.solver.baselines import textbook_mip  # noqa: E402
from akademia.planning.solver.check import check  # noqa: E402
from akademia.planning.solver.data import GroupingData  # noqa: E402
from akademia.planning.solver.greedy import (  # noqa: E402
    greedy_result,
    simple_greedy_plan,
    team_moves_greedy_plan,
)
from akademia.planning.solver.model import Group, Result  # noqa: E402
from akademia.planning.solver.parallel import solve_many  # noqa: E402
from akademia.planning.solver.scenarios import (  # noqa: E402
    all_jst_scenario,
    national_scenario,
    varied_national_scenario,
)
from akademia.planning.solver.solve import solve  # noqa: E402


def _textbook(args):
    problem, seconds = args
    return textbook_mip(GroupingData.build(problem), seconds)


def _fmt(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def national(args) -> list:
    problems = national_scenario()
    teams = sum(len(p.teams) for p in problems)
    people = sum(t.size for p in problems for t in p.teams)
    print(f"(a) national scenario: {len(problems)} voivodeships, {teams} JST, {people} people")
    t0 = time.monotonic()
    results = solve_many(problems, workers=args.workers, time_limit=args.time_limit, seed=0)
    wall = time.monotonic() - t0
    print(f"    wall time with {args.workers} workers: {wall:.1f} s (target < 60 s)")
    header = f"{'voivodeship':<24}{'JST':>5}{'ppl':>5}{'grp':>5}{'objective':>12}"
    print(header + f"{'bound':>12}{'gap %':>8}{'s':>6}{'cal.viol':>9}{'viol':>6}  status")
    rows = []
    for problem, result in zip(problems, results, strict=True):
        report = check(problem, result)
        rows.append((problem, result, report))
        print(
            f"{problem.name:<24}{len(problem.teams):>5}{sum(t.size for t in problem.teams):>5}"
            f"{len(result.groups):>5}{_fmt(result.objective):>12}{_fmt(result.lower_bound):>12}"
            f"{_fmt(None if result.gap is None else 100 * result.gap, 3):>8}"
            f"{result.seconds:>6.1f}{len(report.calendar_violations()):>9}"
            f"{len(report.violations):>6}  {result.status}"
            + (f" ({result.reason.text})" if result.reason else "")
        )
    gaps = [r.gap for _, r, _ in rows if r.gap is not None]
    cal = sum(len(rep.calendar_violations()) for *_, rep in rows)
    print(
        f"    max gap {100 * max(gaps):.3f} % (target < 2 %), calendar violations {cal} "
        f"(target 0), all violations {sum(len(rep.violations) for *_, rep in rows)}"
    )
    return rows


def _travel(objective, groups, problem):
    """Travel part of an objective: total minus the fixed cost of its groups."""
    return objective - problem.groups.fixed_cost * groups


class _Ratio:
    """Sums over the voivodeships where both plans exist: total objective and travel only."""

    def __init__(self):
        self.sums = [0.0, 0.0, 0.0, 0.0]

    def add(self, problem, result, other) -> None:
        if result.objective is None or other["objective"] is None:
            return
        self.sums[0] += result.objective
        self.sums[1] += other["objective"]
        self.sums[2] += _travel(result.objective, len(result.groups), problem)
        self.sums[3] += _travel(other["objective"], other["groups"], problem)

    def text(self) -> str:
        if not self.sums[1]:
            return "n/a"
        total = self.sums[0] / self.sums[1]
        travel = self.sums[2] / self.sums[3]
        return f"{travel:.4f} travel only, {total:.4f} with the fixed group cost"


def _greedy_violations(problem, greedy) -> int:
    """The baseline is checked too, without the calendar it does not plan."""
    if greedy["plan"] is None:
        return 0
    groups = [
        Group(f"G{i}", problem.venues[v].id, [problem.teams[t].id for t in teams], 0)
        for i, (v, teams) in enumerate(greedy["plan"])
    ]
    for group in groups:
        group.size = sum(t.size for t in problem.teams if t.id in set(group.teams))
    result = Result("feasible", greedy["objective"], None, None, 0.0, groups)
    report = check(replace(problem, calendar=None), result)
    return len([v for v in report.violations if v.rule != "objective"]) + (
        abs(report.objective - greedy["objective"]) > 1e-6 * greedy["objective"]
    )


def ratios(rows, args) -> None:
    limit = 4 if args.quick else len(rows)
    seconds = args.textbook_seconds
    print(
        f"(b) textbook MIP: HiGHS {seconds:.0f} s per voivodeship on {limit} voivodeships"
        + (" (--quick: shortened)" if args.quick else "")
        + f", {args.workers} workers"
    )
    chosen = rows[:limit]
    with ProcessPoolExecutor(max_workers=args.workers, mp_context=get_context("spawn")) as pool:
        textbook = list(pool.map(_textbook, [(p, seconds) for p, _, _ in chosen]))
    textbook += [None] * (len(rows) - limit)
    print(
        f"{'voivodeship':<24}{'planner':>12}{'textbook':>12}{'tb bound':>12}{'tb status':>22}"
        f"{'greedy':>12}{'team moves':>12}"
    )
    vs_textbook, vs_greedy, vs_moves = _Ratio(), _Ratio(), _Ratio()
    greedy_violations = 0
    for (problem, result, _), tb in zip(rows, textbook, strict=True):
        data = GroupingData.build(problem)
        greedy = greedy_result(data, simple_greedy_plan)
        moves = greedy_result(data, team_moves_greedy_plan)
        greedy_violations += _greedy_violations(problem, greedy) + _greedy_violations(
            problem, moves
        )
        vs_greedy.add(problem, result, greedy)
        vs_moves.add(problem, result, moves)
        if tb is not None:
            vs_textbook.add(problem, result, tb)
        print(
            f"{problem.name:<24}{_fmt(result.objective):>12}"
            f"{_fmt(tb and tb['objective']):>12}{_fmt(tb and tb['bound']):>12}"
            f"{(tb['status'] if tb else 'not run'):>22}{_fmt(greedy['objective']):>12}"
            f"{_fmt(moves['objective']):>12}"
        )
    print(f"    planner / textbook MIP      = {vs_textbook.text()} (target ≤ 1.0)")
    print(f"    planner / simple greedy     = {vs_greedy.text()} (target ≤ 0.8)")
    print(f"    planner / team-moves greedy = {vs_moves.text()} (reference, no target)")
    print(f"    checker violations of the greedy plans: {greedy_violations}")


def all_jst(args) -> None:
    problem = all_jst_scenario()
    people = sum(t.size for t in problem.teams)
    print(
        f"(c) all JST: {len(problem.teams)} teams, {people} people, {len(problem.venues)} venues,"
        f" time limit {args.all_time_limit:.0f} s"
    )
    t0 = time.monotonic()
    result = solve(problem, time_limit=args.all_time_limit, seed=0)
    wall = time.monotonic() - t0
    report = check(problem, result)
    print(
        f"    {wall:.1f} s (target < 300 s), status {result.status}, groups {len(result.groups)}, "
        f"objective {_fmt(result.objective)}, bound {_fmt(result.lower_bound)}, "
        f"gap {_fmt(None if result.gap is None else 100 * result.gap, 3)} %, "
        f"violations {len(report.violations)}"
    )


def varied(args) -> None:
    """(d): gap per voivodeship over several generated national scenarios, vs the textbook MIP."""
    seeds = [int(s) for s in args.varied.split(",")]
    baseline = args.textbook_seconds or args.time_limit  # the same time unless asked otherwise
    print(
        f"(d) varied national scenarios, seeds {seeds}: planner --time-limit {args.time_limit:g}"
        f" per voivodeship, {args.workers} workers; baseline textbook MIP (HiGHS) with"
        f" {baseline:g} s; load {os.getloadavg()[0]:.2f}"
    )
    worst, worst_tb, over, over_tb, count = 0.0, 0.0, 0, 0, 0
    for seed in seeds:
        problems = varied_national_scenario(seed)
        t0 = time.monotonic()
        results = solve_many(problems, workers=args.workers, time_limit=args.time_limit, seed=0)
        wall = time.monotonic() - t0
        textbook = [{"objective": None, "bound": -math.inf, "groups": None}] * len(problems)
        if not args.skip_textbook:
            with ProcessPoolExecutor(args.workers, mp_context=get_context("spawn")) as pool:
                textbook = list(pool.map(_textbook, [(p, baseline) for p in problems]))
        people = sum(t.size for p in problems for t in p.teams)
        print(
            f"seed {seed}: {sum(len(p.teams) for p in problems)} JST, {people} people, planner "
            f"wall {wall:.1f} s, load {os.getloadavg()[0]:.2f}"
        )
        print(
            f"{'voivodeship':<24}{'JST':>5}{'ppl':>6}{'objective':>12}{'bound':>12}{'gap %':>8}"
            f"{'s':>6}{'cpu s':>6}{'viol':>5}{'tb objective':>14}{'tb bound':>12}{'tb gap %':>9}"
        )
        total, total_tb, ratio = 0.0, 0.0, _Ratio()
        for problem, result, tb in zip(problems, results, textbook, strict=True):
            report = check(problem, result)
            tb_gap = (
                None
                if tb["objective"] is None
                else (tb["objective"] - tb["bound"]) / tb["objective"]
            )
            print(
                f"{problem.name:<24}{len(problem.teams):>5}"
                f"{sum(t.size for t in problem.teams):>6}{_fmt(result.objective):>12}"
                f"{_fmt(result.lower_bound):>12}"
                f"{_fmt(None if result.gap is None else 100 * result.gap, 3):>8}"
                f"{result.seconds:>6.1f}{result.stats.get('cpu_seconds', 0):>6.1f}"
                f"{len(report.violations):>5}{_fmt(tb['objective']):>14}{_fmt(tb['bound']):>12}"
                f"{_fmt(None if tb_gap is None else 100 * tb_gap, 3):>9}"
            )
            count += 1
            gap = 1.0 if result.gap is None else result.gap
            worst, over = max(worst, gap), over + (gap > 0.02)
            worst_tb = max(worst_tb, 1.0 if tb_gap is None else tb_gap)
            over_tb += tb_gap is None or tb_gap > 0.02
            total += result.objective or 0.0
            total_tb += tb["objective"] or 0.0
            ratio.add(problem, result, tb)
        print(f"    planner / textbook MIP = {ratio.text()}")
    print(
        f"    over {count} voivodeships: planner max gap {100 * worst:.3f} %, {over} above 2 %;"
        f" textbook MIP max gap {100 * worst_tb:.3f} %, {over_tb} above 2 % (or no plan)"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short baselines, shorter (c)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=20.0, help="planner s per problem")
    parser.add_argument("--textbook-seconds", type=float, default=None)
    parser.add_argument("--all-time-limit", type=float, default=None)
    parser.add_argument("--skip-all", action="store_true", help="skip scenario (c)")
    parser.add_argument("--varied", metavar="SEEDS", help="run only (d) for these seeds: 1,2,3")
    parser.add_argument("--skip-textbook", action="store_true", help="(d) without the baseline MIP")
    args = parser.parse_args(argv)
    if args.varied:
        varied(args)
        return 0
    if args.textbook_seconds is None:
        args.textbook_seconds = 10.0 if args.quick else 60.0
    if args.all_time_limit is None:
        args.all_time_limit = 60.0 if args.quick else 240.0
    rows = national(args)
    ratios(rows, args)
    if not args.skip_all:
        all_jst(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
