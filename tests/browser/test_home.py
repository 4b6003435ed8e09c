"""The coordinator's home in Chromium (issue #11): the calls open to their JST, each a link to
a form already filled in with their JST, name and e-mail; on a desktop and on a 390 px phone.
A visitor's home says what the platform is."""

import re

import pytest
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.recruitment import services
from akademia.recruitment.tests.factories import make_version, open_call
from akademia.territory.models import Voivodeship

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def calls(national, regional, expert, settings, tmp_path):
    """An open call of Śląskie (Koziegłowy may apply) and one of Łódzkie (it may not)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    version = make_version(expert, national)
    made = {}
    for code, title in (("24", "Nabór śląski"), ("10", "Nabór łódzki")):
        project = services.project_create(
            actor=national,
            name=f"Projekt {code}",
            voivodeship=Voivodeship.objects.get(code=code),
        )
        made[code] = open_call(national, project, version, title=title)
    return made


def _fits_a_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_coordinator_goes_from_home_to_a_prefilled_form(
    page, live_server, login, axe, coordinator, calls, viewport
):
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    login(coordinator, PASSWORD)
    panel = page.get_by_role("region", name="Nabory i zgłoszenia")
    expect(panel.get_by_text("Nabory, do których może się zgłosić Twoja JST")).to_be_visible()
    expect(panel.get_by_role("row", name=re.compile("Nabór łódzki"))).to_contain_text(
        "nie jest przeznaczony dla JST z tego województwa"
    )
    axe(page)
    if viewport == "phone":
        assert _fits_a_phone(page), "the home page scrolls sideways on a phone"
    panel.get_by_role("link", name=re.compile("Złóż zgłoszenie.*Nabór śląski")).click()
    page.wait_for_url(f"{live_server.url}/nabor/{calls['24'].pk}/zgloszenie/")
    expect(
        page.get_by_role("status").filter(has_text="może zgłosić się do tego naboru")
    ).to_be_visible()
    expect(page.locator("#id_jst")).to_have_value(re.compile("^Koziegłowy"))
    expect(page.locator("#id_coordinator_name")).to_have_value(coordinator.full_name)
    expect(page.locator("#id_coordinator_email")).to_have_value(coordinator.email)
    axe(page)
    if viewport == "phone":
        assert _fits_a_phone(page), "the application form scrolls sideways on a phone"


def test_a_visitor_reads_what_the_platform_is(page, live_server, axe):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1, name="Akademia Samorządowa")).to_be_visible()
    for name in ("Katalog programów", "Raporty z konsultacji", "Otwarte nabory"):
        expect(page.get_by_role("main").get_by_role("link", name=name)).to_be_visible()
    axe(page)
    assert _fits_a_phone(page)


def test_the_regional_operators_home_fits_a_phone(page, live_server, login, axe, regional, calls):
    services.quotas_set(
        actor=regional,
        call=calls["24"],
        rows=[{"code": "wszystkie", "label": "Wszystkie JST", "unit": "jst", "min": 5, "max": 10}],
    )
    page.set_viewport_size(PHONE)
    login(regional, PASSWORD)
    panel = page.get_by_role("region", name="Nabór", exact=True)
    expect(panel.get_by_role("row", name=re.compile("Nabór śląski"))).to_contain_text("0 / 5–10")
    expect(panel).not_to_contain_text("Nabór łódzki")
    axe(page)
    assert _fits_a_phone(page), "the operator's home scrolls sideways on a phone"
