"""Two-step verification of operators and experts (issue #16, accounts/two_factor.py)."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from akademia.accounts import two_factor
from akademia.core.models import AuditEntry

SETUP = reverse("accounts:two-factor-setup")
VERIFY = reverse("accounts:two-factor-verify")
CODES = reverse("accounts:two-factor-codes")
REGENERATE = reverse("accounts:recovery-codes-regenerate")
PROJECTS = reverse("recruitment:project-list")

# Personas are asked for by name (getfixturevalue): the marker puts these tests with the other
# database tests, before any live-server test of the worker empties the registry.
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def _code(key_hex: str, *, later: int = 0) -> str:
    device = TOTPDevice(key=key_hex)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later
    return f"{totp.token():06d}"


def _enable(client) -> list[str]:
    """Set up the authenticator through the pages; returns the recovery codes shown."""
    client.get(SETUP)
    key = client.session[two_factor.PENDING_KEY]
    response = client.post(SETUP, {"token": _code(key)})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    return [code.replace("-", "") for code in _codes_on(page)]


def _codes_on(page: str) -> list[str]:
    import re

    listing = page.split('id="recovery-codes"')[1].split("</ol>")[0]
    return re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", listing)


@pytest.mark.parametrize("who", ["national", "regional", "expert"])
def test_staff_without_an_authenticator_are_sent_to_set_it_up_from_any_page(client, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in ("/", PROJECTS, reverse("accounts:profile")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{SETUP}?next={url.replace('/', '%2F')}"
    page = client.get(SETUP).content.decode()
    assert "Włącz weryfikację dwuetapową" in page
    assert "<svg" in page and "qr-code" in page
    assert TOTPDevice.objects.count() == 0  # nothing saved before a code confirms it


def test_the_setup_page_shows_a_qr_code_of_the_provisioning_uri_and_the_secret(client, regional):
    import segno

    client.force_login(regional)
    page = client.get(SETUP).content.decode()
    key = client.session[two_factor.PENDING_KEY]
    device = two_factor.unsaved_device(regional, key)
    assert device.config_url.startswith("otpauth://totp/Akademia%20Samorz")
    assert "issuer=Akademia+Samorz" in device.config_url or "issuer=Akademia%20Samorz" in (
        device.config_url
    )
    assert two_factor.qr_svg(device, "x").split("<title>")[0] in page
    assert segno.make(device.config_url, error="m").designator
    assert two_factor.secret_text(device) in page
    # The same secret on reload: the app scanned once keeps working.
    client.get(SETUP)
    assert client.session[two_factor.PENDING_KEY] == key


def test_a_wrong_code_is_refused_at_the_field_and_nothing_is_saved(client, national):
    client.force_login(national)
    client.get(SETUP)
    key = client.session[two_factor.PENDING_KEY]
    wrong = f"{(int(_code(key)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"token": wrong})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ten kod jest niepoprawny" in page
    assert 'id="id_token_error"' in page
    assert f'value="{wrong}"' in page  # the typed code is kept
    assert TOTPDevice.objects.count() == 0
    assert not AuditEntry.objects.filter(action="accounts.two_factor.enabled").exists()
    assert client.get(PROJECTS).status_code == 302


def test_a_valid_code_turns_it_on_and_shows_ten_recovery_codes_once(client, national):
    client.force_login(national)
    client.get(SETUP + "?next=" + PROJECTS)
    key = client.session[two_factor.PENDING_KEY]
    response = client.post(SETUP, {"token": _code(key), "next": PROJECTS})
    assert response.status_code == 302
    assert response["Location"].startswith(CODES)
    page = client.get(response["Location"]).content.decode()
    codes = _codes_on(page)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert f'href="{PROJECTS}"' in page  # then on to where the person was going
    assert TOTPDevice.objects.get(user=national).confirmed
    assert StaticToken.objects.filter(device__user=national).count() == 10
    entry = AuditEntry.objects.get(action="accounts.two_factor.enabled")
    assert entry.actor_id == national.pk
    # This session passed the second step; the codes are not shown again.
    assert client.get(PROJECTS).status_code == 200
    assert client.get(CODES).status_code == 302
    assert "10" in client.get(reverse("accounts:profile")).content.decode()


def test_a_new_session_must_enter_a_code(client, regional):
    client.force_login(regional)
    _enable(client)
    other = Client()
    assert (
        other.post(
            reverse("accounts:login"), {"username": regional.email, "password": "Test-Haslo-2017"}
        ).status_code
        == 302
    )
    response = other.get(PROJECTS)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert "Podaj kod z aplikacji" in other.get(VERIFY).content.decode()
    key = TOTPDevice.objects.get(user=regional).key
    # The code of the step used at setup was used: the next one is accepted.
    response = other.post(VERIFY + "?next=" + PROJECTS, {"token": _code(key, later=30)})
    assert response.status_code == 302
    assert response["Location"] == PROJECTS
    assert other.get(PROJECTS).status_code == 200


def test_a_wrong_code_at_verification_is_refused_and_throttled(client, expert):
    client.force_login(expert)
    _enable(client)
    other = Client()
    other.force_login(expert)
    key = TOTPDevice.objects.get(user=expert).key
    wrong = f"{(int(_code(key, later=30)) + 7) % 1_000_000:06d}"
    page = other.post(VERIFY, {"token": wrong}).content.decode()
    assert "Ten kod jest niepoprawny" in page
    assert other.get(PROJECTS).status_code == 302
    # django-otp's throttling: right after a wrong code even the right one waits.
    page = other.post(VERIFY, {"token": _code(key, later=30)}).content.decode()
    assert "Zbyt wiele błędnych kodów" in page
    assert other.get(PROJECTS).status_code == 302


def test_a_recovery_code_works_once(client, national):
    client.force_login(national)
    codes = _enable(client)
    first = Client()
    first.force_login(national)
    response = first.post(VERIFY, {"token": f"{codes[0][:4]}-{codes[0][4:].upper()}"})
    assert response.status_code == 302
    assert first.get(PROJECTS).status_code == 200
    assert "pozostało 9" in first.get(reverse("accounts:profile")).content.decode() or (
        StaticToken.objects.filter(device__user=national).count() == 9
    )
    entry = AuditEntry.objects.get(action="accounts.two_factor.recovery_code_used")
    assert entry.data == {"left": 9}
    second = Client()
    second.force_login(national)
    page = second.post(VERIFY, {"token": codes[0]}).content.decode()
    assert "Ten kod jest niepoprawny" in page
    assert second.get(PROJECTS).status_code == 302


def test_new_recovery_codes_are_asked_first_and_the_old_ones_stop_working(client, regional):
    client.force_login(regional)
    old = _enable(client)
    page = client.get(REGENERATE).content.decode()
    assert "przestaną działać" in page
    assert StaticToken.objects.filter(device__user=regional).count() == 10  # GET changes nothing
    response = client.post(REGENERATE)
    assert response["Location"] == CODES
    new = [code.replace("-", "") for code in _codes_on(client.get(CODES).content.decode())]
    assert len(new) == 10 and not set(new) & set(old)
    assert AuditEntry.objects.filter(
        action="accounts.two_factor.recovery_codes_regenerated"
    ).exists()
    other = Client()
    other.force_login(regional)
    assert other.post(VERIFY, {"token": new[1]}).status_code == 302
    third = Client()
    third.force_login(regional)
    page = third.post(VERIFY, {"token": old[1]}).content.decode()
    assert "Ten kod jest niepoprawny" in page


def test_without_an_authenticator_new_recovery_codes_are_refused(client, national, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(national)
    page = client.get(REGENERATE).content.decode()
    assert "Najpierw włącz weryfikację dwuetapową" in page
    assert client.post(REGENERATE).status_code == 200
    assert not StaticToken.objects.exists()


@pytest.mark.parametrize("who", ["trainer", "coordinator", "participant"])
def test_other_roles_are_never_asked(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/").status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert "dwuetapow" not in client.get(reverse("accounts:profile")).content.decode()
    assert client.get(SETUP).status_code == 403


@pytest.mark.parametrize("who", ["national", "regional", "expert"])
def test_with_the_setting_off_nobody_is_asked(client, who, request, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get("/").status_code == 200


def test_unverified_staff_may_still_sign_out_and_open_public_pages(client, regional):
    client.force_login(regional)
    assert client.get(reverse("core:data-sources")).status_code == 200
    assert client.post(reverse("core:set-language"), {"language": "en"}).status_code == 302
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_htmx_request_is_sent_to_the_page_whole(client, regional):
    client.force_login(regional)
    response = client.get(PROJECTS, headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(SETUP)


def test_the_authenticators_and_recovery_codes_are_in_the_backup(client, national):
    from akademia.core.backup import counts

    client.force_login(national)
    _enable(client)
    backed_up = counts()
    assert backed_up["otp_totp.totpdevice"] == 1
    assert backed_up["otp_static.staticdevice"] == 1
    assert backed_up["otp_static.statictoken"] == 10


def test_the_administrator_turns_it_off_for_someone_who_lost_phone_and_codes(client, expert):
    from django.core.management import call_command

    client.force_login(expert)
    _enable(client)
    call_command("two_factor_reset", expert.email.upper())
    assert not TOTPDevice.objects.filter(user=expert).exists()
    assert not StaticToken.objects.filter(device__user=expert).exists()
    entry = AuditEntry.objects.get(action="accounts.two_factor.reset")
    assert entry.actor_id is None and entry.data == {"devices": 2}
    other = Client()
    other.force_login(expert)
    assert other.get(reverse("accounts:profile"))["Location"].startswith(SETUP)
