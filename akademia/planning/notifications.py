"""E-mails to the JST coordinators of a published plan: their group, venue and dates.

`render_dates` writes one (subject, body) without touching the database (pages may preview it);
`queue_dates` queues them all in the outbox (core/outbox.py) inside `plan_publish`'s
transaction, in a constant number of queries. Each is in the coordinator's language (the one
their account chose, else the site's).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from akademia.accounts.selectors import coordinators_of_jsts
from akademia.core import outbox
from akademia.planning import selectors


def render_dates(*, group, meetings, jst, user, language: str) -> tuple[str, str]:
    """The e-mail telling `user`, a coordinator of `jst`, the group of its team: its venue and
    `meetings` (a group not saved yet, on the confirmation page, has them only in a list)."""
    link = settings.SITE_URL.rstrip("/") + reverse("planning:my-dates")
    context = {"group": group, "meetings": meetings, "jst": jst, "user": user, "link": link}
    with translation.override(language):
        subject = _("Your training dates: %(project)s") % {"project": group.project}
        body = render_to_string("planning/email/dates.txt", context)
    return subject, body


def queue_dates(plan) -> int:
    """Queue the dates of every team of the plan's groups to its JST's verified coordinators
    (only a coordinator an operator verified speaks for the JST: docs/permissions.md); the
    key `planning.dates:<plan>:<jst>:<user>` makes it one e-mail each."""
    groups = list(selectors.plan_groups(plan.pk))
    teams = [(group, jst) for group in groups for jst in group.teams.all()]
    coordinators: dict[int, list] = {}
    for user in coordinators_of_jsts([jst for _group, jst in teams]).order_by("pk"):
        coordinators.setdefault(user.jst_id, []).append(user)
    emails = []
    for group, jst in teams:
        for user in coordinators.get(jst.pk, ()):
            language = user.language or settings.LANGUAGE_CODE
            subject, body = render_dates(
                group=group, meetings=group.meetings.all(), jst=jst, user=user, language=language
            )
            key = f"planning.dates:{plan.pk}:{jst.pk}:{user.pk}"
            emails.append(outbox.Email(key=key, to=user.email, subject=subject, body=body))
    return outbox.queue_many(emails)
