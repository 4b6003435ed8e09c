"""Every finding of the checker has a stable key, JSON params and the English message."""

import datetime as dt
import json
import string

import pytest

from akademia.planning.solver.check import CALENDAR_RULES, MESSAGES, CheckReport, Violation


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def sample(name: str):
    if name in {"day", "next_day", "start", "end"}:
        return dt.date(2027, 5, 3)
    if name in {"modules", "kinds"}:
        return ["a", "b"]
    if name in {"required", "claimed", "total", "bound", "gap"}:
        return 0.5
    return 2


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_formats_with_json_params(key):
    rule, template = MESSAGES[key]
    report = CheckReport()
    report.add(key, **{name: sample(name) for name in fields(template)})
    (violation,) = report.violations
    assert violation.key == key and violation.rule == rule
    assert "{" not in violation.message
    data = json.loads(json.dumps(violation.to_json(), allow_nan=False))
    assert data == {
        "rule": rule,
        "message": violation.message,
        "key": key,
        "params": data["params"],
    }
    assert all(not isinstance(v, dt.date) for v in violation.params.values())


def test_dates_are_iso_and_the_message_reads_as_before():
    report = CheckReport()
    report.add("holiday", group="G03", module=2, day=dt.date(2027, 5, 1))
    assert report.violations == [
        Violation(
            "holiday",
            "group G03 module 2: 2027-05-01 is a public holiday",
            "holiday",
            {"group": "G03", "module": 2, "day": "2027-05-01"},
        )
    ]
    assert report.violations[0].calendar


def test_an_infinite_objective_stays_json():
    report = CheckReport()
    report.add("objective", claimed=None, total=float("inf"))
    assert report.violations[0].params == {"claimed": None, "total": "inf"}
    assert report.violations[0].message == "objective says None, recomputed inf"


def test_an_unknown_key_is_a_programming_error():
    with pytest.raises(KeyError):
        CheckReport().add("no_such_key")


def test_calendar_rules_are_rules_of_some_message():
    assert {rule for rule, _ in MESSAGES.values()} >= CALENDAR_RULES
