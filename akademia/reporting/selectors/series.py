"""The months: people and JST reached each month, added up, against the target curve."""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Min, OuterRef, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from akademia.reporting import curves
from akademia.reporting.filters import Filters
from akademia.reporting.models import Indicator
from akademia.reporting.selectors.people import (
    _certificates,
    attended_marks,
    enrolments_for,
    participants_for,
    stage_rows,
)
from akademia.reporting.selectors.targets import Targets


@dataclass
class Month:
    month: dt.date
    recruited: int = 0
    started: int = 0
    certified: int = 0
    jst: int = 0
    started_total: int = 0
    certified_total: int = 0
    jst_total: int = 0
    due_trained: int | None = None
    due_jst: int | None = None


def _month(value) -> dt.date:
    return value.date().replace(day=1) if isinstance(value, dt.datetime) else value.replace(day=1)


def _counts(rows) -> dict[dt.date, int]:
    return {_month(row["month"]): row["n"] for row in rows if row["month"]}


def _per_month(firsts, moment: bool = False) -> dict[dt.date, int]:
    """How many rows of `firsts` (one per person or JST, with its `first` day, or `moment`)
    fall in each month: counted by the database, which sends a few dozen months instead of a
    row per person (decoding those was most of the time)."""
    sql, params = firsts.values("first").query.sql_with_params()
    if moment:  # the month where the programme is, as TruncMonth counts the others
        tzname = timezone.get_current_timezone_name()
        month, month_params = connection.ops.datetime_trunc_sql("month", "first", (), tzname)
    else:
        month, month_params = connection.ops.date_trunc_sql("month", "first", ())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {month}, COUNT(*) FROM ({sql}) AS firsts GROUP BY 1",
            (*month_params, *params),
        )
        # SQLite answers with text: the month's first day is its first ten characters.
        return {dt.date.fromisoformat(str(first)[:10]): n for first, n in cursor.fetchall()}


def month_counts(user, filters: Filters) -> dict[str, dict[dt.date, int]]:
    """Per measure, the people (or JST) reached for the first time in each month."""
    enrolments = enrolments_for(user, filters)
    recruited = enrolments.values(month=TruncMonth("created_at")).annotate(n=Count("pk"))
    # The month of each person's first attended day: the earliest mark per place, grouped by
    # the database (a correlated "first mark" per participant took 0.3 s nationally). The
    # people are those of the scope: whoever has such a mark has started.
    people = participants_for(user, filters).values("pk")
    firsts = attended_marks(filters).filter(participant__in=people).order_by()
    started = _per_month(
        firsts.values("participant__enrolment_id").annotate(first=Min("day__date"))
    )
    certified = stage_rows(user, filters, "certified").annotate(
        issued=Subquery(
            _certificates(filters).filter(participant=OuterRef("pk")).values("issued_at")[:1]
        )
    )
    certified = certified.values(month=TruncMonth("issued")).annotate(
        n=Count("enrolment", distinct=True)
    )
    jst = _per_month(enrolments.values("jst_id").annotate(first=Min("created_at")), moment=True)
    return {
        "recruited": _counts(recruited.order_by()),
        "started": started,
        "certified": _counts(certified.order_by()),
        "jst": jst,
    }


def _span(counts: dict, projects, filters: Filters, today: dt.date) -> list[dt.date]:
    days = [d for measure in counts.values() for d in measure]
    days += [p.starts_on for p in projects if p.starts_on]
    days += [p.ends_on for p in projects if p.ends_on]
    if not days:
        return []
    first = filters.start or min(days)
    last = filters.end or max(max(days), curves.month_of(today))
    return curves.months(first, last)


def months_for(user, filters: Filters, projects, targets: Targets, today) -> list[Month]:
    counts = month_counts(user, filters)
    found, sums = [], dict.fromkeys(("started", "certified", "jst"), 0)
    for month in _span(counts, projects, filters, today):
        row = Month(month, **{m: counts[m].get(month, 0) for m in counts})
        for measure in sums:
            sums[measure] += getattr(row, measure)
        row.started_total, row.certified_total = sums["started"], sums["certified"]
        row.jst_total = sums["jst"]
        row.due_trained = targets.due_by(projects, Indicator.TRAINED, month)
        row.due_jst = targets.due_by(projects, Indicator.JST, month)
        found.append(row)
    return found
