"""Per-application reasons are derived from the solution and are checked to be true."""

from __future__ import annotations

import random

import numpy as np
import pytest

from akademia.recruitment.selection import select

from .helpers import app, kind_quota, total_quota


def test_quota_full_reason():
    apps = [app("R1", 90), app("R2", 80), app("R3", 70), app("U1", 30, kind="urban")]
    quotas = [total_quota("jst", None, 3), kind_quota("rural", "jst", None, 2)]
    result = select(apps, quotas)
    assert set(result.selected) == {"R1", "R2", "U1"}
    full, waiting = result.reasons["R3"][:2]
    assert full.code == "quota_full"
    assert full.params["quota"] == "kind:rural"
    assert full.params["lowest_selected_score"] == 80 and full.params["used"] == 2
    assert "is full (2 JST of max 2 JST)" in full.text
    assert waiting.code == "waiting_list" and waiting.params["position"] == 1
    assert result.reasons["U1"][0].code == "selected"
    assert "kind:rural" in result.binding_quotas


def test_swap_would_break_min_and_selected_for_min():
    apps = [app("R1", 90), app("R2", 80), app("C1", 40, kind="county")]
    quotas = [total_quota("jst", 2, 2), kind_quota("county", "jst", 1)]
    result = select(apps, quotas, verify=5)
    assert set(result.selected) == {"R1", "C1"}
    swap = result.reasons["R2"][0]
    assert swap.code == "swap_breaks_quota"
    assert swap.params["quota"] == "kind:county" and swap.params["bound"] == "min"
    assert swap.params["example"] == "C1"
    held = result.reasons["C1"][1]
    assert held.code == "selected_for_min" and held.params["quota"] == "kind:county"
    verified = result.reasons["R2"][-1]
    assert verified.code == "verified_cost"
    assert verified.params == {"cost": 10.0, "dropped": ["R1"], "added": []}
    assert "kind:county" in result.binding_quotas


def test_people_quota_full_reason_and_impossible_verification():
    apps = [app("A", 90, people=5), app("B", 80, people=4), app("C", 70, people=6)]
    quotas = [total_quota("people", None, 9)]
    result = select(apps, quotas, verify=5)
    assert set(result.selected) == {"A", "B"}
    reason = result.reasons["C"][0]
    assert reason.code == "quota_full" and reason.params["unit"] == "people"
    # C alone (6 people) fits, so forcing it in is possible; it costs 170 - 70 = 100.
    assert result.reasons["C"][-1].params["cost"] == 100


def test_forcing_in_impossible_is_reported():
    apps = [app("A", 90, people=2), app("B", 80, people=2), app("C", 70, people=3)]
    quotas = [total_quota("people", 4, 4)]
    result = select(apps, quotas, verify=5)
    assert result.reasons["C"][-1].code == "verified_impossible"


@pytest.mark.parametrize("seed", range(8))
def test_reasons_are_true_on_random_instances(seed):
    rng = random.Random(100 + seed)
    kinds = ("rural", "urban", "county")
    apps = [
        app(f"X{n}", rng.randint(30, 60), people=rng.randint(2, 5), kind=rng.choice(kinds))
        for n in range(30)
    ]
    quotas = [
        total_quota("jst", 8, 10),
        total_quota("people", None, 32),
        kind_quota("county", "jst", 3, 5),
        kind_quota("urban", "people", 6, None),
    ]
    result = select(apps, quotas, verify=30)
    if result.status != "optimal":
        pytest.skip("random instance infeasible")
    by_id = {a.id: a for a in apps}
    chosen = set(result.selected)
    for app_id, reasons in result.reasons.items():
        codes = [r.code for r in reasons]
        if app_id in chosen:
            assert codes[0] == "selected"
            continue
        assert "waiting_list" in codes
        for reason in reasons:
            if reason.code == "quota_full":
                quota = next(q for q in quotas if q.code == reason.params["quota"])
                inside = [by_id[i] for i in chosen if quota.applies_to(by_id[i])]
                used = sum(a.amount(quota.unit) for a in inside)
                assert used + by_id[app_id].amount(quota.unit) > quota.max
                assert by_id[app_id].score <= min(a.score for a in inside)
            if reason.code == "verified_cost":
                assert reason.params["cost"] >= -1e-9  # nothing beats the optimum
        assert codes[0] in ("quota_full", "swap_breaks_quota", "blocked_by_max")


def test_non_optimal_selection_is_not_explained_away():
    # A hand-made, non-optimal selection (as after a solver time limit): reasons must say so.
    from akademia.recruitment.selection.explain import explain
    from akademia.recruitment.selection.problem import build_problem

    apps = [app("A", 90), app("B", 80), app("C", 70), app("D", 60)]
    problem = build_problem(apps, [total_quota("jst", 1, 2)])
    chosen = np.array([False, False, True, False])
    reasons, queue = explain(problem, chosen)
    assert queue == ("A", "B", "D")
    assert reasons["A"][0].code == "could_be_added"
    chosen = np.array([False, False, True, True])
    reasons, _ = explain(problem, chosen)
    assert reasons["A"][0].code == "swap_possible"
    assert reasons["A"][0].params["example"] == "D"
