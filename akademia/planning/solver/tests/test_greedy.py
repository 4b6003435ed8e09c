"""The greedy reference plans the benchmark measures the planner against."""

import pytest

from akademia.planning.solver import problem_from_data, solve
from akademia.planning.solver.data import GroupingData
from akademia.planning.solver.greedy import (
    greedy_result,
    simple_greedy_plan,
    team_moves_greedy_plan,
)
from akademia.planning.solver.grouping import plan_cost

from .test_grouping import random_problem

PLANNERS = [simple_greedy_plan, team_moves_greedy_plan]


def assert_valid(data: GroupingData, plan) -> None:
    """Every team once, sizes within bounds, one kind per group, rooms respected."""
    placed = sorted(t for _, teams in plan for t in teams)
    assert placed == list(range(data.n_teams))
    for _venue, teams in plan:
        assert data.lo <= data.sizes[teams].sum() <= data.hi
        assert len({int(data.kind_of[t]) for t in teams}) == 1
    for venue in {v for v, _ in plan}:
        assert sum(1 for v, _ in plan if v == venue) <= data.rooms[venue]


def spread_problem() -> dict:
    """Six teams of two in three pairs along a line; groups of 4–6 people, a venue per pair.

    Nearest venues give three clusters of four people (each at its own venue): they already
    fit, so both greedies keep them; with a minimum of 6 one pair must be spread.
    """
    teams = [
        {"id": f"t{i}", "size": 2, "x": x, "y": 0, "kind": "gmina wiejska", "managers": 1}
        for i, x in enumerate([0, 1, 10, 11, 30, 31])
    ]
    venues = [
        {"id": v, "x": x, "y": 0, "max_groups": 1} for v, x in (("A", 0), ("B", 10), ("C", 30))
    ]
    return {
        "format": "akademia-plan/1",
        "name": "spread",
        "distance": {"metric": "euclidean"},
        "travel_cost": "per_person",
        "teams": teams,
        "venues": venues,
        "groups": {"min_size": 4, "max_size": 6, "fixed_cost": 0},
    }


@pytest.mark.parametrize("planner", PLANNERS)
def test_nearest_venues_kept_when_they_fit(planner):
    data = GroupingData.build(problem_from_data(spread_problem()))
    plan = planner(data)
    assert_valid(data, plan)
    assert sorted(sorted(teams) for _, teams in plan) == [[0, 1], [2, 3], [4, 5]]


@pytest.mark.parametrize("planner", PLANNERS)
def test_small_clusters_repaired_to_the_minimum(planner):
    raw = spread_problem()
    raw["groups"] |= {"min_size": 6}
    data = GroupingData.build(problem_from_data(raw))
    plan = planner(data)
    assert_valid(data, plan)
    assert len(plan) == 2


@pytest.mark.parametrize("planner", PLANNERS)
def test_random_plans_valid_and_never_better_than_the_planner(planner):
    planned = 0
    for seed in range(30):
        problem = random_problem(seed, same_kind=True)
        data = GroupingData.build(problem)
        result = greedy_result(data, planner)
        optimum = solve(problem, time_limit=10)
        if optimum.status == "infeasible":
            assert result["plan"] is None
            continue
        if result["plan"] is None:
            continue  # a greedy may get stuck where a plan exists; the planner does not
        planned += 1
        assert_valid(data, result["plan"])
        assert result["objective"] == pytest.approx(plan_cost(data, result["plan"]))
        assert optimum.objective <= result["objective"] + 1e-6
    assert planned >= 15


def test_impossible_sizes_get_no_plan():
    raw = spread_problem()
    raw["groups"] |= {"min_size": 13, "max_size": 20}  # 12 people in all
    data = GroupingData.build(problem_from_data(raw))
    assert simple_greedy_plan(data) is None
    assert greedy_result(data, team_moves_greedy_plan)["objective"] is None
