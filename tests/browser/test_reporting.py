"""Monitoring in Chromium: the regional operator's dashboard at 1280 and 390 px (the maps drawn
from our own GeoJSON, the SVG charts under the strict CSP, every page passing axe, nothing
scrolling sideways on a phone), a figure opens the list behind it, a bookmarked filtered URL
shows the same view; the national dashboard; the public progress page without signing in."""

import pytest
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def trained(national, regional, expert, trainer, settings, tmp_path):
    from akademia.delivery.tests import factories

    settings.MEDIA_ROOT = tmp_path / "media"
    group = factories.finished_training(national, regional, expert, trainer, days=3)
    people = list(group.participants.order_by("pk"))
    factories.mark_days(trainer, group, {people[-1]: 0})
    factories.issued_certificate(people[0], actor=regional)
    return group


@pytest.fixture
def csp_violations(page):
    found = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


def _fits(page, axe) -> None:
    page.wait_for_load_state("load")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways"
    axe(page)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_regional_operator_reads_the_dashboard(
    page, live_server, login, axe, regional, trained, csp_violations, size
):
    page.set_viewport_size(size)
    login(regional, PASSWORD)
    page.goto(f"{live_server.url}/raporty/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring: gdzie jest program")
    expect(page.locator("svg.chart").first).to_be_visible()
    maps = page.locator(".map-choropleth")
    expect(maps.first).to_have_attribute("data-rendered", "1")  # Śląskie only
    _fits(page, axe)
    assert csp_violations == []

    page.get_by_role("link", name="Z zaświadczeniem 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Osoby: z zaświadczeniem (1)")
    _fits(page, axe)


def test_a_bookmarked_filtered_view_shows_the_same(
    page, live_server, login, axe, regional, trained
):
    page.set_viewport_size(DESKTOP)
    login(regional, PASSWORD)
    page.goto(f"{live_server.url}/raporty/")
    page.get_by_label("Projekt", exact=True).select_option(str(trained.project_id))
    page.get_by_label("Profil", exact=True).select_option("management")
    page.get_by_role("button", name="Pokaż").click()
    page.wait_for_url(f"**/raporty/?projekt={trained.project_id}*profil=management*")
    bookmarked = page.url
    figures = page.locator("ul.figures").first.inner_text()
    page.goto(f"{live_server.url}/")
    page.goto(bookmarked)
    expect(page.get_by_label("Profil", exact=True)).to_have_value("management")
    assert page.locator("ul.figures").first.inner_text() == figures
    axe(page)


def test_the_national_operator_sees_the_programme(page, live_server, login, axe, national, trained):
    page.set_viewport_size(DESKTOP)
    login(national, PASSWORD)
    page.goto(f"{live_server.url}/raporty/")
    expect(page.locator("section.report-table table").first).to_be_visible()
    expect(page.locator(".map-choropleth").first).to_have_attribute("data-rendered", "16")
    _fits(page, axe)
    page.goto(f"{live_server.url}/raporty/cele/")
    _fits(page, axe)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_anyone_reads_the_progress_page(page, live_server, axe, trained, csp_violations, size):
    page.set_viewport_size(size)
    page.goto(f"{live_server.url}/")
    if size == PHONE:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Postępy szkoleń").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Akademia Samorządowa: postępy szkoleń"
    )
    expect(page.locator(".map-choropleth")).to_have_attribute("data-rendered", "16")
    expect(page.locator("table.figures")).to_contain_text("śląskie")
    _fits(page, axe)
    assert csp_violations == []
