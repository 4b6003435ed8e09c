"""The language of the e-mails to applicants: the recipient's, never the operator's."""

from django.core import mail
from django.utils import translation

from akademia.core.audit import SYSTEM
from akademia.core.tests.factories import clear_mail
from akademia.recruitment import services
from akademia.recruitment.tests.factories import complete, data

CORRECTIONS = {"pl": "Twoje zgłoszenie wymaga poprawy", "en": "Your application needs corrections"}
CONFIRM = {
    "pl": "Potwierdź zgłoszenie do Akademii Samorządowej",
    "en": "Confirm your application to Akademia Samorządowa",
}


def _ask_for_corrections(national, application, capture, *, operator_language: str) -> str:
    clear_mail()
    with translation.override(operator_language), capture(execute=True):
        services.application_request_corrections(
            actor=national, application=application, note="Brak podpisu wójta."
        )
    [sent] = mail.outbox
    assert sent.to == [application.coordinator_email]
    return sent.subject


def test_an_operators_e_mail_is_in_the_recipients_language_not_the_operators(
    call, national, django_capture_on_commit_callbacks
):
    application = complete(national, call, "2409023")
    coordinator = application.coordinator  # the account confirming the address made
    assert coordinator.language == ""

    # The coordinator never chose a language: Polish, though the operator works in English.
    subject = _ask_for_corrections(
        national, application, django_capture_on_commit_callbacks, operator_language="en"
    )
    assert subject == CORRECTIONS["pl"]

    # They chose English with the switch: English, though the operator works in Polish.
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    services.application_submit(actor=SYSTEM, application=application)
    subject = _ask_for_corrections(
        national, application, django_capture_on_commit_callbacks, operator_language="pl"
    )
    assert subject == CORRECTIONS["en"]


def test_an_applicant_without_an_account_gets_the_language_they_applied_in(
    call, django_capture_on_commit_callbacks
):
    for language, jst in (("en", "2409023"), ("pl", "2402022")):
        clear_mail()
        email = f"{language}@{jst}.example.org"
        with translation.override(language), django_capture_on_commit_callbacks(execute=True):
            services.application_save(actor=SYSTEM, call=call, data=data(jst, email=email))
        assert [m.subject for m in mail.outbox] == [CONFIRM[language]]


def test_the_recipients_account_language_comes_before_the_requests(
    call, national, django_capture_on_commit_callbacks
):
    application = complete(national, call, "2409023")
    application.coordinator.language = "pl"
    application.coordinator.save(update_fields=["language"])
    clear_mail()
    # A new draft of the same coordinator, typed in English: their account says Polish.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.application_save(
            actor=SYSTEM, call=call, data=data("2402022", email=application.coordinator_email)
        )
    assert [m.subject for m in mail.outbox] == [CONFIRM["pl"]]
