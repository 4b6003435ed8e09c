"""Recruitment journeys in Chromium: a JST applies without an account; an operator selects
(the map following the filter, a stale run re-run in one click) and edits an open call.

Fields are found by their ids, not their labels: the recruitment strings are still waiting for
their Polish translations, and the test should not break when they arrive.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import PASSWORD, make_user
from akademia.recruitment import services
from akademia.recruitment.models import Application
from akademia.recruitment.tests.factories import PDF, complete, make_version, open_call


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def call(national, expert, media):
    project = services.project_create(actor=national, name="Pilotaż", target_jst=2)
    return open_call(national, project, make_version(expert, national), title="Nabór pilotażowy")


def test_a_new_user_applies_as_the_jsts_coordinator(page, live_server, axe, call):
    page.goto(f"{live_server.url}/nabor/")
    expect(page.get_by_role("heading", level=2, name="Nabór pilotażowy")).to_be_visible()
    axe(page)
    page.locator(f"a[href='/nabor/{call.pk}/zgloszenie/']").click()
    page.wait_for_url(f"{live_server.url}/nabor/{call.pk}/zgloszenie/")
    page.wait_for_load_state("load")  # the picker's script listens from DOMContentLoaded on
    picker = page.locator("#id_jst")
    picker.fill("Kozieglowy")
    option = page.get_by_role("option").filter(has_text="Koziegłowy").first
    expect(option).to_contain_text("gmina miejsko-wiejska", timeout=15_000)
    picker.press("ArrowDown")
    picker.press("Enter")
    expect(picker).to_have_value(re.compile("^Koziegłowy"))
    page.locator("#id_coordinator_name").fill("Tomasz Nowak")
    page.locator("#id_coordinator_email").fill("tomasz.nowak@kozieglowy.example.org")
    team = [
        ("Anna Zielińska", "sekretarz gminy", "management"),
        ("Piotr Mazur", "inspektor ds. funduszy", "operational"),
        ("Ewa Wójcik", "podinspektor ds. planowania", "operational"),
    ]
    for i, (name, position, profile) in enumerate(team):
        page.locator(f"#id_team-{i}-full_name").fill(name)
        email = name.lower().replace(" ", ".").translate(str.maketrans("ńóś", "nos"))
        page.locator(f"#id_team-{i}-email").fill(f"{email}@kozieglowy.example.org")
        page.locator(f"#id_team-{i}-position").fill(position)
        page.locator(f"#id_team-{i}-profile").select_option(profile)
    page.locator("#id_answer_0").fill("Chcemy przygotować strategię z mieszkańcami.")
    page.locator("#id_consent").check()
    page.locator("#id_letter").set_input_files(
        {"name": "list-intencyjny.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    axe(page)
    page.locator("button[name=submit]").click()
    page.wait_for_url(re.compile(r".*/nabor/zgloszenie/[0-9a-f-]+/$"))
    # The page says where the confirmation link went (the outbox is not shared with the server).
    expect(page.locator("main .message-success").first).to_contain_text(
        "tomasz.nowak@kozieglowy.example.org"
    )
    axe(page)
    application = Application.objects.get(call=call)
    assert application.jst.code == "2409023"
    assert application.status == "submitted"
    assert application.team.count() == 3
    assert application.letter_name == "list-intencyjny.pdf"


def test_operator_runs_the_selection_and_reads_the_reasons(
    page, live_server, login, axe, national, call
):
    for code in ["2409023", "2402022", "2414011", "2401011"]:
        complete(national, call, code)
    services.quotas_set(
        actor=national,
        call=call,
        rows=[
            {"code": "total:jst", "label": "All JST", "unit": "jst", "min": 2, "max": 2},
            {
                "code": "kind:urban",
                "label": "Urban",
                "field": "kind",
                "values": ["urban"],
                "min": 1,
            },
        ],
    )
    login(national, PASSWORD)
    page.goto(f"{live_server.url}/nabor/nabory/{call.pk}/")
    expect(page.locator(".recruitment-map[data-rendered='4']")).to_be_attached()
    expect(page.locator("#applications tbody tr")).to_have_count(4)
    axe(page)
    page.locator("#filter-kind").select_option("urban")
    expect(page.locator("#applications tbody tr")).to_have_count(2)
    # The map follows the filter: only the two urban JST keep their markers.
    expect(page.locator(".recruitment-map[data-rendered='2']")).to_be_attached()
    expect(page.locator(".recruitment-map path.leaflet-interactive")).to_have_count(2)
    page.locator(f"a[href='/nabor/nabory/{call.pk}/wybor/']").click()
    # The confirmation page: the call is still open, nobody is e-mailed yet.
    expect(page.locator("#confirm-warnings")).to_contain_text("Nabór wciąż przyjmuje zgłoszenia")
    axe(page)
    page.locator("main form button.button-danger").click()
    page.wait_for_url(f"{live_server.url}/nabor/nabory/{call.pk}/wyniki/")
    reasons = page.locator("ul.reasons")
    expect(reasons.filter(has_text="Zakwalifikowane (miejsce 1 według punktów).")).to_have_count(1)
    expect(reasons.filter(has_text="Na liście rezerwowej na miejscu 1.")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Urban")
    axe(page)
    assert Application.objects.filter(call=call, status="selected").count() == 2
    # A selected JST withdraws before publication: the results are stale, the page re-runs.
    withdrawn = Application.objects.filter(call=call, status="selected").first()
    coordinator = make_user(
        "wycofuje@test.example.org", Role.JST_COORDINATOR, jst=withdrawn.jst.code
    )
    services.application_withdraw(actor=coordinator, application=withdrawn)
    page.reload()
    expect(page.locator("#stale-run")).to_contain_text(withdrawn.jst.name)
    expect(page.locator(f"a[href='/nabor/nabory/{call.pk}/publikacja/']")).to_have_count(0)
    axe(page)
    page.locator(f"#stale-run a[href='/nabor/nabory/{call.pk}/wybor/']").click()
    page.locator("main form button.button-danger").click()
    page.wait_for_url(f"{live_server.url}/nabor/nabory/{call.pk}/wyniki/")
    expect(page.locator("#stale-run")).to_have_count(0)
    expect(page.locator(f"a[href='/nabor/nabory/{call.pk}/publikacja/']")).to_have_count(1)
    assert withdrawn.pk not in Application.objects.filter(call=call, status="selected").values_list(
        "pk", flat=True
    )


def test_operator_extends_the_deadline_of_an_open_call(
    page, live_server, login, axe, national, call
):
    complete(national, call, "2409023")
    login(national, PASSWORD)
    page.goto(f"{live_server.url}/nabor/nabory/{call.pk}/")
    page.locator(f"a[href='/nabor/nabory/{call.pk}/edycja/']").click()
    page.wait_for_url(f"{live_server.url}/nabor/nabory/{call.pk}/edycja/")
    expect(page.locator("#id_opens_on")).to_be_disabled()
    expect(page.locator("#id_questions")).to_be_disabled()
    axe(page)
    earlier = call.closes_on - timedelta(days=1)
    page.locator("#id_title").fill("Nabór pilotażowy – przedłużony")
    page.locator("#id_closes_on").fill(earlier.isoformat())
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_closes_on_error")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Nabór pilotażowy – przedłużony")
    axe(page)
    later = call.closes_on + timedelta(days=14)
    page.locator("#id_closes_on").fill(later.isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/nabor/nabory/{call.pk}/")
    call.refresh_from_db()
    assert call.closes_on == later and call.title == "Nabór pilotażowy – przedłużony"


def test_operator_sets_quotas_from_lists_adding_and_removing_rows(
    page, live_server, login, axe, national, call
):
    login(national, PASSWORD)
    page.goto(f"{live_server.url}/nabor/nabory/{call.pk}/kwoty/")
    axe(page)
    page.locator("#id_quota-0-target").select_option(label="JST wiejskie")
    page.locator("#id_quota-0-min").fill("1")
    page.get_by_role("button", name="Dodaj limit").click()
    # The new row has the focus; the first kept what was typed.
    expect(page.locator("#id_quota-1-target")).to_be_focused()
    expect(page.locator("#id_quota-0-min")).to_have_value("1")
    page.locator("#id_quota-1-target").select_option(label="śląskie")
    page.locator("#id_quota-1-max").fill("5")
    page.locator("#id_quota-1-min").fill("9")
    page.get_by_role("button", name="Zapisz limity").last.click()
    # Refused at the row, in Polish, with the error summary focused.
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary")).to_contain_text("minimum 9 jest większe od maksimum 5")
    axe(page)
    page.get_by_role("button", name="Usuń limit 2").click()
    expect(page.locator("fieldset.quota-row")).to_have_count(1)
    page.get_by_role("button", name="Zapisz limity").last.click()
    page.wait_for_url(f"{live_server.url}/nabor/nabory/{call.pk}/")
    expect(page.locator("main")).to_contain_text("JST wiejskie")
    assert list(call.quotas.values_list("code", "min", "max")) == [("kind:rural", 1, None)]
