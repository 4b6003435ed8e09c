"""A regional operator makes an API token on their account's page (on a phone), reads the API
with it, opens the documentation (Swagger UI from local files, under the CSP), and revokes it."""

import pytest
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def csp_violations(page):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_token_is_made_used_and_revoked(page, live_server, login, axe, regional, csp_violations):
    page.set_viewport_size(PHONE)
    login(regional, PASSWORD)
    page.goto(f"{live_server.url}/konto/")
    page.get_by_role("link", name="Zarządzaj tokenami API").click()
    expect(page.get_by_role("heading", name="Tokeny API", level=1)).to_be_visible()
    expect(page.locator("#no-tokens")).to_be_visible()
    axe(page)
    page.get_by_label("Nazwa").fill("Arkusz raportu")
    page.get_by_role("button", name="Utwórz token").click()
    created = page.locator("#token-created")
    expect(created).to_contain_text("Skopiuj go teraz")
    key = page.get_by_label("Token", exact=True).input_value()
    assert key.startswith("ak_")
    expect(page.get_by_role("region", name="Twoje tokeny")).to_be_visible()  # scrolls itself
    assert _overflow(page) <= 0
    axe(page)
    page.set_viewport_size(DESKTOP)
    axe(page)

    # The key reads the API as its owner.
    answer = page.request.get(
        f"{live_server.url}/api/v1/projekty/", headers={"Authorization": f"Bearer {key}"}
    )
    assert answer.status == 200 and "results" in answer.json()

    # The documentation: Swagger UI lists the operations, with no request leaving the server
    # (the page fixture fails on any) and nothing refused by the CSP.
    page.get_by_role("link", name="Dokumentacja API").click()
    expect(page.get_by_text("/api/v1/projekty/", exact=True).first).to_be_visible()
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Akademia Samorządowa API")
    assert csp_violations == []
    axe(page)
    # One operation opened, with its parameters and answers; then on a phone.
    page.locator("#operations-projekty-projekty_list .opblock-summary-control").click()
    expect(page.locator("#operations-projekty-projekty_list .parameters")).to_be_visible()
    axe(page)
    page.set_viewport_size(PHONE)
    axe(page)

    # Revoking asks first, then the key no longer works.
    page.goto(f"{live_server.url}/konto/tokeny-api/")
    page.get_by_role("link", name="Unieważnij Arkusz raportu").click()
    expect(page.get_by_role("heading", name="Unieważnić token „Arkusz raportu”?")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Unieważnij token").click()
    expect(page.get_by_text("Token został unieważniony.")).to_be_visible()
    expect(page.locator("#tokens")).to_contain_text("unieważniony")
    answer = page.request.get(
        f"{live_server.url}/api/v1/projekty/", headers={"Authorization": f"Bearer {key}"}
    )
    assert answer.status == 401
