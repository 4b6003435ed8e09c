"""An operator turns on two-step verification on a phone (390 px), keeps the recovery codes,
and in the next session passes the second step with one of them (issue #16)."""

import re
from base64 import b32decode

from django.conf import settings as django_settings
from django_otp.oath import totp
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _axe_both(page, axe):
    """axe at 390 px and at 1366 px, then back on the phone."""
    axe(page)
    page.set_viewport_size(DESKTOP)
    axe(page)
    page.set_viewport_size(PHONE)


def _code(secret: str) -> str:
    return f"{totp(b32decode(secret.replace(' ', ''))):06d}"


def test_an_operator_turns_it_on_on_a_phone_and_uses_a_recovery_code(
    page, live_server, login, axe, regional, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    assert django_settings.TWO_FACTOR_REQUIRED
    page.set_viewport_size(DESKTOP)
    login(regional, PASSWORD)
    # Any page leads to the setup first.
    expect(page.get_by_role("heading", name="Włącz weryfikację dwuetapową")).to_be_visible()
    qr = page.get_by_role("img", name="Kod QR do zeskanowania aplikacją uwierzytelniającą")
    expect(qr).to_be_visible()
    axe(page)
    page.set_viewport_size(PHONE)
    assert _overflow(page) <= 0
    axe(page)
    secret = page.locator("#two-factor-secret").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", secret)

    # A wrong code: the error is said at the field, the summary takes the focus.
    field = page.get_by_label("Kod")
    wrong = f"{(int(_code(secret)) + 1) % 1_000_000:06d}"
    field.fill(wrong)
    page.get_by_role("button", name="Włącz weryfikację dwuetapową").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page.locator("#id_token_error")).to_contain_text("Ten kod jest niepoprawny")
    expect(page.get_by_label("Kod")).to_have_value(wrong)
    assert page.locator("#two-factor-secret").inner_text() == secret  # the same key
    axe(page)

    page.get_by_label("Kod").fill(_code(secret))
    page.get_by_role("button", name="Włącz weryfikację dwuetapową").click()
    expect(page.get_by_role("heading", name="Twoje kody zapasowe")).to_be_visible()
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    assert _overflow(page) <= 0
    _axe_both(page, axe)
    page.get_by_role("link", name="Zapisałem(-am) kody, przejdź dalej").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(live_server.url + "/konto/")
    expect(page.locator("#two-factor-state")).to_contain_text("włączona")
    expect(page.locator("#two-factor-state")).to_contain_text("10 niewykorzystanych")
    axe(page)
    page.get_by_role("link", name="Wygeneruj nowe kody zapasowe").click()
    expect(page.get_by_role("heading", name="Wygenerować nowe kody zapasowe?")).to_be_visible()
    _axe_both(page, axe)

    # A new session: the verification page, passed with a recovery code.
    page.context.clear_cookies()
    login(regional, PASSWORD)
    expect(page.get_by_role("heading", name="Podaj kod z aplikacji")).to_be_visible()
    assert _overflow(page) <= 0
    _axe_both(page, axe)
    page.get_by_label("Kod").fill(codes[0])
    page.get_by_role("button", name="Potwierdź").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_text("pozostało 9")).to_be_visible()
    axe(page)
