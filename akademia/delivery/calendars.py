"""A person's calendar: what happens on each day (the month view and the list), from sources.

Each day holds a list of `CalendarItem`s. Meetings are the first source, advisory visits the
second (an advisor's and a JST coordinator's, `selectors.calendar_advisory_for`); another
feature adds its own (e.g. the tasks due) with `item_source(function)`: a function
`(user, first, last) -> iterable of CalendarItem` (a read of its selectors, a constant number
of queries), and the month (table and phone list) shows its items next to the meetings, each
by its `template` (rendered with `item` in its context).
"""

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from akademia.delivery import selectors


@dataclass(frozen=True)
class CalendarItem:
    """One entry of a day: `template` renders it (with `item` in its context), `sort` orders a
    day's entries (a time or a label), `obj` is what it is about (a meeting)."""

    date: dt.date
    template: str
    obj: object
    sort: str = ""


@dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    today: bool
    items: list[CalendarItem] = field(default_factory=list)


ItemSource = Callable[[object, dt.date, dt.date], Iterable[CalendarItem]]
_SOURCES: list[ItemSource] = []


def item_source(source: ItemSource) -> ItemSource:
    """Register a source of calendar items (a decorator; call from an AppConfig.ready)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


@item_source
def meeting_items(user, first: dt.date, last: dt.date) -> Iterable[CalendarItem]:
    """One item per day of each meeting (a meeting of two days shows on both)."""
    for meeting in selectors.calendar_meetings_for(user, first, last):
        hours = {day.date: day for day in meeting.days.all()}
        day = max(meeting.start_date, first)
        while day <= min(meeting.end_date, last):
            known = hours.get(day)
            sort = known.starts_at.isoformat() if known and known.starts_at else ""
            yield CalendarItem(day, "delivery/calendar/_meeting.html", (meeting, known), sort)
            day += dt.timedelta(days=1)


@item_source
def advisory_items(user, first: dt.date, last: dt.date) -> Iterable[CalendarItem]:
    """One item per advisory visit or session (all day: entries have no time of day)."""
    for event in selectors.calendar_advisory_for(user, first, last):
        yield CalendarItem(event.date, "delivery/calendar/_advisory.html", event)


def items_by_day(user, first: dt.date, last: dt.date) -> dict[dt.date, list[CalendarItem]]:
    found = defaultdict(list)
    for source in _SOURCES:
        for item in source(user, first, last):
            found[item.date].append(item)
    for items in found.values():
        items.sort(key=lambda item: item.sort)
    return found


def month_of(value: str | None, today: dt.date) -> dt.date:
    """The first day of the month `value` names ("2026-12"), else of today's."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def shift_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_weeks(first: dt.date, today: dt.date, user) -> list[list[CalendarDay]]:
    """The weeks (Monday to Sunday) that cover the month of `first`, each day with its items."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    found = items_by_day(user, weeks[0][0], weeks[-1][-1])
    return [
        [
            CalendarDay(day, day.month == first.month, day == today, found.get(day, []))
            for day in week
        ]
        for week in weeks
    ]
