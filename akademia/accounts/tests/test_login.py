"""Signing in: e-mail login, argon2 hashes, and throttling of failed attempts."""

from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import override_settings
from django.urls import reverse

from akademia.accounts.tests.factories import PASSWORD


def test_login_with_email_in_any_case(client, coordinator):
    response = client.post(
        reverse("accounts:login"), {"username": coordinator.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_passwords_are_hashed_with_argon2(settings, db):
    from django.contrib.auth.hashers import get_hasher, make_password

    settings.PASSWORD_HASHERS = [
        h for h in settings.PASSWORD_HASHERS if "MD5" not in h
    ]  # the test speed-up aside, production hashes are argon2
    assert isinstance(get_hasher("default"), Argon2PasswordHasher)
    assert make_password("x").startswith("argon2")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_even_for_the_right_password(client, coordinator):
    url = reverse("accounts:login")
    for _ in range(3):
        client.post(url, {"username": coordinator.email, "password": "wrong"})
    response = client.post(url, {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
