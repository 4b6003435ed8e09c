"""E-mails of delivery, rendered without touching the database (a page may preview them) in
the recipient's language, and queued by the services through the outbox (core/outbox.py).

E-mails of delivery's calendars: a meeting changed, a meeting is coming.

`render_<what>` writes one (subject, body) in the recipient's language without touching the
database (the change's confirmation page previews it); the services queue them in the outbox
(core/outbox.py), each under a key that makes it one e-mail per person and occasion.

E-mails of advisory support: to an advisor given a JST, to the JST's coordinators when an
entry waits for their confirmation, to the advisor when one is disputed.

`render_<what>` writes one (subject, body) without touching the database (a page may preview
it); `queue_<what>` queues them in the outbox (core/outbox.py) inside the service's
transaction, each in the recipient's language (the one their account chose, else the site's),
under a key naming the occasion, so a service run twice queues each message once."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akademia.accounts.selectors import jst_coordinators
from akademia.core import outbox
from akademia.delivery.hours import hours_text


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


def _link(name: str, pk: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[pk])


def _language(user) -> str:
    return user.language or settings.LANGUAGE_CODE


def _facts(session) -> dict:
    return {
        "jst": session.assignment.jst.name,
        "project": session.assignment.project.name,
        "date": date_format(session.date, "j E Y"),
        "hours": hours_text(session.hours),
        "mode": session.get_mode_display(),
        "topic": session.topic,
    }


def render_assigned(*, assignment, user, language: str) -> tuple[str, str]:
    """To the advisor: the JST assigned to them, and where to plan and report visits."""
    with translation.override(language):
        subject = _("Advisory for %(jst)s in %(project)s") % {
            "jst": assignment.jst.name,
            "project": assignment.project.name,
        }
        body = render_to_string(
            "delivery/email/advisory_assigned.txt",
            {
                "assignment": assignment,
                "user": user,
                "link": _link("delivery:advisory-detail", assignment.pk),
            },
        )
    return subject, body


def render_reported(*, session, user, language: str) -> tuple[str, str]:
    """To a coordinator of the JST: a visit or session to confirm (or dispute)."""
    with translation.override(language):
        facts = _facts(session)
        subject = _("To confirm: advisory on %(date)s for %(jst)s") % facts
        body = render_to_string(
            "delivery/email/advisory_reported.txt",
            {
                "session": session,
                "facts": facts,
                "user": user,
                "advisor": session.advisor.full_name,
                "link": _link("delivery:advisory-session", session.pk),
            },
        )
    return subject, body


def render_disputed(*, session, comment: str, user, language: str) -> tuple[str, str]:
    """To the advisor: the coordinator disputed an entry, and why."""
    with translation.override(language):
        facts = _facts(session)
        subject = _("Disputed: advisory on %(date)s for %(jst)s") % facts
        body = render_to_string(
            "delivery/email/advisory_disputed.txt",
            {
                "session": session,
                "facts": facts,
                "user": user,
                "comment": comment,
                "link": _link("delivery:advisory-session", session.pk),
            },
        )
    return subject, body


def queue_assigned(assignment, *, occasion: int) -> int:
    advisor = assignment.advisor
    subject, body = render_assigned(
        assignment=assignment, user=advisor, language=_language(advisor)
    )
    key = f"delivery.advisory_assigned:{assignment.pk}:{advisor.pk}:{occasion}"
    return outbox.queue_many([outbox.Email(key=key, to=advisor.email, subject=subject, body=body)])


def queue_reported(session) -> int:
    """To every verified coordinator of the entry's JST (only they speak for it)."""
    emails = []
    for user in jst_coordinators(session.assignment.jst).order_by("pk"):
        subject, body = render_reported(session=session, user=user, language=_language(user))
        key = f"delivery.advisory_reported:{session.pk}:{session.version}:{user.pk}"
        emails.append(outbox.Email(key=key, to=user.email, subject=subject, body=body))
    return outbox.queue_many(emails)


def queue_disputed(session, *, comment: str) -> int:
    advisor = session.advisor
    subject, body = render_disputed(
        session=session, comment=comment, user=advisor, language=_language(advisor)
    )
    key = f"delivery.advisory_disputed:{session.pk}:{session.version}"
    return outbox.queue_many([outbox.Email(key=key, to=advisor.email, subject=subject, body=body)])
