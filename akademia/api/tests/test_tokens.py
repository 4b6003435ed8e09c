"""A person's API tokens: made and revoked on their account's page, stored as a hash, shown
once, audited; and how the API authenticates (a token, or a session that may only read)."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from akademia.api import services
from akademia.api.models import ApiToken
from akademia.core.models import AuditEntry

LIST = "/api/v1/projekty/"


def _create(client, name="Arkusz"):
    return client.post(reverse("api-tokens:token-list"), {"name": name})


def _key(response) -> str:
    return response.context["key"]


def test_a_token_is_shown_once_and_stored_only_as_its_hash(client, regional):
    client.force_login(regional)
    response = _create(client)
    key = _key(response)
    assert key.startswith("ak_") and key in response.content.decode()
    token = ApiToken.objects.get(user=regional)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert not any(key in str(value) for value in row.values())
    page = client.get(reverse("api-tokens:token-list")).content.decode()
    assert key not in page and f"ak_{token.prefix}" in page and "Arkusz" in page
    entry = AuditEntry.objects.get(action="api.token.created")
    assert (entry.actor, entry.target_id, entry.voivodeship_code) == (regional, str(token.pk), "24")
    assert key not in str(entry.data)


def test_the_token_reads_as_its_owner_and_no_longer_once_revoked(client, regional):
    token, key = services.token_create(actor=regional, name="Raport")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get(LIST).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    client.force_login(regional)
    revoke = reverse("api-tokens:token-revoke", args=[token.pk])
    assert "Raport" in client.get(revoke).content.decode()  # GET asks first
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert client.post(revoke).status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert AuditEntry.objects.filter(action="api.token.revoked", target_id=str(token.pk)).exists()
    assert api.get(LIST).status_code == 401
    # Revoking again is refused on the page, with the reason.
    assert "został już unieważniony" in client.post(revoke).content.decode()


def test_nobody_else_lists_or_revokes_a_persons_token(client, regional, national):
    token, _key = services.token_create(actor=regional, name="Raport")
    client.force_login(national)
    assert "Raport" not in client.get(reverse("api-tokens:token-list")).content.decode()
    revoke = reverse("api-tokens:token-revoke", args=[token.pk])
    assert client.get(revoke).status_code == 404
    assert client.post(revoke).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_token_needs_a_name_and_a_person_has_at_most_ten(client, regional):
    client.force_login(regional)
    assert _create(client, name="  ").context["form"].errors
    for number in range(services.ACTIVE_TOKENS_MAX):
        services.token_create(actor=regional, name=f"T{number}")
    response = _create(client, name="Jeden za dużo")
    assert response.context["key"] is None
    assert ApiToken.objects.filter(user=regional).count() == services.ACTIVE_TOKENS_MAX


@pytest.mark.parametrize(
    "header",
    [
        "Bearer ak_000000000000_nothing",
        "Bearer nonsense",
        "Bearer",
        "Bearer a b",
    ],
)
def test_a_wrong_token_gets_401(db, header):
    response = Client(HTTP_AUTHORIZATION=header).get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_with_the_right_prefix_and_a_wrong_secret_gets_401(regional):
    token, key = services.token_create(actor=regional, name="Raport")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {key[:-2]}xx").get(LIST)
    assert response.status_code == 401


def test_anonymous_callers_get_401_not_the_login_page(client, db):
    response = client.get(LIST)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


def test_an_inactive_persons_token_gets_401(regional):
    _token, key = services.token_create(actor=regional, name="Raport")
    regional.is_active = False
    regional.save()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(LIST).status_code == 401


def test_the_api_refuses_every_write(regional):
    _token, key = services.token_create(actor=regional, name="Raport")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    for method in (api.post, api.put, api.patch, api.delete):
        assert method(LIST, {}, content_type="application/json").status_code == 405


def test_a_session_reads_but_cannot_be_used_across_sites(regional):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(regional)
    assert browser.get(LIST).status_code == 200
    # A forged cross-site POST with the session cookie: refused (CSRF) before anything else.
    assert browser.post(LIST, {}).status_code == 403


def test_a_session_without_the_second_step_does_not_read_the_api(client, regional, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(regional)
    assert client.get(LIST).status_code == 401
    # A token made after the second step (the token page needs it) still works.
    _token, key = services.token_create(actor=regional, name="Raport")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(LIST).status_code == 200


def test_answers_to_the_api_are_not_stored_by_caches(regional):
    _token, key = services.token_create(actor=regional, name="Raport")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(LIST)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
