"""E-mails of advisory support: to an advisor given a JST, to the JST's coordinators when an
entry waits for their confirmation, to the advisor when one is disputed.

`render_<what>` writes one (subject, body) without touching the database (a page may preview
it); `queue_<what>` queues them in the outbox (core/outbox.py) inside the service's
transaction, each in the recipient's language (the one their account chose, else the site's),
under a key naming the occasion, so a service run twice queues each message once.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akademia.accounts.selectors import jst_coordinators
from akademia.core import outbox
from akademia.delivery.hours import hours_text


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
