"""The seed's journey in one go: an operator opens a round, adds a meeting, types a comment,
imports more from a file, confirms a suggested block, records a decision in the review, and
follows it to the change in the next version."""

import re

from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.consultations.nlp import default_model
from akademia.programmes import services as programmes
from akademia.programmes.tests.factories import make_version


def _version_in_consultation(expert, national):
    default_model()  # trained once per process, as in a warm server
    return make_version(expert, national, "in_consultation", module="Budżet zadaniowy")


def test_comment_to_decision_to_change(page, live_server, login, axe, expert, national, tmp_path):
    version = _version_in_consultation(expert, national)
    login(national, PASSWORD)

    page.goto(f"{live_server.url}/konsultacje/nowa/")
    page.get_by_label("Wersja programu").select_option(str(version.pk))
    page.get_by_label("Tytuł").fill("Konsultacje styczeń 2017")
    page.get_by_role("button", name="Otwórz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Konsultacje styczeń 2017")
    axe(page)
    round_url = page.url

    page.get_by_role("link", name="Dodaj spotkanie").click()
    page.get_by_label("Grupa Wymiany Doświadczeń", exact=False).select_option("rural")
    page.get_by_role("combobox", name=re.compile("Miejsce")).fill("Kozieglowy")
    page.get_by_role("option", name=re.compile("Koziegłowy")).first.click()
    page.locator("#id_start_date").fill("2017-01-12")
    page.locator("#id_end_date").fill("2017-01-13")
    page.get_by_role("button", name="Dodaj").click()
    axe(page)

    page.get_by_role("link", name=re.compile("Wpisuj uwagi|wpisywanie", re.I)).click()
    expect(page.locator("#id_text")).to_be_focused()
    page.keyboard.type("Grupy szkoleniowe powinny liczyć najwyżej 20 osób, 25 to za dużo.")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#comments > li")).to_have_count(1)

    csv = tmp_path / "uwagi.csv"
    csv.write_text(
        "uwaga;spotkanie\n"
        "Zadania między zjazdami są zbyt obszerne dla małej gminy.;Koziegłowy\n"
        "Zjazdy w piątki i soboty, nie w poniedziałki.;Koziegłowy\n",
        encoding="utf-8",
    )
    page.goto(round_url)
    page.get_by_role("link", name=re.compile("Importuj uwagi")).click()
    axe(page)
    page.locator("input[type=file]").set_input_files(str(csv))
    page.get_by_role("button", name="Sprawdź i zaimportuj").click()
    page.goto(round_url)
    rows = page.locator("#comments tbody tr")
    expect(rows).to_have_count(3)
    first = page.locator("#comments tbody tr").first
    expect(first).to_contain_text("Wielkość i skład grup szkoleniowych")
    first.get_by_role("button", name="Potwierdź").click()
    expect(page.locator("#comments tbody tr").first).to_contain_text("potwierdzony")
    axe(page)

    v2 = programmes.version_new(actor=expert, version=version)
    programmes.version_update(
        actor=expert,
        version=v2,
        fields={"group_max": 20},
        modules=[
            {"id": m.pk, "title": m.title, "hours": m.hours, "methods": m.methods,
             "learning_outcomes": "", "intersession_task": ""}
            for m in v2.modules.all()
        ],
    )  # fmt: skip

    page.goto(round_url + "przeglad/")
    item = page.locator("article.review-item").filter(has_text="najwyżej 20 osób")
    item.get_by_label("Decyzja").select_option(label="uwzględniona")
    item.get_by_label("Sposób uwzględnienia").fill("Grupy liczą od 16 do 20 osób.")
    item.get_by_label(re.compile("25 → 20")).check()
    item.get_by_role("button", name="Zapisz decyzję").click()
    expect(item.get_by_role("status")).to_be_visible()
    axe(page)

    page.goto(round_url + "zmiany/")
    change = page.locator("tr").filter(has_text="25 → 20")
    expect(change).to_contain_text("najwyżej 20 osób")
    expect(change).to_contain_text("uwzględniona")
    axe(page)
