"""E-mails to the JST coordinators of a published plan: their group, venue and dates."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from akademia.accounts.selectors import jst_coordinators
from akademia.planning import selectors


def dates_link() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("planning:my-dates")


def render_dates(*, group, meetings, jst, user, link: str) -> tuple[str, str]:
    """Subject and body of one coordinator's dates, in their language. `meetings` are the
    group's (a group not saved yet, on the confirmation page, has them only in a list)."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = _("Your training dates: %(project)s") % {"project": group.project}
        body = render_to_string(
            "planning/email/dates.txt",
            {"group": group, "meetings": meetings, "jst": jst, "user": user, "link": link},
        )
    return subject, body


def send_dates(*, plan_id: int) -> int:
    link = dates_link()
    sent = 0
    for group in selectors.plan_groups(plan_id):
        for jst in group.teams.all():
            # Only a coordinator an operator verified speaks for the JST (docs/permissions.md).
            for user in jst_coordinators(jst):
                subject, body = render_dates(
                    group=group, meetings=group.meetings.all(), jst=jst, user=user, link=link
                )
                send_mail(subject, body, None, [user.email])
                sent += 1
    return sent
