"""Tasks between meetings (zadania między spotkaniami): lists, a group's table, rounds, files."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Q,
    QuerySet,
)
from django.utils import timezone

from akademia.accounts.permissions import visible, visible_or_404
from akademia.core.collation import polish_alphabet_key
from akademia.delivery.models import (
    TASK_TO_DO,
    TaskAssignment,
    TaskFile,
    TaskStatus,
    TaskSubmission,
)
from akademia.planning.models import TrainingGroup
from akademia.territory.models import Jst

# Tasks between meetings -------------------------------------------------------------------------


def _with_overdue(tasks: QuerySet[TaskAssignment]) -> QuerySet[TaskAssignment]:
    """Each task with `overdue`: the team has not sent it (or sent it again) by its due day."""
    late = Q(status__in=TASK_TO_DO, due_on__lt=timezone.localdate())
    return tasks.annotate(overdue=ExpressionWrapper(late, output_field=BooleanField()))


def task_list_for(user) -> QuerySet[TaskAssignment]:
    """The tasks of current groups in the user's scope (a team: its JST's; a trainer: of the
    groups they teach; an operator: of their voivodeships), by due day."""
    tasks = TaskAssignment.objects.filter(group__active=True).select_related(
        "group__project", "jst"
    )
    return _with_overdue(visible(tasks, user)).order_by(
        "due_on", "group__project__name", "group__code", "module", "jst__name"
    )


@dataclass(frozen=True)
class TaskGroupLine:
    group: TrainingGroup
    total: int
    to_review: int
    overdue: int
    accepted: int


def task_groups_for(user) -> list[TaskGroupLine]:
    """Per current group of the user's scope with tasks: how many there are, wait for a
    review, are overdue, are accepted (two queries whatever the number of groups)."""
    today = timezone.localdate()
    tasks = visible(TaskAssignment.objects.filter(group__active=True), user)
    counts = {
        row["group_id"]: row
        for row in tasks.order_by()
        .values("group_id")
        .annotate(
            total=Count("pk", distinct=True),
            to_review=Count("pk", filter=Q(status=TaskStatus.SUBMITTED), distinct=True),
            overdue=Count("pk", filter=Q(status__in=TASK_TO_DO, due_on__lt=today), distinct=True),
            accepted=Count("pk", filter=Q(status=TaskStatus.ACCEPTED), distinct=True),
        )
    }
    groups = TrainingGroup.objects.filter(pk__in=counts).select_related("project")
    return [
        TaskGroupLine(
            group,
            **{k: counts[group.pk][k] for k in ("total", "to_review", "overdue", "accepted")},
        )
        for group in groups.order_by("project__name", "code")
    ]


def task_group_get_for(user, pk: int) -> TrainingGroup:
    """A group whose tasks the user may read (the user's scope of groups)."""
    groups = TrainingGroup.objects.select_related("project", "trainer")
    return visible_or_404(groups, user, pk=pk)


@dataclass(frozen=True)
class TaskTable:
    """A group's tasks as a table: a row per team (JST), a cell per module (or None)."""

    modules: list[tuple[int, str]]
    rows: list[tuple[Jst, list[TaskAssignment | None]]]
    to_review: list[TaskAssignment]


def task_table_for(user, group: TrainingGroup) -> TaskTable:
    """The group's tasks the user may read (a team: only its own row), and those waiting for
    the trainer's review, oldest answer first."""
    tasks = TaskAssignment.objects.filter(group=group).select_related("jst")
    tasks = list(_with_overdue(visible(tasks, user)).order_by("module", "jst__name", "pk"))
    modules = sorted({(t.module, t.title) for t in tasks})
    cells: dict[int, dict[int, TaskAssignment]] = defaultdict(dict)
    teams = {}
    for task in tasks:
        cells[task.jst_id][task.module] = task
        teams[task.jst_id] = task.jst
    order = sorted(teams.values(), key=lambda jst: polish_alphabet_key(jst.name))
    rows = [(jst, [cells[jst.pk].get(number) for number, _title in modules]) for jst in order]
    waiting = [t for t in tasks if t.status == TaskStatus.SUBMITTED]
    return TaskTable(modules, rows, waiting)


def task_get_for(user, pk: int) -> TaskAssignment:
    tasks = TaskAssignment.objects.select_related(
        "group__project", "group__trainer", "group__venue", "jst"
    )
    return visible_or_404(_with_overdue(tasks), user, pk=pk)


def task_rounds(assignment: TaskAssignment) -> list[TaskSubmission]:
    """Every round of a task (found in the reader's scope), with its files and review."""
    rounds = assignment.submissions.select_related("submitted_by", "review__reviewed_by")
    return list(rounds.prefetch_related("files").order_by("round"))


def task_file_get_for(user, pk: int) -> TaskFile:
    """A file of a task's answer, for a reader of that task (404 for anyone else)."""
    return visible_or_404(TaskFile.objects.all(), user, pk=pk)


def home_tasks(user) -> dict:
    """The home panel: tasks of current groups in the user's scope still to do, overdue, and
    waiting for a review (one query)."""
    tasks = visible(TaskAssignment.objects.filter(group__active=True), user)
    today = timezone.localdate()
    return tasks.aggregate(
        to_do=Count("pk", filter=Q(status__in=TASK_TO_DO), distinct=True),
        overdue=Count("pk", filter=Q(status__in=TASK_TO_DO, due_on__lt=today), distinct=True),
        to_review=Count("pk", filter=Q(status=TaskStatus.SUBMITTED), distinct=True),
    )
