"""The primal search (lns.py): feasible, never worse, deterministic; the bound stays the MIP's."""

import itertools
import math
import random

import numpy as np
import pytest

from akademia.planning.solver import grouping, lns, solve
from akademia.planning.solver.data import GroupingData
from akademia.planning.solver.heuristic import heuristic_plan
from akademia.planning.solver.model import DistanceSpec, GroupRules, Problem, Team, Venue

from .test_grouping import assert_clean, brute_force, random_problem


def p_median(seed: int, n: int = 24, p: int = 4, capacity: int = 40) -> Problem:
    """A small capacitated p-median instance in the planner's terms (as bench/pmedcap.py)."""
    rng = random.Random(seed)
    points = [(rng.uniform(0, 100), rng.uniform(0, 100), rng.randint(1, 9)) for _ in range(n)]
    teams = tuple(Team(id=f"p{i}", size=d, x=x, y=y) for i, (x, y, d) in enumerate(points))
    venues = tuple(Venue(id=f"p{i}", x=x, y=y) for i, (x, y, _) in enumerate(points))
    rules = GroupRules(min_size=1, max_size=capacity, count=p)
    return Problem("p-median", teams, venues, rules, DistanceSpec("euclidean"), "per_team")


def _plan_ok(data: GroupingData, groups) -> bool:
    rules = data.problem.groups
    teams = sorted(t for _, members in groups for t in members)
    if teams != list(range(data.n_teams)):
        return False
    if rules.count is not None and len(groups) != rules.count:
        return False
    used: dict[int, int] = {}
    for v, members in groups:
        used[v] = used.get(v, 0) + 1
        if not data.lo <= data.sizes[members].sum() <= data.hi:
            return False
    return all(used[v] <= data.rooms[v] for v in used)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_search_keeps_plans_feasible_never_worse_and_is_deterministic(seed):
    data = GroupingData.build(p_median(seed))
    start = [(g.venue, list(g.members)) for g in heuristic_plan(data, seed).groups]
    runs = [
        lns.iterated_local_search(data, start, seed, deadline=math.inf, iterations=40)
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert _plan_ok(data, runs[0]) and lns.plan_valid(data, runs[0])
    assert grouping.plan_cost(data, runs[0]) <= grouping.plan_cost(data, start) + 1e-9


def test_exact_assignment_is_optimal_for_fixed_venues():
    data = GroupingData.build(p_median(4, n=9, p=3, capacity=20))
    start = [(g.venue, list(g.members)) for g in heuristic_plan(data, 0).groups]
    venues = [v for v, _ in start]
    best = math.inf
    for choice in itertools.product(range(3), repeat=data.n_teams):
        loads = np.bincount(choice, weights=data.sizes, minlength=3)
        if (loads <= data.hi).all() and (loads >= data.lo).all():
            best = min(best, sum(data.cost[t, venues[g]] for t, g in enumerate(choice)))
    new = lns.exact_assignment(data, start, 0, math.inf)
    found = grouping.plan_cost(data, new) if new is not None else grouping.plan_cost(data, start)
    assert found == pytest.approx(best)


@pytest.mark.parametrize(
    ("seed", "rules"),
    [
        (2, {"same_kind": True, "min_size": 3}),
        (3, {"max_teams_per_county": 1, "min_size": 3}),
        (4, {"min_manager_share": 0.3, "min_size": 4}),
        (5, {"count": 2, "min_size": 4, "max_size": 12}),
    ],
)
def test_solve_through_the_search_keeps_rules_and_a_valid_bound(monkeypatch, seed, rules):
    """The search joins the running MIP at its first call and hands it its plan: the result
    keeps every rule, the bound stays the MIP's (valid) and a seed gives one result."""
    monkeypatch.setattr(grouping, "FIRST_MIP_NODES", 0)
    monkeypatch.setattr(grouping, "ILS_MIN_GAP", -1.0)
    problem = random_problem(seed, **rules)
    optimum = brute_force(problem)
    first, second = (solve(problem, time_limit=10, seed=seed) for _ in range(2))
    assert "ils_iterations" in first.stats
    assert first.lower_bound <= optimum + 1e-6 <= first.objective + 2e-6
    assert_clean(problem, first)
    assert [(g.venue, g.teams) for g in first.groups] == [(g.venue, g.teams) for g in second.groups]
    assert (first.objective, first.lower_bound) == (second.objective, second.lower_bound)


@pytest.mark.parametrize("seed", [2, 6, 7])
def test_search_keeps_groups_homogeneous_by_kind(seed):
    """The exact reassignment may change the kinds of a venue's groups: the plan is rebuilt."""
    problem = random_problem(seed, same_kind=True, min_size=3, max_size=8)
    data = GroupingData.build(problem)
    plan = heuristic_plan(data, seed)
    if plan is None:
        pytest.skip("no start plan for this instance")
    start = [(g.venue, list(g.members)) for g in plan.groups]
    found = lns.iterated_local_search(data, start, seed, deadline=math.inf, iterations=60)
    assert lns.plan_valid(data, found)
    assert grouping.plan_cost(data, found) <= grouping.plan_cost(data, start) + 1e-9


@pytest.mark.parametrize("seed", [1, 2])
def test_search_inside_the_mip_hands_its_plan_to_it(monkeypatch, seed):
    """The MIP's answer is never worse than the plan the search handed it (it was accepted as
    an incumbent), and the bound is still below the optimum."""
    data = GroupingData.build(p_median(seed))
    optimum = grouping.solve_grouping(data, 60, seed)  # proven at the root, without the search
    assert optimum.proven
    monkeypatch.setattr(grouping, "FIRST_MIP_NODES", 0)
    monkeypatch.setattr(grouping, "ILS_MIN_GAP", -1.0)
    monkeypatch.setattr(grouping, "FIRST_MIP_MAX_PAIRS", 10**6)  # the search inside the MIP
    outcome = grouping.solve_grouping(data, 10, seed)
    assert outcome.stats["primal_search"] is True
    assert outcome.objective <= outcome.stats["ils_objective"] + 1e-9
    assert _plan_ok(data, outcome.groups) and lns.plan_valid(data, outcome.groups)
    assert outcome.lower_bound <= optimum.objective + 1e-6


def test_lp_restricted_plan_is_a_valid_plan_no_better_than_the_optimum():
    """A plan (never a bound) from the venues the LP opens; None when they hold no plan."""
    found = []
    for seed in (1, 2, 3):
        data = GroupingData.build(p_median(seed, n=16, p=3, capacity=40))
        pairs, _ = grouping.candidate_pairs(data, None)
        plan = grouping.lp_restricted_plan(data, pairs, None, seed, math.inf, {})
        if plan is None:
            continue
        found.append(seed)
        optimum = grouping.solve_grouping(data, 60, seed)
        assert optimum.proven
        assert _plan_ok(data, plan) and lns.plan_valid(data, plan)
        assert grouping.plan_cost(data, plan) >= optimum.objective - 1e-6
    assert found


def test_polish_scope_is_the_whole_plan_only_while_small(monkeypatch):
    data = GroupingData.build(p_median(1))
    plan = lns._to_plan(data, [(g.venue, list(g.members)) for g in heuristic_plan(data).groups])
    assert lns._polish_scope(plan, {0}) == set(range(len(plan.groups)))
    monkeypatch.setattr(lns, "FULL_POLISH_PAIRS", data.n_teams * len(plan.groups) - 1)
    assert lns._polish_scope(plan, {0}) == {0}


@pytest.mark.parametrize("seed", [2, 3, 5])
def test_new_best_plans_are_reassigned_over_the_whole_plan(seed):
    """A new best plan gets the exact reassignment of every team to its venues, so the plan
    the search returns (once it improved at all) has no cheaper assignment to those venues
    (with the touched groups only, seed 3 ends with one)."""
    data = GroupingData.build(p_median(seed, n=40, p=8, capacity=30))
    start = [(g.venue, list(g.members)) for g in heuristic_plan(data, seed).groups]
    stats: dict = {}
    found = lns.iterated_local_search(data, start, seed, math.inf, iterations=60, stats=stats)
    if not stats["ils_improvements"]:
        pytest.skip("the search did not improve its start")
    assert lns.exact_assignment(data, found, seed, math.inf) is None
