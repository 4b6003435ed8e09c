"""Tasks between meetings on a 390 px phone: a team member opens the team's task, a file whose
content is not what its name says is refused with its name, the answer with a PDF is sent; the
trainer reads it and returns it with feedback, which the team then reads. Every page passes
axe and none scrolls sideways."""

import pytest
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.delivery.models import TaskAssignment, TaskFile, TaskStatus
from akademia.delivery.tests.factories import KOZIEGLOWY, task_training, team_member

PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def group(national, regional, expert, trainer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return task_training(national, regional, expert, trainer)


def _fits(page, axe):
    width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 0, f"{page.url} scrolls sideways on a phone"
    axe(page)


def test_a_team_sends_its_answer_with_a_file_on_a_phone(
    page, live_server, login, axe, group, trainer
):
    task = TaskAssignment.objects.get(group=group, jst__code=KOZIEGLOWY, module=1)
    page.set_viewport_size(PHONE)
    login(team_member(group), PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/zadania/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zadania międzyzjazdowe")
    _fits(page, axe)

    page.get_by_role("link", name=f"Moduł 1: {task.title}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zadanie po module 1")
    expect(page.get_by_text("do wykonania")).to_be_visible()
    _fits(page, axe)

    answer = page.get_by_label("Odpowiedź zespołu")
    files = page.get_by_label("Pliki")
    answer.fill("Mapa procesu w załączniku.")
    files.set_input_files({"name": "skan.pdf", "mimeType": "application/pdf", "buffer": PNG})
    page.get_by_role("button", name="Wyślij odpowiedź trenerowi").click()
    expect(page.locator(".error-summary")).to_contain_text("Plik „skan.pdf” to obraz PNG")
    assert not TaskFile.objects.exists()
    _fits(page, axe)

    files.set_input_files(
        {"name": "mapa procesu.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Wyślij odpowiedź trenerowi").click()
    expect(page.get_by_text("Odpowiedź została wysłana do trenera.")).to_be_visible()
    expect(page.get_by_role("link", name="mapa procesu.pdf")).to_be_visible()
    expect(page.get_by_text("wysłane, czeka na ocenę trenera")).to_be_visible()
    _fits(page, axe)
    stored = TaskFile.objects.get(submission__assignment=task)
    assert stored.name == "mapa procesu.pdf" and stored.submission.text.startswith("Mapa")

    login(trainer, PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/zadania/grupy/{group.pk}/")
    _fits(page, axe)
    page.get_by_role("link", name="Oceń odpowiedź").click()
    _fits(page, axe)
    page.get_by_label("Zwróć do poprawy").check()
    page.get_by_label("Uwagi dla zespołu").fill("Dodajcie terminy etapów.")
    page.get_by_role("button", name="Zapisz ocenę").click()
    expect(page.get_by_text("Odpowiedź wróciła do zespołu z Twoimi uwagami.")).to_be_visible()
    task.refresh_from_db()
    assert task.status == TaskStatus.RETURNED

    login(team_member(group), PASSWORD)
    page.goto(f"{live_server.url}/szkolenia/zadania/{task.pk}/")
    expect(page.get_by_text("Dodajcie terminy etapów.")).to_be_visible()
    expect(page.get_by_role("heading", name="Wyślij poprawioną odpowiedź")).to_be_visible()
    _fits(page, axe)
