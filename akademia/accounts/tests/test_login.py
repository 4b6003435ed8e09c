"""Signing in: e-mail login, argon2 hashes, and throttling of failed attempts."""

from urllib.parse import urlsplit

from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import override_settings
from django.urls import reverse
from lxml import html

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


def test_password_reset_by_email_sets_a_new_password(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the worker sends it after commit
        client.post(reverse("accounts:password-reset"), {"email": coordinator.email})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/haslo/reset/" in line)
    response = client.get(urlsplit(link.strip()).path, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "Nowe-Haslo-2025", "new_password2": "Nowe-Haslo-2025"})
    coordinator.refresh_from_db()
    assert coordinator.check_password("Nowe-Haslo-2025")


def test_password_reset_for_an_unknown_address_reveals_nothing(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password-reset"), {"email": "nikt@example.org"})
    assert response.status_code == 302 and mailoutbox == []


ATTACKER = "203.0.113.5"
NEIGHBOUR = "198.51.100.7"


def fail_logins(client, count, *, address=ATTACKER, **headers):
    url = reverse("accounts:login")
    for number in range(count):
        client.post(
            url,
            {"username": f"ofiara{number}@test.example.org", "password": "wrong"},
            REMOTE_ADDR=address,
            headers=headers,
        )


def log_in(client, user, *, address, **headers):
    return client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": PASSWORD},
        REMOTE_ADDR=address,
        headers=headers,
    )


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=10)
def test_one_address_failing_once_on_each_of_many_accounts_is_throttled(client, coordinator):
    fail_logins(client, 9)
    assert log_in(client, coordinator, address=ATTACKER).status_code == 302  # under the limit
    client.logout()
    fail_logins(client, 10)
    assert log_in(client, coordinator, address=ATTACKER).status_code == 429
    assert "_auth_user_id" not in client.session
    # Only that address: the same account from elsewhere signs in.
    assert log_in(client, coordinator, address=NEIGHBOUR).status_code == 302


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=10)
def test_a_forged_forwarded_for_neither_dodges_nor_locks_out_others(client, coordinator):
    for number in range(10):
        fail_logins(client, 1, **{"X-Forwarded-For": f"192.0.2.{number}"})
    # Without a trusted proxy the header is ignored: every attempt counted on REMOTE_ADDR ...
    assert log_in(client, coordinator, address=ATTACKER).status_code == 429
    # ... and naming the locked address in it locks nobody else out.
    assert (
        log_in(client, coordinator, address=NEIGHBOUR, **{"X-Forwarded-For": ATTACKER}).status_code
        == 302
    )


@override_settings(
    LOGIN_ADDRESS_FAILURE_LIMIT=10,
    TRUSTED_PROXY_HEADER="X-Forwarded-For",
    TRUSTED_PROXY_COUNT=1,
)
def test_behind_a_configured_proxy_the_address_it_appended_counts(client, coordinator):
    proxy = "10.0.0.2"
    for number in range(10):
        # The client forges a first entry; our proxy appends the real address last.
        fail_logins(
            client, 1, address=proxy, **{"X-Forwarded-For": f"192.0.2.{number}, {ATTACKER}"}
        )
    assert (
        log_in(client, coordinator, address=proxy, **{"X-Forwarded-For": ATTACKER}).status_code
        == 429
    )
    # Everyone else behind the same proxy still signs in.
    assert (
        log_in(client, coordinator, address=proxy, **{"X-Forwarded-For": NEIGHBOUR}).status_code
        == 302
    )


def test_a_refused_login_marks_both_fields_and_ties_the_message_to_them(client, coordinator):
    """Issue #11: a screen reader heard neither which fields were wrong nor why."""
    response = client.post(
        reverse("accounts:login"), {"username": coordinator.email, "password": "zle-haslo"}
    )
    page = html.fromstring(response.content)
    (summary,) = page.xpath('//*[@id="form-errors"]')
    assert summary.get("role") == "alert"
    for name in ("username", "password"):
        (field,) = page.xpath(f'//input[@name="{name}"]')
        assert field.get("aria-invalid") == "true"
        assert "form-errors" in field.get("aria-describedby").split()
    assert page.xpath('//input[@name="username"]')[0].get("value") == coordinator.email
