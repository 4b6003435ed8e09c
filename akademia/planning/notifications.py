"""E-mails to the JST coordinators of a published plan: their group, venue and dates."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from akademia.accounts.selectors import jst_coordinators
from akademia.planning import selectors


def send_dates(*, plan_id: int) -> int:
    link = settings.SITE_URL.rstrip("/") + reverse("planning:my-dates")
    sent = 0
    for group in selectors.plan_groups(plan_id):
        for jst in group.teams.all():
            # Only a coordinator an operator verified speaks for the JST (docs/permissions.md).
            for user in jst_coordinators(jst):
                with translation.override(user.language or settings.LANGUAGE_CODE):
                    subject = _("Your training dates: %(project)s") % {"project": group.project}
                    body = render_to_string(
                        "planning/email/dates.txt",
                        {"group": group, "jst": jst, "user": user, "link": link},
                    )
                send_mail(subject, body, None, [user.email])
                sent += 1
    return sent
