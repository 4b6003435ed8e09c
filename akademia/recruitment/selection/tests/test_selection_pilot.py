"""Pilot-like call: 60 applications, select exactly 30 JST and 90 people, balanced by kind."""

from __future__ import annotations

from collections import Counter

from akademia.recruitment.selection import Quota, greedy_select, refill, select

from .helpers import kind_quota, pilot_applications, recount, total_quota

QUOTAS = [
    total_quota("jst", 30, 30),
    total_quota("people", 90, 90),
    kind_quota("rural", "jst", 12),
    kind_quota("urban", "jst", 8),
    kind_quota("county", "jst", 6),
    Quota("voiv:30", "Wielkopolskie", "voivodeship", ("30",), "jst", min=4, max=9),
]


def test_pilot_selects_exactly_30_jst_and_90_people():
    apps = pilot_applications()
    result = select(apps, QUOTAS, verify=5)
    assert result.status == "optimal"
    chosen = [a for a in apps if a.id in set(result.selected)]
    assert len(chosen) == 30
    assert sum(a.people for a in chosen) == 90
    kinds = Counter(a.kind for a in chosen)
    assert kinds["rural"] >= 12 and kinds["urban"] >= 8 and kinds["county"] >= 6
    assert all(row.satisfied for row in result.quota_usage)
    assert recount(result) == {row.code: row.used for row in result.quota_usage}
    assert result.bound is not None and result.bound >= result.objective
    assert len(result.waiting_list) == 30
    assert set(result.reasons) == {a.id for a in apps}


def test_pilot_is_at_least_as_good_as_any_feasible_greedy():
    apps = pilot_applications()
    result = select(apps, QUOTAS, verify=0)
    greedy = greedy_select(apps, QUOTAS)
    if greedy.meets_quotas:
        assert result.objective >= greedy.objective
    else:
        assert greedy.unmet


def test_pilot_refill_keeps_exact_totals():
    apps = pilot_applications()
    result = select(apps, QUOTAS, verify=0)
    current = result
    for withdrawn in result.selected[:3]:
        outcome = refill(current, withdrawn)
        current = outcome.result
        if outcome.added is None:
            assert outcome.reason.code == "refill_none"
            break
        by_id = {a.id: a for a in apps}
        assert by_id[outcome.added].people == by_id[withdrawn].people
        assert current.status == "refilled"
        assert len(current.selected) == 30
        assert all(row.satisfied for row in current.quota_usage)
