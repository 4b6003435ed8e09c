"""E-mails of delivery, rendered without touching the database (a page may preview them) in
the recipient's language, and queued by the services through the outbox (core/outbox.py).

E-mails of delivery's calendars: a meeting changed, a meeting is coming.

`render_<what>` writes one (subject, body) in the recipient's language without touching the
database (the change's confirmation page previews it); the services queue them in the outbox
(core/outbox.py), each under a key that makes it one e-mail per person and occasion."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def render_task_overdue(*, assignment, user, language: str) -> tuple[str, str]:
    """The notice that a team has not sent a task between meetings by its due day, to one of
    the JST's coordinators or the group's trainer (`assignment` with its group, project and
    JST loaded)."""
    link = settings.SITE_URL.rstrip("/") + reverse("delivery:task-detail", args=[assignment.pk])
    context = {"assignment": assignment, "user": user, "link": link}
    with translation.override(language):
        subject = _("Task after module %(module)s is overdue: %(jst)s") % {
            "module": assignment.module,
            "jst": assignment.jst.name,
        }
        body = render_to_string("delivery/email/task_overdue.txt", context)
    return subject, body


_AS_IS = object()


@dataclass(frozen=True)
class MeetingFacts:
    """What a person reads about a meeting: its days, place and trainer."""

    first: dt.date
    last: dt.date
    venue: str
    address: str
    trainer: str

    @classmethod
    def of(cls, meeting, *, first=None, last=None, venue=None, trainer=_AS_IS) -> "MeetingFacts":
        """The meeting as it is, or with the values given (a change not made yet, or the state
        before one; `trainer=None`: no trainer)."""
        place = venue or meeting.place
        person = meeting.trainer if trainer is _AS_IS else trainer
        return cls(
            first=first or meeting.start_date,
            last=last or meeting.end_date,
            venue=place.name,
            address=place.address,
            trainer=person.name if person else "",
        )


def calendar_link() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("delivery:calendar")


def language_of(user) -> str:
    return user.language or settings.LANGUAGE_CODE


def render_meeting_changed(
    *, meeting, before: MeetingFacts, after: MeetingFacts, reason: str, user, language: str
) -> tuple[str, str]:
    """The e-mail telling `user` that a meeting of their group moved: what was, what is now,
    and why."""
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "before": before,
        "after": after,
        "reason": reason,
        "user": user,
        "link": calendar_link(),
    }
    with translation.override(language):
        subject = _("Meeting changed: module %(module)s of group %(group)s (%(project)s)") % {
            "module": meeting.module,
            "group": meeting.group.code,
            "project": meeting.group.project,
        }
        body = render_to_string("delivery/email/meeting_changed.txt", context)
    return subject, body


def render_reminder(*, meeting, facts: MeetingFacts, user, language: str) -> tuple[str, str]:
    """The reminder of a meeting a few days before it (DELIVERY_REMINDER_DAYS)."""
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "facts": facts,
        "user": user,
        "link": calendar_link(),
    }
    with translation.override(language):
        subject = _("Reminder: module %(module)s of group %(group)s on %(day)s") % {
            "module": meeting.module,
            "group": meeting.group.code,
            "day": date_format(facts.first, "SHORT_DATE_FORMAT"),
        }
        body = render_to_string("delivery/email/reminder.txt", context)
    return subject, body
