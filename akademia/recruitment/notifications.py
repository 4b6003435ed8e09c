"""E-mails to applicants: enqueued after commit as a task that takes ids (`tasks.py`).

Each is written in the recipient's language: the one their account chose (`User.language`,
set with the switch); else, for an e-mail the recipient caused themselves (saving the
application, confirming its address, withdrawing it), the language of that request; else the
site's (Polish). Another person's action (an operator's corrections or results, another
coordinator's withdrawal) never decides it.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

SUBJECTS = {
    "confirm": _("Confirm your application to Akademia Samorządowa"),
    "welcome": _("Your account in Akademia Samorządowa"),
    "corrections": _("Your application needs corrections"),
    "result": _("Results of the call for applications"),
    "refilled": _("Your JST has been selected from the waiting list"),
    "withdrawn": _("Your application has been withdrawn"),
}


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_on_commit(application, template: str, *, by_recipient: bool = False) -> None:
    """Send one of SUBJECTS' e-mails to the application's coordinator once the write commits.

    `by_recipient`: the person of this request is the recipient, so the e-mail may follow the
    language of the request when their account chose none."""
    from akademia.recruitment.tasks import send_application_email

    if template not in SUBJECTS:
        raise ValueError(f"unknown e-mail {template!r}")
    language = (translation.get_language() or "") if by_recipient else ""
    pk = application.pk
    transaction.on_commit(lambda: send_application_email.enqueue(pk, template, language))


def render_application_email(*, application, template: str, language: str = "") -> tuple[str, str]:
    """Subject and body of one of SUBJECTS' e-mails to the application's coordinator, in the
    language `send` picks (a confirmation page shows one before anything is sent)."""
    from akademia.accounts.selectors import language_of
    from akademia.accounts.services import invitation_link
    from akademia.recruitment.services import confirmation_code

    context = {
        "application": application,
        "call": application.call,
        "edit_link": _absolute(
            reverse("recruitment:application-edit", kwargs={"token": application.token})
        ),
        "confirm_link": _absolute(
            reverse(
                "recruitment:application-confirm",
                kwargs={"code": confirmation_code(application)},
            )
        ),
        # Stored reasons; the templates translate them (`|reason`) in the e-mail's language.
        "reasons": application.reasons,
    }
    if template == "welcome":
        context["password_link"] = invitation_link(application.coordinator)
    language = language_of(application.coordinator_email) or language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = str(SUBJECTS[template])
        body = render_to_string(f"recruitment/email/{template}.txt", context)
    return subject, body


def send(*, application_id: int, template: str, language: str = "") -> bool:
    """Send one e-mail to the application's coordinator address; `language` is the one of the
    request that caused it, when the recipient caused it ("" otherwise)."""
    from akademia.recruitment.models import Application

    application = (
        Application.objects.select_related("call", "jst", "coordinator")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return False
    user = application.coordinator
    if template == "welcome" and (user is None or user.has_usable_password()):
        return False
    subject, body = render_application_email(
        application=application, template=template, language=language
    )
    send_mail(subject, body, None, [application.coordinator_email])
    return True
