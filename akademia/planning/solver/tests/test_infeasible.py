"""Infeasibility is explained in words, with a stable message id."""

from akademia.planning.solver import problem_from_data, solve
from akademia.planning.solver.reasons import MESSAGES, reason

from .factories import line_problem


def teams(n, size, kind="gmina wiejska", **extra):
    return [{"id": f"t{i}", "size": size, "x": i, "y": 0, "kind": kind} | extra for i in range(n)]


def solve_data(data):
    return solve(problem_from_data(data), time_limit=5)


def test_teams_cannot_be_split_into_bounds():
    data = line_problem(min_size=16, max_size=17)
    data["teams"] = teams(12, 3)
    data["venues"][0]["max_groups"] = 5
    result = solve_data(data)
    assert result.status == "infeasible"
    assert result.reason.code == "group_size"
    assert result.reason.text == (
        "12 teams (36 people) cannot form groups of 16–17 without splitting a team"
    )


def test_kind_too_small():
    data = line_problem(min_size=16, max_size=25, same_kind=True)
    data["teams"] = teams(7, 2, "gmina miejsko-wiejska") + [
        {"id": f"u{i}", "size": 4, "x": 0, "y": 0, "kind": "gmina miejska"} for i in range(5)
    ]
    result = solve_data(data)
    assert result.reason.code == "kind_too_small"
    assert result.reason.text == "rural teams: 14 people, fewer than the minimum group size 16"


def test_rooms():
    data = line_problem(min_size=4, max_size=4)
    data["teams"] = teams(6, 2)
    result = solve_data(data)
    assert result.reason.code == "rooms"
    assert result.reason.params == {"rooms": 2, "needed": 3}
    assert result.reason.text == "venues have 2 rooms in total but at least 3 groups are needed"


def test_team_too_large():
    data = line_problem()
    data["teams"][0]["size"] = 9
    assert solve_data(data).reason.code == "team_too_large"


def test_managers_share():
    data = line_problem(min_manager_share=0.6)
    assert solve_data(data).reason.code == "managers"


def test_fixed_count():
    data = line_problem(count=3)
    assert solve_data(data).reason.code == "group_count"


def test_county_cap_needs_more_rooms():
    data = line_problem(min_size=4, max_size=8, max_teams_per_county=1)
    for t, county in zip(data["teams"], ["a", "a", "b", "b"], strict=True):
        t["county"] = county
    data["venues"] = [{"id": "A", "x": 0, "y": 0, "max_groups": 1}]
    result = solve_data(data)
    assert result.reason.code == "rooms"


def test_manager_share_blamed_by_relaxation():
    """Aggregate share is fine, but the venues allowed to each team force bad groups."""
    data = line_problem(min_manager_share=0.5)
    managers = {"t1": 2, "t2": 0, "t3": 0, "t4": 2}
    for t in data["teams"]:
        t["managers"] = managers[t["id"]]
    data["distance"] = {
        "metric": "matrix",
        "matrix": {"t1": {"A": 1}, "t4": {"A": 1}, "t2": {"B": 1}, "t3": {"B": 1}},
    }
    result = solve_data(data)
    assert result.status == "infeasible"
    assert result.reason.code == "relaxation"
    assert result.reason.params == {"rule": "minimum share of managers"}


def test_every_message_formats():
    assert reason("rooms", rooms=10, needed=12).text == (
        "venues have 10 rooms in total but at least 12 groups are needed"
    )
    assert all(isinstance(text, str) for text in MESSAGES.values())
