"""How well the training goes: attendance, tasks on time, advisory hours, and what the
surveys say (only surveys with at least `evaluation.results.MIN_ANSWERS` responses count, as
on evaluation's own pages; filters by kind and profile do not narrow anonymous answers)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from akademia.accounts.permissions import visible
from akademia.delivery.models import (
    ATTENDED,
    AdvisoryStatus,
    AttendanceMark,
    TaskStatus,
    TaskSubmission,
)
from akademia.delivery.selectors.advisory import advisory_dues, advisory_sessions_for
from akademia.delivery.selectors.tasks import task_list_for
from akademia.evaluation import results
from akademia.evaluation.models import Survey
from akademia.evaluation.selectors.gain import knowledge_gain
from akademia.evaluation.selectors.satisfaction import satisfaction
from akademia.reporting.filters import Filters, narrow


@dataclass
class Quality:
    marks: int = 0
    attended: int = 0
    tasks_due: int = 0
    tasks_on_time: int = 0
    hours_due: Decimal = Decimal(0)
    hours_confirmed: Decimal = Decimal(0)
    satisfaction: float | None = None
    satisfaction_answers: int = 0
    surveys_counted: int = 0
    gain: results.Gain | None = None  # the paired knowledge gain (None: no test counts)

    @staticmethod
    def _share(part, whole) -> int | None:
        return round(100 * part / whole) if whole else None

    @property
    def attendance_rate(self) -> int | None:
        return self._share(self.attended, self.marks)

    @property
    def tasks_rate(self) -> int | None:
        return self._share(self.tasks_on_time, self.tasks_due)

    @property
    def hours_rate(self) -> int | None:
        return self._share(self.hours_confirmed, self.hours_due)


def _attendance(user, filters: Filters, quality: Quality) -> None:
    marks = visible(AttendanceMark.objects.all(), user)
    marks = narrow(
        marks.order_by(),
        filters,
        project="participant__group__project_id",
        jst="participant__jst",
        profile="participant__enrolment__profile",
        day="day__date",
    )
    found = marks.aggregate(all=Count("pk"), attended=Count("pk", filter=Q(status__in=ATTENDED)))
    quality.marks, quality.attended = found["all"], found["attended"]


def _tasks(user, filters: Filters, today: dt.date, quality: Quality) -> None:
    tasks = narrow(
        task_list_for(user).order_by(),
        filters,
        project="group__project_id",
        jst="jst",
        profile="",
        day="due_on",
    ).filter(due_on__lt=today)
    in_time = TaskSubmission.objects.filter(
        assignment=OuterRef("pk"), submitted_at__date__lte=OuterRef("due_on")
    )
    found = tasks.annotate(in_time=Exists(in_time)).aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=Q(status=TaskStatus.ACCEPTED, in_time=True)),
    )
    quality.tasks_due, quality.tasks_on_time = found["due"], found["on_time"]


def _advisory(user, filters: Filters, projects, reached: dict[int, int], quality) -> None:
    sessions = narrow(
        advisory_sessions_for(user, project=filters.project).order_by(),
        filters,
        project="",
        jst="assignment__jst",
        profile="",
        day="date",
    )
    confirmed = sessions.filter(status=AdvisoryStatus.CONFIRMED).aggregate(h=Sum("hours"))["h"]
    dues = advisory_dues(projects)
    quality.hours_due = sum((dues[p.pk][0] * reached.get(p.pk, 0) for p in projects), Decimal(0))
    quality.hours_confirmed = confirmed or Decimal(0)


def _surveys(user, filters: Filters):
    """The surveys the user may read, narrowed by the project and the period (by the day each
    closes); what counts of them is evaluation's to decide."""
    return narrow(
        visible(Survey.objects.all(), user).order_by(),
        filters,
        project="group__project_id",
        jst="",
        profile="",
        day="closes_on",
    )


def _evaluation(user, filters: Filters, quality: Quality) -> None:
    surveys = _surveys(user, filters)
    # Both by evaluation, with its threshold and the same figures as its reports.
    rated = satisfaction(surveys)
    quality.satisfaction, quality.satisfaction_answers = rated.average, rated.answers
    quality.surveys_counted = rated.surveys
    quality.gain = knowledge_gain(surveys)


def quality_for(user, filters: Filters, projects, reached: dict[int, int], today) -> Quality:
    quality = Quality()
    _attendance(user, filters, quality)
    _tasks(user, filters, today, quality)
    _advisory(user, filters, projects, reached, quality)
    _evaluation(user, filters, quality)
    return quality
