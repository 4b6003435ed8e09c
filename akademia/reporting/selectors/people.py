"""Who stands where on the way from application to certificate, counted in the database.

Each measure is one query grouped by the finest cell (project, kind of JST, profile, gender):
at most a few hundred rows whatever the number of people, which `Figures` then adds up by any
dimension. A person is counted by their place in the project (the enrolment), so a substitute
who took over a place, or a person moved to a newer plan's group, is one person.

- recruited: enrolled and not withdrawn (in the period: enrolled in it);
- started: attended at least one training day (in the period: attended a day of it);
- attending: takes part now, in a current group (in the period: took part in it);
- completed: still takes part and their group's training is over (in the period: it ended in it);
- certified: holds a certificate not revoked (in the period: issued in it).
"""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from akademia.accounts.permissions import visible
from akademia.delivery.models import ATTENDED, AttendanceMark, Certificate, ParticipantStatus
from akademia.delivery.selectors.attendance import report_participants_for
from akademia.planning.models import Meeting
from akademia.recruitment.models import Enrolment
from akademia.reporting.filters import Filters, narrow

MEASURES = ("recruited", "started", "attending", "completed", "certified")
CELL = ("cell_project", "cell_kind", "cell_profile", "cell_gender")


def participants_for(user, filters: Filters) -> QuerySet:
    """The participants of the user's scope, narrowed by the filters (any stage)."""
    rows = report_participants_for(user).order_by()
    return narrow(
        rows, filters, project="group__project_id", jst="jst", profile="enrolment__profile"
    )


def _by_cell(rows: QuerySet, prefix: str, counted: str) -> list[dict]:
    cells = rows.values(
        cell_project=F(f"{prefix}group__project_id"),
        cell_kind=F(f"{prefix}jst__kind"),
        cell_profile=F(f"{prefix}enrolment__profile"),
        cell_gender=F(f"{prefix}enrolment__member__gender"),
    )
    return list(cells.annotate(n=Count(counted, distinct=True)).order_by())


def enrolments_for(user, filters: Filters) -> QuerySet:
    """The places of the user's scope (not withdrawn), enrolled in the period."""
    rows = visible(Enrolment.objects.filter(withdrawn_at__isnull=True), user).order_by()
    return narrow(
        rows, filters, project="project_id", jst="jst", profile="profile", day="created_at__date"
    )


def attended_marks(filters: Filters) -> QuerySet:
    """Marks of attendance (present, late, left early), on days of the period."""
    marks = AttendanceMark.objects.filter(status__in=ATTENDED)
    return narrow(marks, filters, project="", jst="", profile="", day="day__date")


def _last_day():
    meetings = Meeting.objects.filter(group=OuterRef("group")).order_by("-end_date")
    return Subquery(meetings.values("end_date")[:1])


def stage_rows(user, filters: Filters, stage: str) -> QuerySet:
    """The participants (rows of delivery) at one stage, for counting and for the list."""
    rows = participants_for(user, filters)
    if stage == "started":
        marks = attended_marks(filters).filter(participant=OuterRef("pk"))
        return rows.filter(Exists(marks))
    if stage == "attending":
        rows = rows.filter(group__active=True)
        if filters.first_day:
            rows = rows.filter(Q(until__isnull=True) | Q(until__gt=filters.first_day))
        if filters.after_last_day:
            return rows.filter(since__lt=filters.after_last_day)
        return rows.filter(status=ParticipantStatus.ACTIVE)
    if stage == "completed":
        rows = rows.filter(status=ParticipantStatus.ACTIVE).annotate(last_day=_last_day())
        rows = rows.filter(last_day__lt=timezone.localdate())
        return narrow(rows, filters, project="", jst="", profile="", day="last_day")
    if stage == "certified":
        certificates = _certificates(filters).filter(participant=OuterRef("pk"))
        return rows.filter(Exists(certificates))
    raise ValueError(stage)


def _certificates(filters: Filters) -> QuerySet:
    rows = Certificate.objects.filter(revoked_at__isnull=True)
    return narrow(rows, filters, project="", jst="", profile="", day="issued_at__date")


def person_cells(user, filters: Filters) -> dict[str, list[dict]]:
    """Per measure, the counts of people per cell (project, JST kind, profile, gender)."""
    recruited = enrolments_for(user, filters).values(
        cell_project=F("project_id"),
        cell_kind=F("jst__kind"),
        cell_profile=F("profile"),
        cell_gender=F("member__gender"),
    )
    cells = {"recruited": list(recruited.annotate(n=Count("pk")).order_by())}
    for stage in MEASURES[1:]:
        cells[stage] = _by_cell(stage_rows(user, filters, stage), "", "enrolment_id")
    return cells


def jst_cells(user, filters: Filters) -> dict[str, list[dict]]:
    """Per project and JST kind: the JST reached (with a place enrolled) and the JST trained
    (with at least one person who attended)."""
    reached = enrolments_for(user, filters).values(
        cell_project=F("project_id"), cell_kind=F("jst__kind")
    )
    trained = stage_rows(user, filters, "started").values(
        cell_project=F("group__project_id"), cell_kind=F("jst__kind")
    )
    return {
        "jst": list(reached.annotate(n=Count("jst_id", distinct=True)).order_by()),
        "jst_trained": list(trained.annotate(n=Count("jst_id", distinct=True)).order_by()),
    }


def group_cells(user, filters: Filters) -> dict[str, list[dict]]:
    """Per training group (of a project's view): the people at each stage after enrolment."""
    cells = {}
    for stage in MEASURES[1:]:
        rows = stage_rows(user, filters, stage).values(
            cell_group=F("group_id"), cell_code=F("group__code"), cell_active=F("group__active")
        )
        cells[stage] = list(rows.annotate(n=Count("enrolment_id", distinct=True)).order_by())
    return cells
