"""Invitations: who may grant what, the e-mail, and the link that sets the first password."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.accounts.services import (
    coordinator_for_application,
    invitation_resend,
    user_invite,
    user_set_active,
    user_set_language,
)
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry
from akademia.core.tests.factories import send_queued
from akademia.territory.models import Jst, Voivodeship


@pytest.fixture
def kozieglowy(db):
    return Jst.objects.get(code="2409023")


def test_invite_creates_an_account_without_password_and_sends_the_link(
    national, kozieglowy, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        user = user_invite(
            actor=national,
            email="Nowa@Example.org",
            full_name="Nowa Osoba",
            role=Role.JST_COORDINATOR,
            jst=kozieglowy,
        )
    assert user.email == "nowa@example.org"
    assert not user.has_usable_password()
    assert AuditEntry.objects.filter(
        action="accounts.user.invited", target_id=str(user.pk)
    ).exists()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    response = client.get(urlsplit(link).path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Silne-Haslo-2024", "new_password2": "Silne-Haslo-2024"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Silne-Haslo-2024")


def test_sending_twice_is_harmless_once_the_password_is_set(national, kozieglowy):
    user = user_invite(
        actor=national, email="a@example.org", full_name="A", role=Role.PARTICIPANT, jst=kozieglowy
    )
    assert [m.to for m in send_queued()] == [["a@example.org"]]
    user.set_password("Silne-Haslo-2024")
    user.save()
    assert send_queued() == []  # a second run of the sender sends the invitation no more
    with pytest.raises(DomainError, match="Ta osoba już przyjęła zaproszenie"):
        invitation_resend(actor=national, user=user)


def test_a_deactivated_account_gets_no_invitation_again(national, kozieglowy):
    user = user_invite(
        actor=national, email="b@example.org", full_name="B", role=Role.PARTICIPANT, jst=kozieglowy
    )
    user_set_active(actor=national, user=user, active=False)
    with pytest.raises(DomainError, match="To konto jest dezaktywowane"):
        invitation_resend(actor=national, user=user)


def test_regional_operator_cannot_grant_outside_its_voivodeship(regional):
    kutno = Jst.objects.get(code="1002011")
    with pytest.raises(
        DomainError, match="Ta JST leży poza województwami z Twojego zakresu"
    ) as raised:
        user_invite(
            actor=regional, email="b@example.org", full_name="B", role=Role.PARTICIPANT, jst=kutno
        )
    assert raised.value.field == "jst"
    assert not User.objects.filter(email="b@example.org").exists()


def test_regional_operator_cannot_make_a_national_operator(regional):
    with pytest.raises(DomainError, match="Nie możesz zapraszać użytkowników z tą rolą") as raised:
        user_invite(
            actor=regional, email="c@example.org", full_name="C", role=Role.NATIONAL_OPERATOR
        )
    assert raised.value.field == "role"


def test_trainer_needs_voivodeships_within_the_operators_scope(regional):
    lodzkie = Voivodeship.objects.filter(code="10")
    with pytest.raises(
        DomainError, match="Dla tej roli wybierz co najmniej jedno województwo"
    ) as raised:
        user_invite(actor=regional, email="d@example.org", full_name="D", role=Role.TRAINER)
    assert raised.value.field == "voivodeships"
    with pytest.raises(
        DomainError, match="Możesz przypisać tylko województwa ze swojego zakresu"
    ) as raised:
        user_invite(
            actor=regional,
            email="d@example.org",
            full_name="D",
            role=Role.TRAINER,
            voivodeships=lodzkie,
        )
    assert raised.value.field == "voivodeships"


def test_duplicate_email_is_refused(national, coordinator):
    with pytest.raises(DomainError, match="Użytkownik z tym adresem e-mail już istnieje") as raised:
        user_invite(
            actor=national, email=coordinator.email.upper(), full_name="X", role=Role.EXPERT
        )
    assert raised.value.field == "email"


def test_operator_cannot_deactivate_itself(national):
    with pytest.raises(DomainError, match="Nie możesz dezaktywować własnego konta"):
        user_set_active(actor=national, user=national, active=False)


def test_only_the_operators_of_a_persons_scope_resend_or_deactivate(
    regional, regional_other, coordinator
):
    with pytest.raises(DomainError, match="Nie masz uprawnień do wykonania tej czynności"):
        user_set_active(actor=regional_other, user=coordinator, active=False)
    with pytest.raises(DomainError, match="Nie masz uprawnień do wykonania tej czynności"):
        user_set_active(actor=coordinator, user=regional, active=False)
    user_set_active(actor=regional, user=coordinator, active=False)
    coordinator.refresh_from_db()
    assert not coordinator.is_active


def test_the_language_chosen_is_remembered_once_and_audited(coordinator):
    assert user_set_language(actor=coordinator, language="en")
    assert not user_set_language(actor=coordinator, language="en")  # already remembered
    assert not user_set_language(actor=coordinator, language="xx")  # not a language of ours
    coordinator.refresh_from_db()
    assert coordinator.language == "en"
    [entry] = AuditEntry.objects.filter(action="accounts.user.language_set")
    assert entry.actor == coordinator and entry.data == {"from": "", "to": "en"}
    assert entry.voivodeship_code == "24"


def test_a_confirmed_application_makes_a_coordinator_account_or_finds_theirs(
    kozieglowy, coordinator, regional
):
    user, created = coordinator_for_application(
        actor=SYSTEM, email="Nowy@Example.org", full_name=" Nowy ", jst=kozieglowy
    )
    assert created and user.email == "nowy@example.org" and user.full_name == "Nowy"
    assert user.role == Role.JST_COORDINATOR and user.jst == kozieglowy
    assert not user.has_usable_password() and user.awaits_jst_verification
    assert AuditEntry.objects.filter(
        action="accounts.user.created_for_application", target_id=str(user.pk)
    ).exists()
    # The JST's coordinator already has an account: it is theirs, nothing new.
    assert coordinator_for_application(
        actor=SYSTEM, email=coordinator.email.upper(), full_name="X", jst=kozieglowy
    ) == (coordinator, False)
    # An account of another role or another JST is left alone.
    kutno = Jst.objects.get(code="1002011")
    for email, jst in ((regional.email, kozieglowy), (coordinator.email, kutno)):
        assert coordinator_for_application(actor=SYSTEM, email=email, full_name="X", jst=jst) == (
            None,
            False,
        )


def test_invite_view_keeps_input_and_names_the_field(client, regional):
    client.force_login(regional)
    response = client.post(
        reverse("accounts:user-invite"),
        {"email": "e@example.org", "full_name": "Ewa", "role": Role.JST_COORDINATOR, "jst": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["jst"]
    assert 'value="Ewa"' in response.content.decode()


def test_invite_form_rejects_a_jst_of_another_voivodeship(client, regional):
    client.force_login(regional)
    response = client.post(
        reverse("accounts:user-invite"),
        {"email": "f@example.org", "full_name": "F", "role": Role.PARTICIPANT, "jst": "1002011"},
    )
    assert response.context["form"].errors["jst"]
    assert not User.objects.filter(email="f@example.org").exists()


def test_an_operator_verifies_a_coordinator_from_the_user_page(client, regional, kozieglowy):
    applicant = User.objects.create_user(
        "wniosek@example.org", None, full_name="W", role=Role.JST_COORDINATOR, jst=kozieglowy
    )
    client.force_login(regional)
    page = reverse("accounts:user-detail", args=[applicant.pk])
    assert "jeszcze niepotwierdzone" in client.get(page).content.decode()
    verify = reverse("accounts:user-verify-jst", args=[applicant.pk])
    client.post(verify, {"evidence": ""})  # naming no document verifies nothing
    applicant.refresh_from_db()
    assert applicant.awaits_jst_verification
    client.post(verify, {"evidence": "list intencyjny z 3.02.2017"})
    applicant.refresh_from_db()
    assert applicant.jst_verified_by == regional
    assert AuditEntry.objects.get(action="accounts.user.jst_verified").data["evidence"] == (
        "list intencyjny z 3.02.2017"
    )
