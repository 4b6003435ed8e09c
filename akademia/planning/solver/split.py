"""Split the teams the MIP sent to one venue (and kind) into y groups.

The aggregated MIP only guarantees ``y·min ≤ people ≤ y·max`` (and aggregate county / manager
constraints); the real per-group rules are enforced here. A greedy balanced split solves
almost every case; otherwise a tiny CP-SAT model proves a split exists or that none does.
"""

from __future__ import annotations

from fractions import Fraction

from ortools.sat.python import cp_model

from .data import GroupingData


def _group_ok(data: GroupingData, members: list[int]) -> bool:
    rules = data.problem.groups
    load = int(data.sizes[members].sum())
    if not data.lo <= load <= data.hi:
        return False
    if rules.max_teams_per_county:
        counties = [data.county_of[t] for t in members if data.county_of[t] is not None]
        if any(counties.count(c) > rules.max_teams_per_county for c in set(counties)):
            return False
    share = rules.min_manager_share
    return share <= 0 or data.managers[members].sum() >= share * load - 1e-9


def greedy_split(data: GroupingData, teams: list[int], count: int) -> list[list[int]] | None:
    """Largest team first into the lightest group that keeps county caps; None if it fails."""
    cap = data.problem.groups.max_teams_per_county
    groups: list[list[int]] = [[] for _ in range(count)]
    loads = [0] * count
    for t in sorted(teams, key=lambda t: (-data.sizes[t], -data.managers[t], t)):
        options = [
            g
            for g in range(count)
            if loads[g] + data.sizes[t] <= data.hi
            and not (
                cap
                and data.county_of[t] is not None
                and sum(data.county_of[u] == data.county_of[t] for u in groups[g]) >= cap
            )
        ]
        if not options:
            return None
        g = min(options, key=lambda g: (loads[g], g))
        groups[g].append(t)
        loads[g] += int(data.sizes[t])
    return groups if all(_group_ok(data, g) for g in groups) else None


def exact_split(
    data: GroupingData, teams: list[int], count: int, seed: int, seconds: float
) -> list[list[int]] | None:
    """CP-SAT partition; None when infeasible or not decided in time."""
    rules = data.problem.groups
    model = cp_model.CpModel()
    x = {(t, g): model.new_bool_var(f"x{t}_{g}") for t in teams for g in range(count)}
    for i, t in enumerate(teams):
        model.add_exactly_one(x[t, g] for g in range(count))
        for g in range(i + 1, count):  # symmetry: i-th team only in the first i+1 groups
            model.add(x[t, g] == 0)
    share = Fraction(rules.min_manager_share).limit_denominator(10_000)
    for g in range(count):
        load = sum(int(data.sizes[t]) * x[t, g] for t in teams)
        model.add_linear_constraint(load, data.lo, data.hi)
        if share > 0:
            model.add(
                sum(
                    (
                        int(data.managers[t]) * share.denominator
                        - share.numerator * int(data.sizes[t])
                    )
                    * x[t, g]
                    for t in teams
                )
                >= 0
            )
        if rules.max_teams_per_county:
            by_county: dict[str, list[int]] = {}
            for t in teams:
                if data.county_of[t] is not None:
                    by_county.setdefault(data.county_of[t], []).append(t)
            for members in by_county.values():
                if len(members) > rules.max_teams_per_county:
                    model.add(sum(x[t, g] for t in members) <= rules.max_teams_per_county)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = max(0.1, seconds)
    solver.parameters.max_time_in_seconds = max(0.5, 3 * seconds)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [[t for t in teams if solver.value(x[t, g])] for g in range(count)]


def split_venue(
    data: GroupingData, teams: list[int], count: int, seed: int = 0, seconds: float = 2.0
) -> list[list[int]] | None:
    teams = sorted(teams)
    if count == 1:
        return [teams] if _group_ok(data, teams) else None
    return greedy_split(data, teams, count) or exact_split(data, teams, count, seed, seconds)
