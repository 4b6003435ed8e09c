"""The seed's tasks between meetings: the pilot's participants and their tasks (what the worker
does after the plan's publication), and one answer of Będzin's team to the first module's task,
with a PDF, which the group's trainer returned with feedback, so that the demo shows a round
and a review. A second run changes nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from akademia.accounts.models import User
from akademia.accounts.permissions import can
from akademia.accounts.roles import Capability
from akademia.core.audit import SYSTEM
from akademia.delivery import services
from akademia.delivery.models import TaskAssignment
from akademia.demo.planning import PILOT_COORDINATOR
from akademia.demo.recruitment import PILOT
from akademia.recruitment.models import Project

ANSWER = (
    "Zebraliśmy dane z Banku Danych Lokalnych dla gminy i przygotowaliśmy wstępną analizę "
    "SWOT; plik w załączniku."
)
FEEDBACK = (
    "Dobra diagnoza. Dodajcie proszę dane o migracjach z ostatnich pięciu lat i wskażcie, "
    "z której tabeli BDL pochodzą."
)


def ensure_demo_team_tasks() -> TaskAssignment | None:
    pilot = Project.objects.filter(name=PILOT).first()
    if pilot is None or not pilot.training_groups.filter(active=True).exists():
        return None
    services.participants_sync(actor=SYSTEM, project=pilot)
    coordinator = User.objects.filter(email=PILOT_COORDINATOR).first()
    if coordinator is None:
        return None
    task = (
        TaskAssignment.objects.filter(
            group__project=pilot, group__active=True, jst_id=coordinator.jst_id, module=1
        )
        .select_related("group__trainer__user")
        .first()
    )
    if task is None or task.submissions.exists():
        return task
    if can(coordinator, Capability.SUBMIT_TASKS, task):
        _answer_and_review(task, coordinator)
    return task


def _answer_and_review(task: TaskAssignment, coordinator: User) -> None:
    upload = SimpleUploadedFile("analiza-swot.pdf", _pdf(), content_type="application/pdf")
    services.task_submit(actor=coordinator, assignment=task, text=ANSWER, files=[upload])
    trainer = task.group.trainer.user if task.group.trainer else None
    if trainer is not None and can(trainer, Capability.REVIEW_TASKS, task):
        services.task_review(actor=trainer, assignment=task, decision="returned", feedback=FEEDBACK)


def _pdf() -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=14)
    document.cell(text="Analiza SWOT gminy (wersja robocza)")
    return bytes(document.output())
