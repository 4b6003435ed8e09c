"""Tasks between meetings (zadania międzyzjazdowe): each module's task of the programme version
is given to every JST team of a group when the participants follow the plan (`assign_tasks`,
inside `participants_sync`); the team sends its answer (`task_submit`: a text and files, one
submission per round), the group's trainer accepts it or returns it with feedback
(`task_review`), and a task left overdue is announced once to the JST's coordinators and the
trainer (`tasks_overdue_notify`, run by the worker the morning after a due day)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.selectors import coordinators_of_jsts
from akademia.accounts.types import Actor
from akademia.core import audit, filetypes, outbox
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.delivery import notifications
from akademia.delivery.models import (
    TASK_TO_DO,
    Participant,
    ParticipantStatus,
    ReviewDecision,
    TaskAssignment,
    TaskFile,
    TaskReview,
    TaskStatus,
    TaskSubmission,
)
from akademia.planning.models import Meeting, Plan
from akademia.planning.selectors import project_versions

# Giving the tasks: part of the participants' sync ------------------------------------------


@dataclass
class AssignResult:
    created: int = 0
    moved: int = 0


def due_dates(meetings: list[Meeting], last_days: int) -> dict[int, dt.date]:
    """Per module of one group's meetings, the last day to send its task: the day before the
    next meeting starts (never before its own meeting ends); the last module's `last_days` after
    its meeting."""
    ordered = sorted(meetings, key=lambda meeting: meeting.module)
    due = {}
    for meeting, following in zip(ordered, [*ordered[1:], None], strict=True):
        if following is None:
            due[meeting.module] = meeting.end_date + dt.timedelta(days=last_days)
        else:
            before = following.start_date - dt.timedelta(days=1)
            due[meeting.module] = max(before, meeting.end_date)
    return due


def _module_tasks(project, plans: dict[int, Plan]) -> dict[int, dict[int, object]]:
    """Per plan, the modules (by number, 1…) of the version it was planned for that have a
    task; the project's newest version when the plan does not say which."""
    versions = {v.pk: v for v in project_versions(project).prefetch_related("modules")}
    newest = next(iter(versions.values()), None)
    tasks = {}
    for plan in plans.values():
        version = versions.get((plan.parameters or {}).get("version")) or newest
        modules = sorted(version.modules.all(), key=lambda m: (m.order, m.pk)) if version else []
        tasks[plan.pk] = {
            number: module
            for number, module in enumerate(modules, start=1)
            if module.intersession_task.strip()
        }
    return tasks


def assign_tasks(project, groups) -> AssignResult:
    """Give each module's task to every team of the current `groups` that has someone taking
    part, due before the next meeting; a task given before keeps its text, and its due day
    follows meetings that moved (unless it is accepted). Idempotent, and a constant number of
    queries whatever the number of teams. Runs inside `participants_sync` (its audit entry)."""
    result = AssignResult()
    if not groups:
        return result
    plans = {p.pk: p for p in Plan.objects.filter(pk__in={g.plan_id for g in groups})}
    modules = _module_tasks(project, plans)
    meetings = defaultdict(list)
    for meeting in Meeting.objects.filter(group__in=groups):
        meetings[meeting.group_id].append(meeting)
    teams = set(
        Participant.objects.filter(group__in=groups, status=ParticipantStatus.ACTIVE).values_list(
            "group_id", "jst_id"
        )
    )
    existing = {
        (a.group_id, a.jst_id, a.module): a for a in TaskAssignment.objects.filter(group__in=groups)
    }
    new, moved = [], []
    for group in groups:
        due = due_dates(meetings[group.pk], settings.TASK_LAST_DUE_DAYS)
        for number, module in modules[group.plan_id].items():
            if number not in due:
                continue  # the plan has no meeting of this module
            for jst in group.teams.all():
                given = existing.get((group.pk, jst.pk, number))
                if given is None and (group.pk, jst.pk) in teams:
                    new.append(_assignment(group, jst, number, module, due[number]))
                elif given and given.due_on != due[number] and given.status != TaskStatus.ACCEPTED:
                    given.due_on = due[number]
                    moved.append(given)
    TaskAssignment.objects.bulk_create(new)
    TaskAssignment.objects.bulk_update(moved, ["due_on"])
    _check_overdue_after({a.due_on for a in new + moved})
    return AssignResult(created=len(new), moved=len(moved))


def _assignment(group, jst, number, module, due_on) -> TaskAssignment:
    return TaskAssignment(
        group=group,
        jst=jst,
        module=number,
        title=module.title,
        instructions=module.intersession_task.strip(),
        due_on=due_on,
    )


def _check_overdue_after(days: set[dt.date]) -> None:
    """Once this commits, have the worker look for overdue tasks the morning after each day."""
    if days:
        from akademia.delivery import tasks

        transaction.on_commit(lambda: tasks.check_overdue_after(sorted(days)), robust=True)


# The team sends its answer ------------------------------------------------------------------


def task_submit_blocker(assignment: TaskAssignment) -> str:
    """Why the team cannot send an answer now ("" when it can)."""
    if assignment.status == TaskStatus.SUBMITTED:
        return _("The answer is sent and waits for the trainer's review.")
    if assignment.status == TaskStatus.ACCEPTED:
        return _("The task is accepted; nothing more is needed.")
    return ""


def check_files(files) -> list[tuple[object, filetypes.Kind, str]]:
    """Each upload with its kind and safe name, or the refusal of the first that breaks a rule:
    how many, how large (both before anything is stored) and of what type by content."""
    limit, most = settings.TASK_FILE_MAX_BYTES, settings.TASK_FILES_MAX
    if len(files) > most:
        raise DomainError(
            ngettext(
                "Send at most %(count)d file with one answer.",
                "Send at most %(count)d files with one answer.",
                most,
            )
            % {"count": most},
            field="files",
        )
    checked = []
    for upload in files:
        name = filetypes.safe_name(upload.name or "")
        if upload.size > limit:
            sizes = {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            raise DomainError(
                _("The file “%(name)s” is too large (%(size)s): the limit is %(limit)s per file.")
                % ({"name": name} | sizes),
                field="files",
            )
        if upload.size == 0:
            raise DomainError(_("The file “%(name)s” is empty.") % {"name": name}, field="files")
        problem = filetypes.refusal(upload, name)
        if problem:
            raise DomainError(problem, field="files")
        checked.append((upload, filetypes.sniff(upload), name))
    return checked


@service
def task_submit(*, actor: Actor, assignment: TaskAssignment, text: str, files=()) -> TaskSubmission:
    """A new round of the team's answer: a text, files, or both. The JST's verified coordinator
    or one of the team's active participants sends it; every round is kept with its files."""
    require(
        actor,
        Capability.SUBMIT_TASKS,
        assignment,
        _("Only the team of this task, or its JST's coordinator, can send the answer."),
    )
    assignment = TaskAssignment.objects.select_for_update().get(pk=assignment.pk)
    blocker = task_submit_blocker(assignment)
    if blocker:
        raise DomainError(blocker)
    text, files = text.strip(), list(files)
    if not text and not files:
        raise DomainError(_("Write the answer or attach a file."), field="text")
    checked = check_files(files)
    submission = TaskSubmission.objects.create(
        assignment=assignment,
        round=assignment.submissions.count() + 1,
        text=text,
        submitted_by=audit.person(actor),
        submitted_at=timezone.now(),
    )
    _store(submission, checked)
    assignment.status = TaskStatus.SUBMITTED
    assignment.save(update_fields=["status"])
    audit.record(
        actor,
        "delivery.task.submitted",
        assignment,
        {"round": submission.round, "files": [name for _u, _k, name in checked]},
    )
    return submission


def _store(submission: TaskSubmission, checked) -> None:
    """Write the files under their random names; if anything fails, none of them stays."""
    stored = []
    try:
        for upload, kind, name in checked:
            row = TaskFile(
                submission=submission, name=name, content_type=kind.content_type, size=upload.size
            )
            upload.seek(0)
            row.file.save(name, upload, save=False)
            stored.append(row.file)
            row.save()
    except Exception:
        for file in stored:
            file.delete(save=False)
        raise


# The trainer reviews it ---------------------------------------------------------------------


def task_review_blocker(assignment: TaskAssignment) -> str:
    if assignment.status != TaskStatus.SUBMITTED:
        return _("There is no answer waiting for a review.")
    return ""


@service
def task_review(
    *, actor: Actor, assignment: TaskAssignment, decision: str, feedback: str = ""
) -> TaskReview:
    """The trainer of the group accepts the latest round, or returns it with what to correct
    (the team then sends a new round)."""
    require(
        actor,
        Capability.REVIEW_TASKS,
        assignment,
        _("Only the trainer of the group can review its tasks."),
    )
    assignment = TaskAssignment.objects.select_for_update().get(pk=assignment.pk)
    blocker = task_review_blocker(assignment)
    if blocker:
        raise DomainError(blocker)
    if decision not in ReviewDecision.values:
        raise DomainError(_("Choose a decision from the list."), field="decision")
    feedback = feedback.strip()
    if decision == ReviewDecision.RETURNED and not feedback:
        raise DomainError(_("Say what to correct when returning a task."), field="feedback")
    submission = assignment.submissions.order_by("-round").first()
    review = TaskReview.objects.create(
        submission=submission,
        decision=decision,
        feedback=feedback,
        reviewed_by=audit.person(actor),
        reviewed_at=timezone.now(),
    )
    accepted = decision == ReviewDecision.ACCEPTED
    assignment.status = TaskStatus.ACCEPTED if accepted else TaskStatus.RETURNED
    assignment.save(update_fields=["status"])
    audit.record(
        actor,
        "delivery.task.reviewed",
        assignment,
        {"round": submission.round, "decision": decision},
    )
    return review


# Overdue tasks --------------------------------------------------------------------------------


@service
def tasks_overdue_notify(*, actor: Actor, today: dt.date | None = None) -> int:
    """E-mail the JST's verified coordinators and the group's trainer once about each task of a
    current group that the team has not sent (or sent again) by its due day. The platform runs
    it (`SYSTEM`); run again, it sends nothing more (`overdue_notified_at`, the outbox's key
    `delivery.task_overdue:<task>:<person>`). Returns how many tasks it announced."""
    if actor is not SYSTEM:
        raise DomainError(_("You are not allowed to do this."))
    today = today or timezone.localdate()
    overdue = list(
        TaskAssignment.objects.select_for_update(of=("self",))
        .filter(
            status__in=TASK_TO_DO,
            due_on__lt=today,
            overdue_notified_at__isnull=True,
            group__active=True,
        )
        .select_related("group__project__voivodeship", "group__trainer__user", "jst")
        .order_by("pk")
    )
    if not overdue:
        return 0
    coordinators = defaultdict(list)
    for user in coordinators_of_jsts({a.jst_id for a in overdue}).order_by("pk"):
        coordinators[user.jst_id].append(user)
    emails = []
    for assignment in overdue:
        for user in _recipients(assignment, coordinators):
            language = user.language or settings.LANGUAGE_CODE
            subject, body = notifications.render_task_overdue(
                assignment=assignment, user=user, language=language
            )
            key = f"delivery.task_overdue:{assignment.pk}:{user.pk}"
            emails.append(outbox.Email(key=key, to=user.email, subject=subject, body=body))
        assignment.overdue_notified_at = timezone.now()
    outbox.queue_many(emails)
    TaskAssignment.objects.bulk_update(overdue, ["overdue_notified_at"])
    audit.record_many(actor, "delivery.task.overdue_notified", overdue)
    return len(overdue)


def _recipients(assignment: TaskAssignment, coordinators) -> list:
    people = list(coordinators.get(assignment.jst_id, ()))
    trainer = assignment.group.trainer
    user = trainer.user if trainer else None
    if user is not None and user.is_active and user.email:
        people.append(user)
    return people
