"""Tasks between meetings: given to every team when the participants follow the plan (once),
answered by the team in rounds (text and files), returned or accepted by the group's trainer,
files checked before they are stored (size, and type by content), downloaded only by those who
may read the task, and an overdue task announced once."""

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core import filetypes
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry, OutboxEmail
from akademia.core.tests.factories import clear_mail, send_queued
from akademia.delivery import services
from akademia.delivery.models import (
    TaskAssignment,
    TaskFile,
    TaskReview,
    TaskStatus,
    TaskSubmission,
)
from akademia.delivery.tests.factories import (
    BESTWINA,
    KOZIEGLOWY,
    TASKS,
    task_training,
    team_member,
)
from akademia.planning.models import Meeting

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _pdf(name="mapa procesu.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Mapa procesu budżetowego")
    document.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _private_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "private"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def group(national, regional, expert, trainer):
    """Koziegłowy and Bestwina (two people each) in one group, two modules with tasks."""
    return task_training(national, regional, expert, trainer)


def _task(group, code=KOZIEGLOWY, module=1) -> TaskAssignment:
    return TaskAssignment.objects.get(group=group, jst__code=code, module=module)


# Given with the sync ----------------------------------------------------------------------------


def test_every_team_gets_each_modules_task_due_before_the_next_meeting_once(group, settings):
    meetings = {m.module: m for m in Meeting.objects.filter(group=group)}
    tasks = TaskAssignment.objects.filter(group=group)
    assert sorted(tasks.values_list("jst__code", "module")) == [
        (BESTWINA, 1),
        (BESTWINA, 2),
        (KOZIEGLOWY, 1),
        (KOZIEGLOWY, 2),
    ]
    first = _task(group)
    assert first.instructions == TASKS[0] and first.status == TaskStatus.OPEN
    assert first.due_on == meetings[2].start_date - dt.timedelta(days=1)
    last_days = dt.timedelta(days=settings.TASK_LAST_DUE_DAYS)
    assert _task(group, module=2).due_on == meetings[2].end_date + last_days

    entries = AuditEntry.objects.count()
    again = services.participants_sync(actor=SYSTEM, project=group.project)
    assert (again.tasks, again.tasks_moved) == (0, 0) and not again.changed
    assert tasks.count() == 4 and AuditEntry.objects.count() == entries


def test_a_moved_meeting_moves_the_due_day_of_open_tasks(group):
    second = Meeting.objects.get(group=group, module=2)
    Meeting.objects.filter(pk=second.pk).update(
        start_date=second.start_date + dt.timedelta(days=7),
        end_date=second.end_date + dt.timedelta(days=7),
    )
    result = services.participants_sync(actor=SYSTEM, project=group.project)
    assert result.tasks_moved == 4
    assert _task(group).due_on == second.start_date + dt.timedelta(days=6)


def test_modules_without_a_task_give_none(national, regional, expert, trainer):
    from akademia.delivery.tests.factories import training

    group = training(national, regional, expert, trainer)  # its one module has no task
    assert not TaskAssignment.objects.filter(group=group).exists()


# Rounds: submit, return, resubmit, accept ------------------------------------------------------


def test_answers_go_in_rounds_and_every_round_is_kept(group, trainer, coordinator):
    task = _task(group)
    member = team_member(group)
    first = services.task_submit(
        actor=member, assignment=task, text="Mapa w załączniku.", files=[_pdf()]
    )
    assert (first.round, _task(group).status) == (1, TaskStatus.SUBMITTED)
    with pytest.raises(DomainError, match="waits for the trainer's review"):
        services.task_submit(actor=coordinator, assignment=task, text="Jeszcze raz")

    with pytest.raises(DomainError) as missing:
        services.task_review(actor=trainer, assignment=task, decision="returned")
    assert missing.value.field == "feedback"
    services.task_review(
        actor=trainer, assignment=task, decision="returned", feedback="Brakuje terminów."
    )
    assert _task(group).status == TaskStatus.RETURNED

    second = services.task_submit(
        actor=coordinator, assignment=task, text="Terminy dodane.", files=[_pdf("v2.pdf")]
    )
    assert second.round == 2
    services.task_review(actor=trainer, assignment=task, decision="accepted")
    assert _task(group).status == TaskStatus.ACCEPTED
    with pytest.raises(DomainError, match="accepted"):
        services.task_submit(actor=member, assignment=task, text="Po akceptacji")

    rounds = TaskSubmission.objects.filter(assignment=task).order_by("round")
    assert [(s.round, s.text) for s in rounds] == [
        (1, "Mapa w załączniku."),
        (2, "Terminy dodane."),
    ]
    assert [list(s.files.values_list("name", flat=True)) for s in rounds] == [
        ["mapa procesu.pdf"],
        ["v2.pdf"],
    ]
    assert [r.decision for r in TaskReview.objects.filter(submission__assignment=task)] == [
        "returned",
        "accepted",
    ]
    assert rounds[0].review.feedback == "Brakuje terminów."


def test_only_the_team_sends_and_only_the_groups_trainer_reviews(
    group, participant, coordinator, regional
):
    task = _task(group)
    # Of the same JST, but not taking part in the group: not the team.
    with pytest.raises(DomainError, match="Only the team"):
        services.task_submit(actor=participant, assignment=task, text="x")
    other_team = team_member(group, BESTWINA)
    with pytest.raises(DomainError, match="Only the team"):
        services.task_submit(actor=other_team, assignment=task, text="x")
    services.task_submit(actor=coordinator, assignment=task, text="Odpowiedź")
    other = make_user("inny.trener@test.example.org", Role.TRAINER, voivodeships=["24"])
    for reviewer in (other, regional):
        with pytest.raises(DomainError, match="Only the trainer"):
            services.task_review(actor=reviewer, assignment=task, decision="accepted")


def test_an_answer_needs_a_text_or_a_file(group, coordinator):
    with pytest.raises(DomainError) as empty:
        services.task_submit(actor=coordinator, assignment=_task(group), text="  ")
    assert empty.value.field == "text"


# Files ------------------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_before_anything_is_stored(group, coordinator, settings):
    settings.TASK_FILE_MAX_BYTES = 2048
    big = _pdf("budżet 2027.pdf", PDF + b"0" * 3000)
    with pytest.raises(DomainError) as refused:
        services.task_submit(
            actor=coordinator, assignment=_task(group), text="x", files=[_pdf(), big]
        )
    assert "budżet 2027.pdf" in refused.value.message and "2.0" in refused.value.message
    assert refused.value.field == "files"
    assert not TaskSubmission.objects.exists() and not TaskFile.objects.exists()
    assert _private_files(settings) == []
    assert _task(group).status == TaskStatus.OPEN


def test_more_files_than_allowed_are_refused(group, coordinator, settings):
    settings.TASK_FILES_MAX = 2
    with pytest.raises(DomainError, match="at most 2 files"):
        services.task_submit(
            actor=coordinator, assignment=_task(group), text="", files=[_pdf(), _pdf(), _pdf()]
        )


def test_the_type_is_read_from_the_content_not_the_name(group, coordinator, settings):
    with pytest.raises(DomainError) as renamed:
        services.task_submit(
            actor=coordinator,
            assignment=_task(group),
            text="",
            files=[SimpleUploadedFile("skan.pdf", PNG, content_type="application/pdf")],
        )
    assert "skan.pdf" in renamed.value.message and "PNG" in renamed.value.message
    assert _private_files(settings) == [] and not TaskFile.objects.exists()

    services.task_submit(
        actor=coordinator,
        assignment=_task(group),
        text="",
        files=[SimpleUploadedFile("mapa.docx", _docx()), SimpleUploadedFile("mapa.png", PNG)],
    )
    stored = TaskFile.objects.order_by("pk")
    assert [(f.name, f.content_type) for f in stored] == [
        ("mapa.docx", filetypes.KINDS["docx"].content_type),
        ("mapa.png", "image/png"),
    ]
    # Stored under MEDIA_ROOT/private with a random name, not the one the person gave.
    for row in stored:
        assert row.file.name.startswith("private/tasks/") and "mapa" not in row.file.name
        assert Path(row.file.path).is_file()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.pdf", PDF, "pdf"),
        ("a.png", PNG, "png"),
        ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        ("a.xlsx", _zip({"[Content_Types].xml": b"", "xl/workbook.xml": b""}), "xlsx"),
        ("a.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
        ("a.docx", _zip({"[Content_Types].xml": b"", "notes.txt": b""}), None),  # any ZIP
        ("a.ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), None),
        ("a.exe", b"MZ\x90\x00", None),
        ("a.pdf", b"PK\x03\x04 broken", None),
    ],
)
def test_kinds_by_content(name, data, kind):
    found = filetypes.sniff(io.BytesIO(data))
    assert (found.code if found else None) == kind
    assert (filetypes.refusal(io.BytesIO(data), name) == "") == (kind is not None)


def test_file_names_are_made_safe():
    assert filetypes.safe_name("C:\\Users\\ja\\Mapa procesu.pdf") == "Mapa procesu.pdf"
    assert filetypes.safe_name('../../"zły"\r\n.pdf') == "_zły_.pdf"
    assert filetypes.safe_name(".pdf") == "pdf"
    assert filetypes.safe_name("x" * 300 + ".docx").endswith("x.docx")
    assert len(filetypes.safe_name("x" * 300 + ".docx")) == 200


# Pages and downloads ----------------------------------------------------------------------------


def _answer_with_file(group, code=KOZIEGLOWY):
    task = _task(group, code)
    services.task_submit(
        actor=team_member(group, code), assignment=task, text="", files=[_pdf("Mapa ż.pdf")]
    )
    return TaskFile.objects.get(submission__assignment=task)


def test_the_download_is_an_attachment_under_its_name_and_never_sniffed(client, group, coordinator):
    row = _answer_with_file(group)
    client.force_login(coordinator)
    response = client.get(reverse("delivery:task-file", args=[row.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert (
        disposition.startswith("attachment;")
        and "filename*=utf-8''Mapa%20%C5%BC.pdf" in disposition
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_another_teams_file_is_not_found(client, group, coordinator, trainer, regional_other):
    row = _answer_with_file(group, BESTWINA)
    url = reverse("delivery:task-file", args=[row.pk])
    other_trainer = make_user("inny.trener@test.example.org", Role.TRAINER, voivodeships=["24"])
    for outsider in (coordinator, team_member(group), other_trainer, regional_other):
        client.force_login(outsider)
        assert client.get(url).status_code == 404, outsider
    for reader in (team_member(group, BESTWINA), trainer):
        client.force_login(reader)
        assert client.get(url).status_code == 200


def test_a_team_sees_only_its_tasks(client, group, coordinator, trainer, regional_other):
    client.force_login(coordinator)
    page = client.get(reverse("delivery:task-list")).content.decode()
    assert reverse("delivery:task-detail", args=[_task(group).pk]) in page
    assert reverse("delivery:task-detail", args=[_task(group, BESTWINA).pk]) not in page
    theirs = reverse("delivery:task-detail", args=[_task(group, BESTWINA).pk])
    assert client.get(theirs).status_code == 404
    client.force_login(regional_other)
    assert client.get(reverse("delivery:task-group", args=[group.pk])).status_code == 404
    client.force_login(trainer)
    page = client.get(reverse("delivery:task-group", args=[group.pk])).content.decode()
    assert "Koziegłowy" in page and "Bestwina" in page
    other = make_user("inny.trener@test.example.org", Role.TRAINER, voivodeships=["24"])
    client.force_login(other)
    for name in ("delivery:task-detail", "delivery:task-review"):
        assert client.get(reverse(name, args=[_task(group).pk])).status_code == 404
    assert client.get(reverse("delivery:task-group", args=[group.pk])).status_code == 404


def test_the_team_sends_its_answer_on_the_task_page_and_the_trainer_returns_it(
    client, group, trainer
):
    task = _task(group)
    member = team_member(group)
    client.force_login(member)
    url = reverse("delivery:task-detail", args=[task.pk])
    response = client.post(url, {"text": "Nasza mapa", "files": [_pdf(), _pdf("b.pdf")]})
    assert response.status_code == 302
    assert TaskFile.objects.filter(submission__assignment=task).count() == 2

    client.force_login(trainer)
    page = client.get(reverse("delivery:task-group", args=[group.pk])).content.decode()
    review = reverse("delivery:task-review", args=[task.pk])
    assert review in page
    response = client.post(review, {"decision": "returned", "feedback": ""})
    assert response.status_code == 200 and "Say what to correct" in response.content.decode()
    response = client.post(review, {"decision": "returned", "feedback": "Dodajcie terminy."})
    assert response.status_code == 302

    client.force_login(member)
    page = client.get(url).content.decode()
    assert "Dodajcie terminy." in page and "Send a corrected answer" in page


def test_a_refused_file_is_named_on_the_form(client, group, settings):
    settings.TASK_FILE_MAX_BYTES = 2048
    client.force_login(team_member(group))
    url = reverse("delivery:task-detail", args=[_task(group).pk])
    big = _pdf("duży.pdf", PDF + b"0" * 5000)
    page = client.post(url, {"text": "", "files": [big]}).content.decode()
    assert "duży.pdf" in page and "2.0" in page
    assert _private_files(settings) == []


def test_the_answers_page_alone_takes_a_body_over_the_default_cap(client, group, settings):
    settings.MAX_REQUEST_BYTES = 1000
    client.force_login(team_member(group))
    url = reverse("delivery:task-detail", args=[_task(group).pk])
    response = client.post(url, {"text": "", "files": [_pdf(body=PDF + b"0" * 3000)]})
    assert response.status_code == 302
    response = client.post(reverse("delivery:group-list"), {"text": "x" * 3000})
    assert response.status_code == 413


# Overdue ----------------------------------------------------------------------------------------


def test_an_overdue_task_is_flagged_and_announced_once(client, group, coordinator, trainer):
    TaskAssignment.objects.filter(group=group, module=1).update(due_on=TODAY - dt.timedelta(1))
    services.task_submit(
        actor=team_member(group, BESTWINA), assignment=_task(group, BESTWINA), text="Na czas"
    )
    clear_mail()  # the invitations of the participants
    assert services.tasks_overdue_notify(actor=SYSTEM) == 1  # Bestwina sent its answer
    assert services.tasks_overdue_notify(actor=SYSTEM) == 0
    sent = send_queued()
    # Koziegłowy's coordinators (the persona, and the one who applied) and the trainer.
    assert sorted(m.to[0] for m in sent) == sorted(
        [coordinator.email, "koordynator.2409023@gmina.example.org", trainer.email]
    )
    assert all("Koziegłowy" in m.subject for m in sent)
    key = f"delivery.task_overdue:{_task(group).pk}:{coordinator.pk}"
    assert OutboxEmail.objects.filter(key=key).exists()

    client.force_login(coordinator)
    assert "after the due day" in client.get(reverse("delivery:task-list")).content.decode()
    client.force_login(trainer)
    page = client.get(reverse("core:home")).content.decode()
    assert "Tasks between meetings" in page
    page = client.get(reverse("delivery:task-list")).content.decode()
    assert "After the due day" in page


def test_the_overdue_notice_is_in_polish_for_a_polish_reader(group, coordinator):
    from akademia.delivery.notifications import render_task_overdue

    subject, body = render_task_overdue(assignment=_task(group), user=coordinator, language="pl")
    assert subject.startswith("Zadanie po module 1") and "Koziegłowy" in body


def test_the_worker_looks_for_overdue_tasks_the_morning_after_each_due_day(
    national, regional, expert, trainer, django_capture_on_commit_callbacks
):
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from akademia.delivery import tasks

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        with django_capture_on_commit_callbacks(execute=True):
            group = task_training(national, regional, expert, trainer)
        waiting = DBTaskResult.objects.filter(task_path=tasks.tasks_overdue.module_path)
        mornings = sorted(timezone.localtime(r.run_after) for r in waiting)
    due = sorted(set(TaskAssignment.objects.filter(group=group).values_list("due_on", flat=True)))
    assert [(m.date(), m.hour) for m in mornings] == [(d + dt.timedelta(days=1), 7) for d in due]
