"""Infeasible quota sets: name the binding quota and propose the least relaxation."""

from __future__ import annotations

import json

from akademia.recruitment.selection import Quota, select

from .helpers import app, kind_quota, total_quota


def _county_short():
    apps = [app(f"C{n}", 50 + n, kind="county") for n in range(6)]
    apps += [app(f"R{n}", 60 + n, kind="rural") for n in range(20)]
    quotas = [total_quota("jst", 12, 16), kind_quota("county", "jst", 10)]
    return apps, quotas


def test_min_above_supply_is_named_and_relaxed():
    apps, quotas = _county_short()
    result = select(apps, quotas)
    assert result.status == "infeasible"
    assert result.selected == ()
    problem = result.problems[0]
    assert problem.code == "min_unreachable"
    assert problem.params["quota"] == "kind:county"
    assert problem.params["min"] == 10 and problem.params["candidates"] == 6
    assert "only 6 eligible application(s)" in problem.text
    assert result.binding_quotas[0] == "kind:county"
    (change,) = result.relaxation.changes
    assert (change.code, change.bound, change.current, change.proposed) == (
        "kind:county",
        "min",
        10,
        6,
    )
    assert change.reason.code == "relax_min"
    assert "from 10 JST to 6 JST" in change.reason.text
    assert result.relaxation.unavoidable == ("kind:county",)
    json.dumps(result.to_dict())


def test_relaxed_quotas_are_feasible():
    apps, quotas = _county_short()
    relaxed = select(apps, quotas).relaxation.quotas
    again = select(apps, relaxed)
    assert again.status == "optimal"
    assert again.usage("kind:county").used == 6


def test_mins_exceed_total_max():
    apps = [app(f"{k[0]}{n}", 50, kind=k) for k in ("rural", "urban", "county") for n in range(10)]
    quotas = [
        total_quota("jst", None, 10),
        kind_quota("rural", "jst", 5),
        kind_quota("urban", "jst", 4),
        kind_quota("county", "jst", 3),
    ]
    result = select(apps, quotas)
    assert result.status == "infeasible"
    codes = [p.code for p in result.problems]
    assert "mins_exceed_max" in codes
    reason = result.problems[codes.index("mins_exceed_max")]
    assert reason.params["total_min"] == 12 and reason.params["max"] == 10
    assert (
        sum(c.proposed - c.current for c in result.relaxation.changes if c.bound == "max")
        + sum(c.current - c.proposed for c in result.relaxation.changes if c.bound == "min")
        == 2
    )
    # Either raise the total or lower the mins: the other way out is offered as an alternative.
    assert result.relaxation.alternatives


def test_conflict_found_only_by_elastic_model():
    # Teams of 3 can never make exactly 91 people; no counting check sees this.
    apps = [app(f"A{n}", 50, people=3) for n in range(40)]
    quotas = [total_quota("people", 91, 91)]
    result = select(apps, quotas)
    assert result.status == "infeasible"
    assert result.problems[0].code == "quotas_conflict"
    (change,) = result.relaxation.changes
    # Lowering the min by 1 person is cheaper than raising the max by 2.
    assert (change.bound, change.current, change.proposed) == ("min", 91, 90)
    assert result.binding_quotas == ("total:people",)


def test_people_min_under_jst_max():
    apps = [app(f"A{n}", 50, people=2) for n in range(20)]
    quotas = [total_quota("jst", None, 5), total_quota("people", 14, None)]
    result = select(apps, quotas)
    assert result.status == "infeasible"
    reason = next(p for p in result.problems if p.code == "min_unreachable_under_max")
    assert reason.params["best"] == 10
    assert set(result.binding_quotas) == {"total:jst", "total:people"}


def test_voivodeship_min_with_value_list():
    apps = [app(f"A{n}", 50, voivodeship="02") for n in range(3)]
    apps += [app(f"B{n}", 50, voivodeship="04") for n in range(3)]
    quotas = [Quota("west", "West", "voivodeship", ("02", "04"), "jst", min=7)]
    result = select(apps, quotas)
    assert result.status == "infeasible"
    assert result.relaxation.changes[0].proposed == 6
