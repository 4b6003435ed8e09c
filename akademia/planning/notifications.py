"""E-mails to the JST coordinators of a published plan: their group, venue and dates."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from akademia.accounts.models import User
from akademia.accounts.roles import Role


def send_dates(*, plan_id: int) -> int:
    from akademia.planning.models import TrainingGroup

    groups = (
        TrainingGroup.objects.filter(plan_id=plan_id)
        .select_related("venue", "project", "trainer")
        .prefetch_related("teams", "meetings")
    )
    link = settings.SITE_URL.rstrip("/") + reverse("planning:my-dates")
    sent = 0
    for group in groups:
        for jst in group.teams.all():
            # Only a coordinator an operator verified speaks for the JST (docs/permissions.md).
            coordinators = User.objects.filter(
                role=Role.JST_COORDINATOR, jst=jst, is_active=True, jst_verified_at__isnull=False
            ).exclude(email="")
            for user in coordinators:
                with translation.override(user.language or settings.LANGUAGE_CODE):
                    subject = _("Your training dates: %(project)s") % {"project": group.project}
                    body = render_to_string(
                        "planning/email/dates.txt",
                        {"group": group, "jst": jst, "user": user, "link": link},
                    )
                send_mail(subject, body, None, [user.email])
                sent += 1
    return sent
