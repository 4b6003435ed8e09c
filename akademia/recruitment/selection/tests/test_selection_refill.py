"""Refill from the waiting list never breaks a quota."""

from __future__ import annotations

import random

import pytest

from akademia.recruitment.selection import refill, select

from .helpers import app, kind_quota, recount, total_quota

APPS = [
    app("R1", 90),
    app("R2", 80),
    app("R3", 70),
    app("C1", 40, kind="county"),
    app("C2", 30, kind="county"),
]
QUOTAS = [total_quota("jst", 3, 3), kind_quota("county", "jst", 1)]


def test_refill_skips_candidates_that_break_a_min():
    result = select(APPS, QUOTAS)
    assert set(result.selected) == {"R1", "R2", "C1"}
    assert result.waiting_list == ("R3", "C2")
    outcome = refill(result, "C1")
    assert outcome.added == "C2"
    assert outcome.reason.code == "refill_added" and outcome.reason.params["position"] == 2
    ((skipped_id, why),) = outcome.skipped
    assert skipped_id == "R3"
    assert why.code == "refill_breaks_quota" and why.params["quota"] == "kind:county"
    new = outcome.result
    assert new.status == "refilled"
    assert set(new.selected) == {"R1", "R2", "C2"}
    assert new.reasons["C1"][0].code == "withdrawn"
    assert new.reasons["C2"][0].code == "refilled"
    assert new.waiting_list == ("R3",)


def test_refill_takes_the_next_in_order_when_it_fits():
    outcome = refill(select(APPS, QUOTAS), "R1")
    assert outcome.added == "R3" and outcome.skipped == ()
    assert all(row.satisfied for row in outcome.result.quota_usage)


def test_refill_none_when_no_candidate_restores_the_min():
    apps = APPS[:4]
    outcome = refill(select(apps, QUOTAS), "C1")
    assert outcome.added is None
    assert outcome.reason.code == "refill_none"
    assert outcome.reason.params["quotas"] == ["total:jst", "kind:county"]
    assert outcome.result.status == "incomplete"
    assert not outcome.result.usage("kind:county").satisfied


def test_withdrawing_a_waiting_application():
    outcome = refill(select(APPS, QUOTAS), "R3")
    assert outcome.added is None and outcome.reason.code == "refill_not_selected"
    assert outcome.result.waiting_list == ("C2",)
    with pytest.raises(ValueError):
        refill(outcome.result, "R3")


@pytest.mark.parametrize("seed", range(6))
def test_chained_refills_never_break_quotas(seed):
    rng = random.Random(seed)
    kinds = ("rural", "urban", "county")
    apps = [
        app(f"X{n}", rng.randint(0, 100), people=rng.randint(2, 5), kind=rng.choice(kinds))
        for n in range(40)
    ]
    quotas = [
        total_quota("jst", 12, 12),
        total_quota("people", None, 42),
        kind_quota("county", "jst", 3),
        kind_quota("urban", "people", None, 15),
    ]
    current = select(apps, quotas, verify=0)
    assert current.status == "optimal"
    for withdrawn in rng.sample(list(current.selected), 4):
        before_ok = current.status != "incomplete"
        outcome = refill(current, withdrawn)
        current = outcome.result
        assert recount(current) == {row.code: row.used for row in current.quota_usage}
        if outcome.added is not None:
            assert all(row.satisfied for row in current.quota_usage)
            assert before_ok or current.status == "refilled"
        assert withdrawn not in current.selected and withdrawn not in current.waiting_list
