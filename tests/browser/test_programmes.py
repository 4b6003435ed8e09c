"""An expert drafts a programme, the operator sends it to consultation, a new version's diff."""

import re

from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD


def test_expert_drafts_and_the_operator_publishes(page, live_server, login, axe, expert, national):
    login(expert, PASSWORD)
    page.goto(f"{live_server.url}/programy/nowy/")
    axe(page)
    page.get_by_label("Tytuł").fill("Zarządzanie kryzysowe w gminie")
    page.get_by_label("Cel").fill("Gmina gotowa na powódź i awarię prądu.")
    page.get_by_label("wiejska").check()
    page.get_by_role("button", name="Utwórz i dodaj moduły").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Zarządzanie kryzysowe")
    axe(page)
    page.locator("#id_modules-0-title").fill("Plan zarządzania kryzysowego")
    page.locator("#id_modules-0-hours").fill("8")
    page.get_by_label("wykład").check()
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator("main table")).to_contain_text("Plan zarządzania kryzysowego")
    axe(page)
    version_url = page.url
    page.get_by_role("button", name="Wyloguj się").click()

    login(national, PASSWORD)
    page.goto(version_url)
    page.get_by_role("button", name=re.compile("w konsultacjach")).click()
    expect(page.locator(".status")).to_have_text("w konsultacjach")
    page.get_by_role("button", name=re.compile("Rozpocznij nową wersję")).click()

    page.get_by_label("grupa szkoleniowa: maksymalna liczba osób").fill("20")
    page.locator("#id_modules-0-hours").fill("12")
    page.get_by_role("button", name="Zapisz").click()
    page.get_by_role("link", name=re.compile("porównaj")).click()
    changes = page.locator("ol.changes")
    expect(changes).to_contain_text("25 → 20")
    expect(changes).to_contain_text("8 → 12")
    axe(page)
