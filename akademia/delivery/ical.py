"""A person's meetings as an iCalendar feed (RFC 5545), written with the `icalendar` library.

* One event per meeting, all day (`VALUE=DATE`, DTEND the day after the last) while its days
  have no hours; a meeting whose every day has its hours gets one event per day instead, with
  DTSTART/DTEND in Europe/Warsaw (TZID, and the VTIMEZONE the feed always carries).
* UID `meeting-<pk>@<site host>` (`meeting-<pk>-<n>@…` for the n-th day of a timed meeting):
  stable whatever changes, so a calendar program replaces the event; SEQUENCE is the meeting's
  number of changes (`MeetingRevision`), so the changed version wins.
* What the event says: the module, group and project, the venue's name and address (LOCATION),
  and a link to the calendar page. Nobody's name: the address needs no login, so the feed
  carries no personal data of anyone (the trainer is named on the signed-in pages).
* Advisory visits and sessions (`selectors.calendar_advisory_for`, an advisor's and a JST
  coordinator's): one all-day event each, UID `advisory-<pk>@<site host>`, SEQUENCE the entry's
  version (every change adds one), STATUS TENTATIVE while planned, CANCELLED once cancelled
  (so a calendar program that kept it takes it off), else CONFIRMED; the JST and topic, the
  place (the JST's office or remote), the hours and the entry's state, and a link to its page.
"""

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from akademia.delivery.hours import hours_text

TZID = "Europe/Warsaw"
PRODID = "-//Akademia Samorządowa//Kalendarz zjazdów//PL"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def location(venue) -> str:
    return ", ".join(part for part in (venue.name, venue.address) if part)


def summary(meeting) -> str:
    return _("Module %(module)s, group %(group)s: %(project)s") % {
        "module": meeting.module,
        "group": meeting.group.code,
        "project": meeting.group.project,
    }


def feed(meetings, *, now: dt.datetime, language: str, advisory=()) -> bytes:
    """The calendar of `meetings` (from `selectors.calendar_meetings_for`) and `advisory`
    visits (`selectors.calendar_advisory_for`, read in `language`), in `language`."""
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("Akademia Samorządowa: meetings"))
        calendar.add("x-wr-timezone", TZID)
        meetings = list(meetings)
        years = [m.start_date.year for m in meetings] + [e.date.year for e in advisory]
        years = years or [now.year]
        calendar.add_component(
            Timezone.from_tzid(
                TZID, first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 1, 1, 1)
            )
        )
        link = settings.SITE_URL.rstrip("/") + reverse("delivery:calendar")
        for meeting in meetings:
            for event in events(meeting, now=now, link=link):
                calendar.add_component(event)
        for visit in advisory:
            calendar.add_component(advisory_event(visit, now=now))
        return calendar.to_ical()


def events(meeting, *, now: dt.datetime, link: str) -> list[Event]:
    days = list(meeting.days.all())
    timed = bool(days) and all(day.starts_at and day.ends_at for day in days)
    if not timed:
        event = _event(meeting, f"meeting-{meeting.pk}@{site_host()}", now, link)
        event.add("dtstart", meeting.start_date)
        event.add("dtend", meeting.end_date + dt.timedelta(days=1))
        return [event]
    zone = ZoneInfo(TZID)
    found = []
    for number, day in enumerate(days, start=1):
        event = _event(meeting, f"meeting-{meeting.pk}-{number}@{site_host()}", now, link)
        event.add("dtstart", dt.datetime.combine(day.date, day.starts_at, tzinfo=zone))
        event.add("dtend", dt.datetime.combine(day.date, day.ends_at, tzinfo=zone))
        found.append(event)
    return found


def _event(meeting, uid: str, now: dt.datetime, link: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("sequence", meeting.sequence)
    if meeting.revised_at:
        event.add("last-modified", meeting.revised_at.astimezone(dt.UTC))
    event.add("summary", summary(meeting))
    event.add("location", location(meeting.place))
    event.add(
        "description",
        "\n".join(
            [
                _("Project: %(project)s") % {"project": meeting.group.project},
                _("Group: %(group)s") % {"group": meeting.group.code},
                _("Module: %(module)s") % {"module": meeting.module},
                _("Venue: %(venue)s") % {"venue": location(meeting.place)},
                link,
            ]
        ),
    )
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("url", link)
    return event


ADVISORY_STATUS = {"planned": "TENTATIVE", "cancelled": "CANCELLED"}  # else CONFIRMED


def advisory_event(visit, *, now: dt.datetime) -> Event:
    """One advisory visit or session (a `selectors.AdvisoryEvent`), all day."""
    link = settings.SITE_URL.rstrip("/") + visit.url
    event = Event()
    event.add("uid", visit.uid)
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("sequence", visit.sequence)
    if visit.changed_at:
        event.add("last-modified", visit.changed_at.astimezone(dt.UTC))
    event.add("summary", visit.title)
    event.add("location", visit.place)
    event.add("dtstart", visit.date)
    event.add("dtend", visit.date + dt.timedelta(days=1))
    event.add(
        "description",
        "\n".join(
            [
                _("Hours: %(hours)s") % {"hours": hours_text(visit.hours)},
                _("State: %(state)s") % {"state": visit.status_label},
                link,
            ]
        ),
    )
    event.add("status", ADVISORY_STATUS.get(visit.status, "CONFIRMED"))
    event.add("transp", "OPAQUE")
    event.add("url", link)
    return event
