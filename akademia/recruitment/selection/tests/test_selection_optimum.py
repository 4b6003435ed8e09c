"""Optimality and determinism on small instances with a known (brute-forced) optimum."""

from __future__ import annotations

import json
import random

import pytest

from akademia.recruitment.selection import Quota, greedy_select, select

from .helpers import app, brute_force, kind_quota, recount, total_quota, usage_ok


def test_known_optimum_beats_greedy():
    # Greedy takes A (90, 5 people) and then cannot fit B and C; optimum takes B + C.
    apps = [app("A", 90, people=5), app("B", 60, people=3), app("C", 55, people=3)]
    quotas = [total_quota("people", high=6)]
    result = select(apps, quotas)
    assert result.status == "optimal"
    assert set(result.selected) == {"B", "C"}
    assert result.objective == 115
    assert result.bound == 115
    assert greedy_select(apps, quotas).objective == 90


@pytest.mark.parametrize("seed", range(12))
def test_matches_brute_force(seed):
    rng = random.Random(seed)
    kinds = ("rural", "urban", "county")
    apps = [
        app(f"X{n}", rng.randint(0, 20), people=rng.randint(2, 5), kind=rng.choice(kinds))
        for n in range(11)
    ]
    quotas = [
        total_quota("jst", rng.randint(2, 4), rng.randint(5, 7)),
        total_quota("people", None, rng.randint(12, 22)),
        kind_quota(rng.choice(kinds), "jst", rng.randint(0, 2), None),
        kind_quota("urban", "people", None, rng.randint(3, 9)),
    ]
    expected = brute_force(apps, quotas)
    result = select(apps, quotas, verify=0)
    if expected is None:
        assert result.status == "infeasible"
        assert result.relaxation is not None
    else:
        assert result.status == "optimal"
        assert result.objective == pytest.approx(expected)
        assert usage_ok(result)
        assert recount(result) == {u.code: u.used for u in result.quota_usage}


def test_ties_prefer_earlier_input_and_are_reproducible():
    apps = [app(f"T{n}", 50) for n in range(8)]
    quotas = [total_quota("jst", high=3)]
    first = select(apps, quotas)
    assert first.selected == ("T0", "T1", "T2")
    assert select(list(apps), quotas).selected == first.selected
    assert first.waiting_list == ("T3", "T4", "T5", "T6", "T7")


def test_tie_break_never_costs_score():
    # Equal total either way (50+50 vs 60+40): the tie-break must not pick a worse total.
    apps = [app("A", 50), app("B", 50), app("C", 60, people=4), app("D", 40)]
    quotas = [total_quota("jst", 2, 2), total_quota("people", high=6)]
    result = select(apps, quotas)
    assert result.objective == 100
    assert set(result.selected) == {"A", "B"}


def test_ineligible_never_selected():
    apps = [app("A", 99, eligible=False), app("B", 10)]
    result = select(apps, [total_quota("jst", high=1)])
    assert result.selected == ("B",)
    assert result.reasons["A"][0].code == "ineligible"
    assert "A" not in result.waiting_list


def test_result_is_json_serialisable_and_quotas_round_trip():
    apps = [app("A", 10), app("B", 20, kind="urban")]
    quotas = [total_quota("jst", 1, 1), kind_quota("urban", "jst", 0, 1)]
    result = select(apps, quotas)
    json.dumps(result.to_dict())
    assert [Quota.from_dict(q.to_dict()) for q in quotas] == quotas


def test_quota_validation():
    with pytest.raises(ValueError):
        Quota("bad", unit="households", max=1)
    with pytest.raises(ValueError):
        Quota("bad", min=5, max=4)
    with pytest.raises(ValueError):
        Quota("bad")
    with pytest.raises(ValueError):
        select([app("A", 1), app("A", 2)], [total_quota("jst", high=1)])


def test_attrs_field_quota():
    apps = [
        app("A", 90, attrs={"newcomer": False}),
        app("B", 50, attrs={"newcomer": True}),
        app("C", 40, attrs={"newcomer": True}),
    ]
    quotas = [
        total_quota("jst", 2, 2),
        Quota("newcomers", "Newcomers", "attrs.newcomer", (True,), "jst", min=2),
    ]
    assert set(select(apps, quotas).selected) == {"B", "C"}


def test_empty_call():
    assert select([], [total_quota("jst", None, 3)]).status == "optimal"
    assert select([], [total_quota("jst", 3, None)]).status == "infeasible"
