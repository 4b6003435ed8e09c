"""Manual overrides (force in / force out) are honoured and re-checked against quotas."""

from __future__ import annotations

import pytest

from akademia.recruitment.selection import select

from .helpers import app, kind_quota, total_quota

APPS = [app("A", 90), app("B", 80), app("C", 70), app("D", 20, kind="urban")]
QUOTAS = [total_quota("jst", 2, 2)]


def test_force_in_low_score():
    result = select(APPS, QUOTAS, {"D": True})
    assert set(result.selected) == {"A", "D"}
    assert result.reasons["D"][0].code == "selected_forced"
    assert result.reasons["B"][0].code == "blocked_by_forced"
    assert result.reasons["B"][0].params["forced"] == ["D"]


def test_force_out_top_score():
    result = select(APPS, QUOTAS, {"A": False})
    assert set(result.selected) == {"B", "C"}
    assert result.reasons["A"] == (result.reasons["A"][0],)
    assert result.reasons["A"][0].code == "excluded_forced"
    assert "A" not in result.waiting_list


def test_forced_in_breaking_max_is_reported():
    quotas = [total_quota("jst", None, 3), kind_quota("rural", "jst", None, 1)]
    result = select(APPS, quotas, {"A": True, "B": True})
    assert result.status == "infeasible"
    reason = result.problems[0]
    assert reason.code == "forced_exceed_max"
    assert reason.params["quota"] == "kind:rural" and reason.params["ids"] == ["A", "B"]
    (change,) = result.relaxation.changes
    assert (change.code, change.bound, change.proposed) == ("kind:rural", "max", 2)


def test_force_out_breaking_min_is_reported():
    quotas = [kind_quota("urban", "jst", 1)]
    result = select(APPS, quotas, {"D": False})
    assert result.status == "infeasible"
    assert result.problems[0].code == "min_unreachable"


def test_forcing_in_ineligible_or_unknown_is_an_input_error():
    apps = [*APPS, app("X", 99, eligible=False)]
    with pytest.raises(ValueError):
        select(apps, QUOTAS, {"X": True})
    with pytest.raises(ValueError):
        select(APPS, QUOTAS, {"nope": True})
