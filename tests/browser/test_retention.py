"""The retention page and an erasure request, at 390 px and 1280 px (the automatic axe check
covers every state: the list with nothing expired, the request's page, the home page after it)."""

from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.core.models import AuditEntry

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_the_national_operator_opens_the_retention_page(page, live_server, login, axe, national):
    login(national, PASSWORD)
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/konto/retencja/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Zanonimizować")
        expect(page.locator("main")).to_contain_text("Dziś nic nie przekroczyło")
        axe(page)


def test_a_person_without_kept_records_asks_for_erasure_and_it_is_carried_out(
    page, live_server, login, axe, participant
):
    login(participant, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/konto/")
    page.get_by_role("link", name="Zażądaj usunięcia moich danych").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Usunąć dane osobowe")
    axe(page)
    page.set_viewport_size(DESKTOP)
    axe(page)
    page.get_by_role("button", name="Złóż żądanie usunięcia danych").click()
    # Nobody's records kept this account: the request is carried out and the person signed out.
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("main")).to_contain_text("zanonimizowane")
    assert AuditEntry.objects.filter(action="accounts.user.erased").count() == 1
