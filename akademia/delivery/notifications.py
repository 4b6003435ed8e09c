"""E-mails of delivery, rendered without touching the database (a page may preview them) in
the recipient's language, and queued by the services through the outbox (core/outbox.py)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
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
