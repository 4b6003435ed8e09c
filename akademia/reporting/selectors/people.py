"""Who stands where on the way from application to certificate, counted in the database.

The places enrolled are one query grouped by the finest cell (project, kind of JST, profile,
gender), the later stages another, each counted with its condition (`stage_condition`, which
the lists behind the figures read too): at most a few hundred rows whatever the number of
people, which the tables then add up by any dimension. A person is counted by their place in
the project (the enrolment), so a substitute who took over a place, or a person moved to a
newer plan's group, is one person.

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
from akademia.reporting.filters import Filters, narrow, narrowing

MEASURES = ("recruited", "started", "attending", "completed", "certified")
CELL = ("cell_project", "cell_kind", "cell_profile", "cell_gender")


def participants_for(user, filters: Filters) -> QuerySet:
    """The participants of the user's scope, narrowed by the filters (any stage)."""
    rows = report_participants_for(user).order_by()
    return narrow(
        rows, filters, project="group__project_id", jst="jst", profile="enrolment__profile"
    )


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


def stage_condition(filters: Filters, stage: str) -> Q:
    """What a participant row at `stage` meets (the only place each stage is defined); the
    completed stage reads the `group_last_day` annotation (`with_last_day`)."""
    if stage == "started":
        return Q(Exists(attended_marks(filters).filter(participant=OuterRef("pk"))))
    if stage == "attending":
        condition = Q(group__active=True)
        if filters.first_day:
            condition &= Q(until__isnull=True) | Q(until__gt=filters.first_day)
        if filters.after_last_day:
            return condition & Q(since__lt=filters.after_last_day)
        return condition & Q(status=ParticipantStatus.ACTIVE)
    if stage == "completed":
        condition = Q(status=ParticipantStatus.ACTIVE, group_last_day__lt=timezone.localdate())
        return condition & narrowing(filters, project="", jst="", profile="", day="group_last_day")
    if stage == "certified":
        return Q(Exists(_certificates(filters).filter(participant=OuterRef("pk"))))
    raise ValueError(stage)


def with_last_day(rows: QuerySet) -> QuerySet:
    """Participant rows with the last day of their group's training (`group_last_day`; the
    model's own `last_day` is the participant's)."""
    meetings = Meeting.objects.filter(group=OuterRef("group")).order_by("-end_date")
    return rows.annotate(group_last_day=Subquery(meetings.values("end_date")[:1]))


def stage_rows(user, filters: Filters, stage: str) -> QuerySet:
    """The participants (rows of delivery) at one stage, for counting and for the list."""
    rows = participants_for(user, filters)
    if stage == "completed":
        rows = with_last_day(rows)
    return rows.filter(stage_condition(filters, stage))


def stage_counts(filters: Filters) -> dict:
    """Aggregates counting the places (a regrouped person has a row per group) at each stage
    after enrolment, for one grouped query of participant rows `with_last_day`."""
    return {
        stage: Count("enrolment_id", distinct=True, filter=stage_condition(filters, stage))
        for stage in MEASURES[1:]
    }


def _split(rows: list[dict], stages) -> dict[str, list[dict]]:
    """Rows counting every stage → per stage, its cells with a count (`n`), as the tables read."""
    found = {stage: [] for stage in stages}
    for row in rows:
        key = {k: v for k, v in row.items() if k not in stages}
        for stage in stages:
            if row[stage]:
                found[stage].append(key | {"n": row[stage]})
    return found


def _certificates(filters: Filters) -> QuerySet:
    rows = Certificate.objects.filter(revoked_at__isnull=True)
    return narrow(rows, filters, project="", jst="", profile="", day="issued_at__date")


def person_cells(user, filters: Filters) -> dict[str, list[dict]]:
    """Per measure, the counts of people per cell (project, JST kind, profile, gender): the
    places enrolled, then every later stage counted by one query."""
    recruited = enrolments_for(user, filters).values(
        cell_project=F("project_id"),
        cell_kind=F("jst__kind"),
        cell_profile=F("profile"),
        cell_gender=F("member__gender"),
    )
    cells = {"recruited": list(recruited.annotate(n=Count("pk")).order_by())}
    rows = with_last_day(participants_for(user, filters)).values(
        cell_project=F("group__project_id"),
        cell_kind=F("jst__kind"),
        cell_profile=F("enrolment__profile"),
        cell_gender=F("enrolment__member__gender"),
    )
    counted = rows.annotate(**stage_counts(filters)).order_by()
    return cells | _split(list(counted), MEASURES[1:])


def jst_cells(user, filters: Filters) -> dict[str, list[dict]]:
    """Per project and JST kind: the JST reached (with a place enrolled) and the JST trained
    (with at least one person who attended)."""
    reached = enrolments_for(user, filters).values(
        cell_project=F("project_id"), cell_kind=F("jst__kind")
    )
    trained = participants_for(user, filters).values(
        cell_project=F("group__project_id"), cell_kind=F("jst__kind")
    )
    trained = trained.annotate(
        n=Count("jst_id", distinct=True, filter=stage_condition(filters, "started"))
    )
    return {
        "jst": list(reached.annotate(n=Count("jst_id", distinct=True)).order_by()),
        "jst_trained": [row for row in trained.order_by() if row["n"]],
    }


def group_cells(user, filters: Filters) -> dict[str, list[dict]]:
    """Per training group (of a project's view): the people at each stage after enrolment."""
    rows = with_last_day(participants_for(user, filters)).values(
        cell_group=F("group_id"), cell_code=F("group__code"), cell_active=F("group__active")
    )
    counted = rows.annotate(**stage_counts(filters)).order_by()
    return _split(list(counted), MEASURES[1:])
