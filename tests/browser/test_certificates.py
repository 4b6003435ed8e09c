"""Certificates in Chromium on a 390 px phone: anyone types a number from a certificate (as
read from paper: lower case, spaces) on the public page and sees it valid, with only what the
certificate says; a wrong number says there is none; a revoked one says so. Every page passes
axe and none scrolls sideways. The participant's "Moje szkolenie" and the operator's completion
page of the group pass too."""

import pytest
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.delivery import certificates, services
from akademia.delivery.tests.factories import finished_training, mark_days

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def certificate(national, regional, expert, trainer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    group = finished_training(national, regional, expert, trainer, days=3)
    people = list(group.participants.order_by("pk"))
    mark_days(trainer, group, {people[1]: 1})  # the second person came once in three days
    person = people[0]
    person.full_name = "Zofia Łęcka-Żółkiewska"
    person.save(update_fields=["full_name"])
    certificate, _made = services.certificate_issue(actor=regional, participant=person)
    return certificate


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _fits(page, axe):
    page.wait_for_load_state()  # after a click, its stylesheets too
    assert _overflow(page) <= 0, f"{page.url} scrolls sideways on a phone"
    axe(page)


def test_anyone_verifies_a_certificate_on_a_phone(page, live_server, axe, certificate, regional):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/zaswiadczenia/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Weryfikacja zaświadczenia")
    _fits(page, axe)

    typed = certificate.number.lower().replace("-", " ")
    page.get_by_label("Numer zaświadczenia").fill(typed)
    page.get_by_role("button", name="Sprawdź").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Zaświadczenie {certificate.number}")
    expect(page.locator("#verdict")).to_contain_text("Ważne")
    facts = page.locator("#certificate-facts")
    expect(facts).to_contain_text("Zofia Łęcka-Żółkiewska")
    expect(facts).to_contain_text("Finanse JST (wersja 1)")
    expect(facts).to_contain_text("Akademia Samorządowa")
    expect(page.locator("main")).not_to_contain_text(certificate.participant.email)
    _fits(page, axe)

    page.get_by_label("Numer zaświadczenia").fill(certificates.new_number())
    page.get_by_role("button", name="Sprawdź").click()
    expect(page.get_by_role("alert")).to_contain_text("Nie ma zaświadczenia o tym numerze")
    _fits(page, axe)

    services.certificate_revoke(actor=regional, certificate=certificate, reason="Błąd")
    page.goto(f"{live_server.url}/zaswiadczenia/{certificate.number}/")
    expect(page.locator("#verdict")).to_contain_text("Unieważnione")
    expect(page.locator("main")).not_to_contain_text("Błąd")
    _fits(page, axe)


def test_the_completion_pages_fit_a_phone(page, live_server, login, axe, certificate, regional):
    group = certificate.participant.group
    page.set_viewport_size(PHONE)
    login(regional, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/grupy/{group.pk}/ukonczenie/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("ukończenie szkolenia")
    expect(page.locator("main")).to_contain_text(
        "nie może już zostać spełniona. 1 z 3 dni obecności"
    )
    _fits(page, axe)
    page.get_by_role("link", name="Wystaw zaświadczenia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Wystawić zaświadczenia grupy {group.code}?"
    )
    _fits(page, axe)


def test_a_participant_sees_their_certificate_on_a_phone(
    page, live_server, login, axe, certificate
):
    page.set_viewport_size(PHONE)
    login(certificate.participant.user, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/moje-szkolenie/")
    expect(page.get_by_role("link", name="Pobierz zaświadczenie (PDF)")).to_be_visible()
    _fits(page, axe)
