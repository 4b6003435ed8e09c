"""The lower bound stays valid on the paths big instances take (pruned pairs, cuts)."""

import pytest

from akademia.planning.solver import check, grouping, problem_from_data, solve

from .factories import line_problem
from .test_grouping import brute_force, random_problem


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_pruned_pairs_keep_a_valid_bound(monkeypatch, seed):
    problem = random_problem(seed, min_size=4, max_size=9)
    optimum = brute_force(problem)
    monkeypatch.setattr(grouping, "FULL_PAIRS_LIMIT", 0)
    monkeypatch.setattr(grouping, "NEAREST_VENUES", 1)
    result = solve(problem, time_limit=10, seed=seed)
    assert result.stats["pairs"] < len(problem.teams) * len(problem.venues)
    assert result.lower_bound <= optimum + 1e-6 <= result.objective + 2e-6
    assert check(problem, result).ok


def test_unsplittable_venue_is_cut_and_explained():
    """5+5+5+1 people fit two groups of 8–10 in aggregate, but no split exists."""
    data = line_problem(min_size=8, max_size=10)
    for team, size in zip(data["teams"], [5, 5, 5, 1], strict=True):
        team["size"] = size
    data["venues"][0]["max_groups"] = 2
    result = solve(problem_from_data(data), time_limit=10)
    assert result.status == "infeasible"
    assert result.reason.code == "grouping_infeasible"
