"""E-mails to applicants: written by `render_application_email`, queued in the outbox
(core/outbox.py) by the service that causes them, in its transaction, and sent by the worker.

`render_application_email` reads nothing from the database (the application with its call and
JST loaded), so pages may show a preview of an e-mail with it; `queue` / `queue_many` choose
the language, render and queue, many applications in a constant number of queries.

Each is written in the recipient's language: the one their account chose (`User.language`,
set with the switch); else, for an e-mail the recipient caused themselves (saving the
application, confirming its address, withdrawing it), the language of that request; else the
site's (Polish). Another person's action (an operator's corrections or results, another
coordinator's withdrawal) never decides it.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from akademia.core import outbox

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


def render_application_email(
    application, kind: str, *, language: str, password_link: str = ""
) -> tuple[str, str]:
    """The subject and body of the e-mail `kind` (one of SUBJECTS) to the application's
    coordinator, in `language`. The welcome e-mail carries `password_link`
    (`accounts.services.invitation_link` of the new account)."""
    from akademia.recruitment.services import confirmation_code

    if kind not in SUBJECTS:
        raise ValueError(f"unknown e-mail {kind!r}")
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
        "password_link": password_link,
    }
    with translation.override(language):
        return str(SUBJECTS[kind]), render_to_string(f"recruitment/email/{kind}.txt", context)


def queue(application, kind: str, *, occasion="", by_recipient: bool = False) -> None:
    """Queue one e-mail to the application's coordinator (see `queue_many`)."""
    queue_many([application], kind, occasion=occasion, by_recipient=by_recipient)


def queue_many(applications, kind: str, *, occasion="", by_recipient: bool = False) -> int:
    """Queue the e-mail `kind` to the coordinator of each application, inside the service's
    transaction: sent if and only if the change commits.

    Its outbox key is `recruitment.<kind>:<application>[:<occasion>]`: `occasion` (a selection
    run, an audit entry) tells this notice from an earlier one of the same kind, and the same
    notice is queued once. `by_recipient`: the person of this request is the recipient, so the
    e-mail may follow the language of the request when their account chose none."""
    from akademia.accounts.selectors import languages_of
    from akademia.accounts.services import invitation_link

    applications = list(applications)
    requested = (translation.get_language() or "") if by_recipient else ""
    chosen = languages_of(a.coordinator_email for a in applications)
    emails = []
    for application in applications:
        address = application.coordinator_email
        language = chosen.get(address.lower()) or requested or settings.LANGUAGE_CODE
        link = invitation_link(application.coordinator) if kind == "welcome" else ""
        subject, body = render_application_email(
            application, kind, language=language, password_link=link
        )
        key = ":".join(
            str(part) for part in (f"recruitment.{kind}", application.pk, occasion) if part
        )
        emails.append(outbox.Email(key=key, to=address, subject=subject, body=body))
    return outbox.queue_many(emails)
