"""Target curves: the cumulative value of an indicator due by the end of each month.

Written by people as lines "2026-03 30" (a month and the value due by its end); a target without
a curve is due evenly over its project's period. Pure functions, no database.
"""

import datetime as dt
import re

from django.utils.translation import gettext as _

from akademia.core.errors import DomainError

LINE = re.compile(r"^\s*(\d{4})-(\d{2})\s*[:;=\s]\s*(\d+)\s*$")


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from `first`'s to `last`'s, as first days."""
    found, month = [], month_of(first)
    while month <= last:
        found.append(month)
        month = next_month(month)
    return found


def parse(text: str) -> list[list]:
    """Lines "YYYY-MM value" as [["YYYY-MM", value], ...] by month; values never fall."""
    points: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = LINE.match(line)
        if not match or not 1 <= int(match[2]) <= 12:
            raise DomainError(
                _('Line %(number)d: write a month and a value, e.g. "2026-03 30".')
                % {"number": number},
                field="curve",
            )
        points[f"{match[1]}-{match[2]}"] = int(match[3])
    curve = sorted([month, value] for month, value in points.items())
    for (_month, before), (month, after) in zip(curve, curve[1:], strict=False):
        if after < before:
            raise DomainError(
                _("The curve is cumulative: the value of %(month)s is below an earlier one.")
                % {"month": month},
                field="curve",
            )
    return curve


def text_of(curve: list) -> str:
    return "\n".join(f"{month} {value}" for month, value in curve)


def due_by(curve: list, value: int, month: dt.date, period: tuple | None) -> int:
    """What is due by the end of `month`: the curve's last point up to it; without a curve, an
    even share of `value` over the project's `period` (first, last day), else all of it."""
    if curve:
        key, due = month.strftime("%Y-%m"), 0
        for at, amount in sorted(curve):
            if at <= key:
                due = amount
        return due
    if not period or not period[0] or not period[1]:
        return value
    span = months(period[0], period[1])
    if month < span[0]:
        return 0
    done = sum(1 for m in span if m <= month)
    return round(value * done / len(span))
