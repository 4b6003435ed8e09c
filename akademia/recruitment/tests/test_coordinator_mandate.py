"""Who acts for a JST: confirming an e-mail proves only that the address works.

The probe's critical finding (issue #9): with no login, an application to an open call for a
JST with the attacker's e-mail, then the confirmation and welcome links, gave an account that
read the JST's other application (names, e-mails, the letter) and could withdraw it. An
applicant now sees only what they submitted until an operator checks the signed letter.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.accounts.services import user_invite, user_verify_jst
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry
from akademia.recruitment import services
from akademia.recruitment.models import Application, ApplicationStatus
from akademia.recruitment.tests.factories import complete, open_call, pdf
from akademia.recruitment.tests.test_views import _post
from akademia.territory.models import Jst

KOZIEGLOWY = "2409023"
ATTACKER = "przejecie@napastnik.example.org"


@pytest.fixture
def real(regional, slaskie_call):
    """Koziegłowy's application to the first call, its coordinator verified by the operator."""
    application = complete(
        regional, slaskie_call, KOZIEGLOWY, email="sekretarz@kozieglowy.example.org"
    )
    services.application_verify_coordinator(actor=regional, application=application)
    return application


@pytest.fixture
def second_call(regional, slaskie_project, version):
    return open_call(regional, slaskie_project, version, title="Drugi nabór")


def _take_over(client, call, capture) -> User:
    """The attacker's moves, all anonymous: apply, confirm, set a password from the welcome."""
    url = reverse("recruitment:application-create", args=[call.pk])
    with capture(execute=True):
        client.post(url, _post(call, letter=pdf(), coordinator_email=ATTACKER))
    link = re.search(r"https?://\S+/nabor/potwierdz/\S+/", mail.outbox[-1].body).group(0)
    with capture(execute=True):
        assert client.get(urlsplit(link).path).status_code == 200
    welcome = re.search(r"https?://\S+/konto/zaproszenie/\S+", mail.outbox[-1].body).group(0)
    form_url = client.get(urlsplit(welcome).path, follow=True).redirect_chain[-1][0]
    password = {"new_password1": "Napastnik-Haslo-1", "new_password2": "Napastnik-Haslo-1"}
    assert client.post(form_url, password).status_code == 302
    return User.objects.get(email=ATTACKER)


def test_an_applicant_with_a_confirmed_email_sees_only_their_own_application(
    client, real, second_call, django_capture_on_commit_callbacks
):
    attacker = _take_over(client, second_call, django_capture_on_commit_callbacks)
    assert attacker.role == Role.JST_COORDINATOR and attacker.awaits_jst_verification
    own = Application.objects.get(coordinator=attacker)

    # The JST's other application: not its page, its letter, its participants, nor withdrawal.
    for name in ("application-detail", "application-letter", "application-participants"):
        assert client.get(reverse(f"recruitment:{name}", args=[real.pk])).status_code == 404
    withdraw = reverse("recruitment:application-withdraw", args=[real.pk])
    assert client.post(withdraw).status_code == 404
    real.refresh_from_db()
    assert real.status == ApplicationStatus.COMPLETE

    page = client.get(reverse("recruitment:my-applications")).content.decode()
    assert second_call.title in page and real.call.title not in page
    assert "sekretarz@kozieglowy.example.org" not in page
    assert "signed letter of intent" in page  # says why the list is short
    assert client.get(reverse("recruitment:application-detail", args=[own.pk])).status_code == 200


def test_an_unverified_coordinator_cannot_withdraw_another_application_through_the_service(
    regional, real, second_call
):
    other = services.application_save(
        actor=SYSTEM, call=second_call, data=_data_for(KOZIEGLOWY, "inny@kozieglowy.example.org")
    )
    services.application_confirm_email(actor=SYSTEM, application=other)
    stranger = User.objects.get(email="inny@kozieglowy.example.org")
    refusal = re.escape("Only the JST's coordinator can withdraw its application.")
    with pytest.raises(DomainError, match=refusal):
        services.application_withdraw(actor=stranger, application=real)
    real.refresh_from_db()
    assert real.status == ApplicationStatus.COMPLETE


def _data_for(jst_code, email):
    from akademia.recruitment.tests.factories import data

    return data(jst_code, email=email)


def test_the_operator_verifies_against_the_letter_and_then_the_jst_is_visible(
    client, regional, real, second_call
):
    application = complete(regional, second_call, KOZIEGLOWY, email="nowy@kozieglowy.example.org")
    newcomer = application.coordinator
    client.force_login(newcomer)
    assert client.get(reverse("recruitment:application-detail", args=[real.pk])).status_code == 404

    client.force_login(regional)
    detail = reverse("recruitment:application-detail", args=[application.pk])
    page = client.get(detail).content.decode()
    assert "I checked the signed letter of intent" in page
    verify = reverse("recruitment:application-verify-coordinator", args=[application.pk])
    client.post(verify)  # without ticking the box: nothing happens
    newcomer.refresh_from_db()
    assert newcomer.awaits_jst_verification
    client.post(verify, {"checked": "1"})
    newcomer.refresh_from_db()
    assert not newcomer.awaits_jst_verification
    assert newcomer.jst_verified_by == regional
    entry = AuditEntry.objects.get(action="accounts.user.jst_verified", target_id=str(newcomer.pk))
    assert entry.voivodeship_code == "24"

    client.force_login(newcomer)
    assert client.get(reverse("recruitment:application-detail", args=[real.pk])).status_code == 200


def test_only_an_operator_of_the_project_verifies(
    regional, regional_other, coordinator, real, second_call
):
    application = complete(regional, second_call, KOZIEGLOWY, email="nowy@kozieglowy.example.org")
    for actor in (regional_other, coordinator):
        with pytest.raises(DomainError, match="Only the operators of this project can do this"):
            services.application_verify_coordinator(actor=actor, application=application)
    assert application.coordinator.awaits_jst_verification


def test_a_draft_or_an_account_of_another_jst_is_not_verified(regional, real, second_call):
    draft = services.application_save(
        actor=SYSTEM, call=second_call, data=_data_for(KOZIEGLOWY, "szkic@kozieglowy.example.org")
    )
    services.application_confirm_email(actor=SYSTEM, application=draft)
    draft.refresh_from_db()
    refusal = "Only the letter of a submitted application can be checked"
    with pytest.raises(DomainError, match=refusal):
        services.application_verify_coordinator(actor=regional, application=draft)
    assert draft.coordinator.awaits_jst_verification


def test_an_invited_coordinator_is_verified_by_the_inviting_operator(regional):
    user = user_invite(
        actor=regional,
        email="zaproszony@kozieglowy.example.org",
        full_name="Zaproszony",
        role=Role.JST_COORDINATOR,
        jst=Jst.objects.get(code=KOZIEGLOWY),
    )
    assert not user.awaits_jst_verification and user.jst_verified_by == regional


def test_verifying_outside_the_operators_voivodeships_is_refused(regional_other, regional):
    user = User.objects.create_user(
        "x@kozieglowy.example.org",
        None,
        full_name="X",
        role=Role.JST_COORDINATOR,
        jst=Jst.objects.get(code=KOZIEGLOWY),
    )
    with pytest.raises(DomainError, match="This JST is outside your voivodeships"):
        user_verify_jst(actor=regional_other, user=user, evidence="test")
    user_verify_jst(actor=regional, user=user, evidence="test")
    assert not user.awaits_jst_verification
