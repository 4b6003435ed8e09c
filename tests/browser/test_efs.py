"""The monitoring data on a phone (390 px): the participant's home page asks for them, the form
says why, refuses a PESEL with a wrong check digit naming the problem and keeps what was typed,
and saves them; every page passes axe and none scrolls sideways."""

import re

from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.efs.models import MonitoringData
from akademia.efs.tests.factories import PESEL_WOMAN

PHONE = {"width": 390, "height": 844}


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_participant_gives_the_monitoring_data_on_a_phone(
    page, live_server, login, axe, national, regional, expert, trainer
):
    from akademia.delivery.tests.factories import training

    group = training(national, regional, expert, trainer)
    person = group.participants.filter(jst__code="2409023").order_by("pk").first()
    page.set_viewport_size(PHONE)
    login(person.user, PASSWORD)
    expect(page.get_by_text(re.compile("Brakuje danych 1 osoby"))).to_be_visible()
    axe(page)
    page.get_by_role("link", name=re.compile("Podaj dane")).click()
    expect(page.get_by_role("heading", name="Dlaczego o to prosimy")).to_be_visible()
    assert _overflow(page) <= 0
    axe(page)

    wrong = PESEL_WOMAN[:10] + str((int(PESEL_WOMAN[10]) + 1) % 10)
    page.get_by_label("PESEL", exact=True).fill(wrong)
    page.get_by_label(re.compile("Najwyższe ukończone wykształcenie")).select_option("isced5-8")
    page.get_by_role("combobox", name=re.compile("Gmina zamieszkania")).fill("Kozieglowy")
    page.get_by_role("option", name=re.compile("Koziegłowy")).first.click()
    page.get_by_label(re.compile("^Miejscowość")).fill("Koziegłowy")
    page.get_by_label(re.compile("^Kod pocztowy")).fill("42-350")
    page.get_by_label(re.compile("Obszar, na którym mieszkasz")).select_option("3")
    page.get_by_label(re.compile("^Telefon kontaktowy")).fill("600 100 200")
    for question in (
        "obcego pochodzenia",
        "państwa trzeciego",
        "bezdomną",
        "niepełnosprawnościami",
    ):
        page.get_by_role("group", name=re.compile(question)).get_by_label("nie").check()
    page.get_by_role("group", name=re.compile("mniejszości")).get_by_label(
        "odmawiam podania informacji"
    ).check()
    page.get_by_role("button", name="Zapisz dane").click()

    expect(page.get_by_role("alert")).to_contain_text("cyfra kontrolna")
    expect(page.get_by_label("PESEL", exact=True)).to_have_value(wrong)
    expect(page.get_by_label(re.compile("^Kod pocztowy"))).to_have_value("42-350")
    assert _overflow(page) <= 0
    axe(page)

    page.get_by_label("PESEL", exact=True).fill(PESEL_WOMAN)
    page.get_by_role("button", name="Zapisz dane").click()
    expect(page.get_by_text("Dane zostały zapisane. Dziękujemy.")).to_be_visible()
    axe(page)
    assert MonitoringData.objects.get(user=person.user).pesel == PESEL_WOMAN
