"""On a 390 px phone the header menu folds behind a button and no page scrolls sideways:
wide tables scroll inside their own box (WCAG 1.4.10 Reflow; issue #11)."""

from playwright.sync_api import expect

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import PASSWORD, make_user

PHONE = {"width": 390, "height": 844}


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_the_menu_folds_and_pages_fit_a_phone(page, live_server, login, axe, national):
    for n in range(12):  # a users list with long addresses
        make_user(
            f"bardzo.dluga.nazwa.skrzynki.{n}@urzad-gminy-przykladowej.example.org",
            Role.PARTICIPANT,
            jst="2409023",
        )
    page.set_viewport_size(PHONE)
    login(national, PASSWORD)
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(page.get_by_role("navigation", name="Menu główne")).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("navigation", name="Menu główne")).to_be_visible()
    axe(page)
    for path in ["/", "/konto/uzytkownicy/", "/teryt/", "/teryt/woj/24/", "/katalog/"]:
        page.goto(live_server.url + path)
        assert _overflow(page) <= 0, f"{path} scrolls sideways on a phone"
        axe(page)


def test_a_wide_table_scrolls_in_its_own_box_by_keyboard(page, live_server, login, national):
    page.set_viewport_size(PHONE)
    login(national, PASSWORD)
    page.goto(live_server.url + "/konto/uzytkownicy/")
    box = page.locator(".table-scroll").first
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
