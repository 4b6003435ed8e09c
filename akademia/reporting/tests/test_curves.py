import datetime as dt

import pytest

from akademia.core.errors import DomainError
from akademia.reporting import curves


def test_a_curve_is_parsed_by_month_and_must_not_fall():
    assert curves.parse("2026-03 30\n\n2026-01: 10\n") == [["2026-01", 10], ["2026-03", 30]]
    with pytest.raises(DomainError, match="cumulative"):
        curves.parse("2026-01 10\n2026-02 5")
    with pytest.raises(DomainError, match="Line 1"):
        curves.parse("marzec 30")
    with pytest.raises(DomainError):
        curves.parse("2026-13 30")


def test_what_is_due_follows_the_curve_or_spreads_the_target_evenly():
    curve = [["2026-01", 10], ["2026-03", 30]]
    assert curves.due_by(curve, 90, dt.date(2025, 12, 1), None) == 0
    assert curves.due_by(curve, 90, dt.date(2026, 2, 1), None) == 10
    assert curves.due_by(curve, 90, dt.date(2026, 5, 1), None) == 30
    period = (dt.date(2026, 1, 15), dt.date(2026, 4, 10))  # four months
    assert curves.due_by([], 40, dt.date(2026, 2, 1), period) == 20
    assert curves.due_by([], 40, dt.date(2025, 2, 1), period) == 0
    assert curves.due_by([], 40, dt.date(2026, 2, 1), None) == 40
