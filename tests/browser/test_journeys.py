"""The main journeys of the foundation, in Chromium, each page checked with axe-core."""

import re

from playwright.sync_api import expect

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import PASSWORD, make_user
from akademia.territory.services import BUNDLED_TERC

# Navigation each role sees (Polish labels), and what it must not see.
NAVIGATION = {
    Role.NATIONAL_OPERATOR: (
        ["Pulpit", "Rejestr JST", "Użytkownicy", "Dziennik zdarzeń", "Import TERYT"],
        [],
    ),
    Role.REGIONAL_OPERATOR: (
        ["Pulpit", "Rejestr JST", "Użytkownicy", "Dziennik zdarzeń"],
        ["Import TERYT"],
    ),
    Role.EXPERT: (["Pulpit", "Rejestr JST"], ["Użytkownicy", "Import TERYT"]),
    Role.TRAINER: (["Pulpit", "Rejestr JST"], ["Użytkownicy"]),
    Role.JST_COORDINATOR: (["Pulpit", "Rejestr JST"], ["Użytkownicy", "Dziennik zdarzeń"]),
    Role.PARTICIPANT: (["Pulpit", "Rejestr JST"], ["Użytkownicy", "Dziennik zdarzeń"]),
}
SCOPES = {
    Role.REGIONAL_OPERATOR: {"voivodeships": ["24"]},
    Role.TRAINER: {"voivodeships": ["24"]},
    Role.JST_COORDINATOR: {"jst": "2409023"},
    Role.PARTICIPANT: {"jst": "2409023"},
}


def test_every_role_logs_in_and_sees_its_navigation(page, live_server, login, axe):
    for role, (visible, hidden) in NAVIGATION.items():
        user = make_user(f"{role}@test.example.org", role, **SCOPES.get(role, {}))
        login(user, PASSWORD, via_form=True)
        nav = page.get_by_role("navigation", name="Menu główne")
        for label in visible:
            expect(nav.get_by_role("link", name=label)).to_be_visible()
        for label in hidden:
            expect(nav.get_by_role("link", name=label)).to_have_count(0)
        expect(page.locator(".role-badge")).to_have_text(str(Role(role).label), ignore_case=True)
        axe(page)
        page.get_by_role("button", name="Wyloguj się").click()
        page.wait_for_url(re.compile(r".*/konto/logowanie/.*"))


def test_wrong_password_keeps_the_email_and_says_what_is_wrong(page, live_server, national):
    page.goto(f"{live_server.url}/konto/logowanie/")
    page.get_by_label("E-mail").fill(national.email)
    page.get_by_label("Hasło").fill("zle-haslo")
    page.get_by_role("button", name="Zaloguj się").click()
    expect(page.get_by_role("alert")).to_contain_text("poprawn")
    expect(page.get_by_label("E-mail")).to_have_value(national.email)


def test_operator_invites_a_coordinator_with_the_jst_picker(
    page, live_server, login, axe, national
):
    login(national, PASSWORD)
    page.goto(f"{live_server.url}/konto/uzytkownicy/zapros/")
    axe(page)
    page.get_by_label("E-mail").fill("nowy.koordynator@test.example.org")
    page.get_by_label("Imię i nazwisko").fill("Nowy Koordynator")
    page.get_by_label("Rola").select_option("jst_coordinator")
    picker = page.get_by_role("combobox", name="JST")
    picker.fill("Kozieglowy")
    option = page.get_by_role("listbox", name="Pasujące jednostki").get_by_role("option").first
    expect(option).to_contain_text("Koziegłowy")
    expect(option).to_contain_text("gmina miejsko-wiejska")
    expect(option).to_contain_text("powiat myszkowski")
    expect(option).to_contain_text("śląskie")
    axe(page)
    picker.press("ArrowDown")
    picker.press("Enter")
    expect(picker).to_have_value(re.compile("^Koziegłowy"))
    page.get_by_role("button", name="Wyślij zaproszenie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nowy Koordynator")
    expect(page.locator("main")).to_contain_text("Koziegłowy")
    axe(page)


def test_invite_with_bad_input_keeps_what_was_typed(page, live_server, login, regional):
    login(regional, PASSWORD)
    page.goto(f"{live_server.url}/konto/uzytkownicy/zapros/")
    page.get_by_label("E-mail").fill("to-nie-jest-adres")
    page.get_by_label("Imię i nazwisko").fill("Jan Kowalski")
    page.get_by_role("button", name="Wyślij zaproszenie").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label("Imię i nazwisko")).to_have_value("Jan Kowalski")
    expect(page.locator("#id_email_error")).to_contain_text("poprawny adres")


def test_voivodeship_map_renders_without_network(page, live_server, axe):
    page.goto(f"{live_server.url}/teryt/woj/24/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Województwo śląskie")
    expect(page.locator(".map[data-rendered='36']")).to_be_attached()
    expect(page.locator(".map path.leaflet-interactive")).to_have_count(36)
    axe(page)
    page.get_by_role("link", name="powiat myszkowski").click()
    expect(page.locator(".map path.leaflet-interactive")).to_have_count(5)
    page.get_by_role("link", name="Koziegłowy").click()
    expect(page.locator("main")).to_contain_text("gmina miejsko-wiejska")
    expect(page.locator(".map path.leaflet-interactive")).to_have_count(1)
    axe(page)


def test_national_operator_imports_a_register_and_watches_the_job(
    page, live_server, login, axe, national, tmp_path
):
    newer = tmp_path / "TERC_nowszy.csv"
    text = BUNDLED_TERC.read_text(encoding="utf-8")
    newer.write_text(text.replace(";Koziegłowy;", ";Koziegłowy Nowe;"), encoding="utf-8")
    login(national, PASSWORD)
    page.goto(f"{live_server.url}/teryt/import/")
    axe(page)
    page.get_by_label(re.compile("Plik TERC")).set_input_files(str(newer))
    page.get_by_role("button", name="Sprawdź plik").click()
    # The preview says what would change before anything is applied.
    expect(page.locator("main")).to_contain_text("Koziegłowy Nowe")
    axe(page)
    page.get_by_role("button", name=re.compile("^Zastosuj")).click()
    expect(page.locator(".status")).to_have_text("zakończone")
    expect(page.locator("main")).to_contain_text("2477")
    axe(page)


def test_language_switch_to_english(page, live_server, axe):
    page.goto(f"{live_server.url}/teryt/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registry of local-government units")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    axe(page)


def test_pages_fit_a_tablet_screen(page, live_server, login, axe, regional):
    page.set_viewport_size({"width": 768, "height": 1024})
    login(regional, PASSWORD)
    for path in ["/", "/konto/uzytkownicy/", "/teryt/woj/24/"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways on a tablet"
        axe(page)
