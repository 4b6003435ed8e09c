"""The seed's tasks between meetings: the pilot's participants and their tasks (what the worker
does after the plan's publication), and one answer of Będzin's team to the first module's task,
with a PDF, which the group's trainer returned with feedback, so that the demo shows a round
and a review.

The pilot's first group finished its training (`demo.delivery`), and a certificate needs every
task of the person's team accepted (`delivery.completion`): each of its teams answered each
task and the trainer accepted it, Będzin's first task in a second round after the return. Those
answers are dated a few days before each task's due day (the services write the time of the
run, which would make them all late). A second run changes nothing."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from akademia.accounts.models import User
from akademia.accounts.permissions import can
from akademia.accounts.roles import Capability
from akademia.accounts.selectors import coordinators_of_jsts
from akademia.core.audit import SYSTEM
from akademia.delivery import services
from akademia.delivery.models import TaskAssignment, TaskReview, TaskStatus, TaskSubmission
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
    first_time = task is not None and not task.submissions.exists()
    if first_time and can(coordinator, Capability.SUBMIT_TASKS, task):
        _answer_and_review(task, coordinator)
    _finished_groups_done(pilot)
    if task is not None:
        task.refresh_from_db()
    return task


def _answer_and_review(task: TaskAssignment, coordinator: User) -> None:
    upload = SimpleUploadedFile("analiza-swot.pdf", _pdf(), content_type="application/pdf")
    services.task_submit(actor=coordinator, assignment=task, text=ANSWER, files=[upload])
    trainer = task.group.trainer.user if task.group.trainer else None
    if trainer is not None and can(trainer, Capability.REVIEW_TASKS, task):
        services.task_review(actor=trainer, assignment=task, decision="returned", feedback=FEEDBACK)


DONE = (
    "Zadanie wykonane w urzędzie zgodnie z instrukcją; wnioski omówiliśmy na naradzie kierownictwa."
)
DONE_AGAIN = "Uzupełniliśmy dane o migracjach (BDL, tabela LUDN_1350) i poprawiliśmy analizę."


def _finished_groups_done(pilot) -> None:
    """Every task of the pilot's finished groups answered and accepted (see the docstring)."""
    today = timezone.localdate()
    groups = pilot.training_groups.filter(active=True).annotate(last=Max("meetings__end_date"))
    tasks = (
        TaskAssignment.objects.filter(group__in=groups.filter(last__lt=today))
        .exclude(status=TaskStatus.ACCEPTED)
        .select_related("group__trainer__user", "jst")
        .order_by("group__code", "jst__name", "module")
    )
    coordinators = {
        user.jst_id: user for user in coordinators_of_jsts({task.jst_id for task in tasks})
    }
    for task in tasks:
        trainer = task.group.trainer.user if task.group.trainer else None
        sender = coordinators.get(task.jst_id) or _team_member(task)
        if trainer is None or sender is None:
            continue
        if task.status != TaskStatus.SUBMITTED:
            text = DONE_AGAIN if task.submissions.exists() else DONE
            services.task_submit(actor=sender, assignment=task, text=text)
        services.task_review(actor=trainer, assignment=task, decision="accepted")
        _dated_before_due(task)


def _team_member(task: TaskAssignment):
    person = task.group.participants.filter(jst_id=task.jst_id, status="active").first()
    return person.user if person else None


def _dated_before_due(task: TaskAssignment) -> None:
    """The task's rounds sent and reviewed before its due day, two days apart."""
    rounds = list(TaskSubmission.objects.filter(assignment=task).order_by("round"))
    zone = timezone.get_current_timezone()
    for number, submission in enumerate(rounds):
        day = task.due_on - dt.timedelta(days=2 * (len(rounds) - number) + 1)
        sent = dt.datetime.combine(day, dt.time(10, 0), tzinfo=zone)
        TaskSubmission.objects.filter(pk=submission.pk).update(submitted_at=sent)
        reviewed = sent + dt.timedelta(days=1, hours=3)
        TaskReview.objects.filter(submission=submission).update(reviewed_at=reviewed)


def _pdf() -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=14)
    document.cell(text="Analiza SWOT gminy (wersja robocza)")
    return bytes(document.output())
