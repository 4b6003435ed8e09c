"""Advisory on a phone in Chromium: the advisor reports a visit (1,5 h, with the Polish decimal
comma) and the JST's coordinator confirms it on the page that asks first. Every page passes axe
and none scrolls sideways at 390 px."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.delivery.models import AdvisorySession, AdvisoryStatus
from akademia.delivery.tests.factories import advised

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def assignment(national, regional, expert, trainer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return advised(national, regional, expert, trainer)  # Koziegłowy, 16 h due


def _fits(page, axe) -> None:
    page.wait_for_load_state("load")  # after a click the styles may still be on their way
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways on a phone"
    axe(page)


def test_the_advisor_reports_a_visit_and_the_coordinator_confirms_it(
    page, live_server, login, axe, assignment, trainer, coordinator
):
    page.set_viewport_size(PHONE)
    login(trainer, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/doradztwo/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Doradztwo")
    _fits(page, axe)
    page.get_by_role("link", name="Koziegłowy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Doradztwo dla JST Koziegłowy")
    _fits(page, axe)

    page.get_by_role("link", name="Dodaj wizytę lub sesję").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wizyta lub sesja")
    _fits(page, axe)
    expect(page.get_by_label("odbyła się")).to_be_checked()
    page.get_by_label("Liczba godzin").fill("1,5")
    page.get_by_label("w urzędzie JST").check()
    page.get_by_label("Temat").fill("Budżet zadaniowy")
    page.get_by_label("Co zrobiono").fill("Przegląd projektu uchwały budżetowej z zespołem")
    page.get_by_label("Ustalone dalsze kroki").fill("Zespół przygotuje mierniki do piątku")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator("#session-status")).to_have_text("czeka na potwierdzenie koordynatora")
    _fits(page, axe)
    session = AdvisorySession.objects.get()
    assert (session.hours, session.advisor) == (Decimal("1.5"), trainer)

    login(coordinator, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/doradztwo/")
    waiting = page.get_by_role("region", name="Wpisy doradztwa czekające na Twoje potwierdzenie")
    waiting.get_by_role("link", name="Budżet zadaniowy").click()
    expect(page.get_by_text("1,5", exact=True)).to_be_visible()
    _fits(page, axe)
    page.get_by_role("link", name="Potwierdź", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Potwierdzić doradztwo")
    _fits(page, axe)
    session.refresh_from_db()
    assert session.status == AdvisoryStatus.REPORTED  # the page only asks
    page.get_by_role("button", name="Potwierdź doradztwo").click()
    expect(page.locator("#session-status")).to_have_text("potwierdzony")
    _fits(page, axe)
    session.refresh_from_db()
    assert (session.status, session.version) == (AdvisoryStatus.CONFIRMED, 2)
    page.goto(f"{live_server.url}/szkolenia/doradztwo/jst/{assignment.pk}/")
    expect(page.locator(".facts")).to_contain_text("1,5")
