"""The main flows complete with the keyboard alone (WCAG 2.1.1): signing in, applying, marking
attendance and sending a task's answer. Focus moves only by Tab (and Shift+Tab); controls are
used by typing, Space, the arrow keys and Enter; nothing is clicked. (Comment entry by keyboard
is in test_comment_entry.py: the text field has the focus, Ctrl+Enter sends.)"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.delivery.models import AttendanceMark, TaskAssignment, TaskStatus, TrainingDay
from akademia.delivery.tests.factories import KOZIEGLOWY, task_training, team_member, training

MAX_TABS = 150


def tab_to(page, locator) -> None:
    """Presses Tab until the element has the focus; fails if Tab never reaches it."""
    handle = locator.element_handle()
    for _ in range(MAX_TABS):
        if page.evaluate("el => document.activeElement === el", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def test_signing_in_with_the_keyboard(page, live_server, coordinator):
    page.goto(f"{live_server.url}/konto/logowanie/")
    tab_to(page, page.get_by_label("E-mail"))
    page.keyboard.type(coordinator.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("button", name="Wyloguj się")).to_be_visible()


@pytest.fixture
def group(national, regional, expert, trainer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return training(national, regional, expert, trainer)


def test_marking_attendance_with_the_keyboard(page, live_server, login, trainer, group):
    day = TrainingDay.objects.get(meeting__group=group, date=timezone.localdate())
    first = group.participants.order_by("jst__name", "full_name").first()
    login(trainer, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/dni/{day.pk}/")
    tab_to(page, page.get_by_role("link", name="Zaznacz wszystkich jako obecnych"))
    page.keyboard.press("Enter")
    row = page.locator(f'.attendance-row[data-participant="{first.pk}"]')
    tab_to(page, row.get_by_label("obecny", exact=True))
    page.keyboard.press("ArrowRight")  # radio buttons: the arrows move the choice
    expect(row.get_by_label("spóźnienie", exact=True)).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Zapisz obecność"))
    page.keyboard.press("Enter")
    expect(page.locator("#sync-status")).to_have_text("Wszystkie obecności są zapisane.")
    assert AttendanceMark.objects.get(day=day, participant=first).status == "late"
    assert AttendanceMark.objects.filter(day=day).count() == group.participants.count()


@pytest.fixture
def tasks(national, regional, expert, trainer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return task_training(national, regional, expert, trainer)


def test_sending_a_tasks_answer_with_the_keyboard(page, live_server, login, tasks):
    task = TaskAssignment.objects.get(group=tasks, jst__code=KOZIEGLOWY, module=1)
    login(team_member(tasks), PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/zadania/")
    tab_to(page, page.get_by_role("link", name=f"Moduł 1: {task.title}"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zadanie po module 1")
    tab_to(page, page.get_by_label("Odpowiedź zespołu"))
    page.keyboard.type("Mapa procesu opisana w odpowiedzi.")
    tab_to(page, page.get_by_role("button", name="Wyślij odpowiedź trenerowi"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Odpowiedź została wysłana do trenera.")).to_be_visible()
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED


def test_applying_with_the_keyboard(page, live_server, axe, national, expert, settings, tmp_path):
    """A JST applies without an account: every field reached by Tab, the JST picked with the
    arrows, the letter chosen from the file dialog opened by Space, sent with Enter."""
    from akademia.recruitment import services
    from akademia.recruitment.models import Application
    from akademia.recruitment.tests.factories import PDF, make_version, open_call

    settings.MEDIA_ROOT = tmp_path / "media"
    project = services.project_create(actor=national, name="Pilotaż", target_jst=2)
    call = open_call(national, project, make_version(expert, national), title="Nabór")
    page.goto(f"{live_server.url}/nabor/{call.pk}/zgloszenie/")
    page.wait_for_load_state("load")
    picker = page.locator("#id_jst")
    tab_to(page, picker)
    page.keyboard.type("Kozieglowy")
    option = page.get_by_role("option").filter(has_text="Koziegłowy").first
    expect(option).to_contain_text("gmina miejsko-wiejska")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(picker).to_have_value(re.compile("^Koziegłowy"))
    fields = {
        "#id_coordinator_name": "Tomasz Nowak",
        "#id_coordinator_email": "tomasz.nowak@kozieglowy.example.org",
    }
    team = ["Anna Zielińska", "Piotr Mazur", "Ewa Wójcik"]
    for i, name in enumerate(team):
        fields[f"#id_team-{i}-full_name"] = name
        fields[f"#id_team-{i}-email"] = f"osoba{i}@kozieglowy.example.org"
        fields[f"#id_team-{i}-position"] = "inspektor"
    fields["#id_answer_0"] = "Chcemy przygotować strategię z mieszkańcami."
    for selector, value in fields.items():
        tab_to(page, page.locator(selector))
        page.keyboard.type(value)
    for i in range(len(team)):
        tab_to(page, page.locator(f"#id_team-{i}-profile"))
        page.keyboard.press("ArrowDown")  # a closed select: the arrow picks the next option
        expect(page.locator(f"#id_team-{i}-profile")).not_to_have_value("")
    tab_to(page, page.locator("#id_consent"))
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    tab_to(page, page.locator("#id_letter"))
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(
        {"name": "list-intencyjny.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    tab_to(page, page.locator("button[name=submit]"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/nabor/zgloszenie/[0-9a-f-]+/$"))
    axe(page)
    application = Application.objects.get(call=call)
    assert application.jst.code == "2409023" and application.status == "submitted"
    assert application.team.count() == 3
