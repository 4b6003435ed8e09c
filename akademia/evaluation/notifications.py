"""E-mails of evaluation, rendered without touching the database in the recipient's language,
queued by `services.distribution` through the outbox: the invitation to a survey, and the
reminder before it closes."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def language_of(user) -> str:
    return user.language or settings.LANGUAGE_CODE


def _context(survey, user) -> dict:
    link = settings.SITE_URL.rstrip("/") + reverse("evaluation:survey-fill", args=[survey.pk])
    return {
        "survey": survey,
        "title": survey.questionnaire.title,
        "group": survey.group,
        "user": user,
        "link": link,
        "closes": date_format(survey.closes_on, "j E Y"),
        "anonymous": survey.questionnaire.anonymous,
    }


def render_invitation(*, survey, user, language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = _("Please answer: %(title)s (group %(group)s)") % {
            "title": survey.questionnaire.title,
            "group": survey.group.code,
        }
        body = render_to_string("evaluation/email/invitation.txt", _context(survey, user))
    return subject, body


def render_reminder(*, survey, user, language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = _("Reminder: %(title)s closes on %(day)s") % {
            "title": survey.questionnaire.title,
            "day": date_format(survey.closes_on, "j E Y"),
        }
        body = render_to_string("evaluation/email/reminder.txt", _context(survey, user))
    return subject, body
