"""The groups, days, lists and marks a user may see, and what the services and reports read."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Max,
    Min,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from akademia.accounts.permissions import can, visible, visible_or_404
from akademia.accounts.roles import Capability
from akademia.delivery.models import (
    AttendanceChange,
    AttendanceMark,
    Participant,
    TrainingDay,
)
from akademia.planning.models import TrainingGroup
from akademia.recruitment.models import Project
from akademia.territory.models import Jst

# What a user sees ------------------------------------------------------------------------------


def group_list_for(user) -> QuerySet[TrainingGroup]:
    """The current groups of the user's scope (a trainer: those they teach), with their days."""
    groups = TrainingGroup.objects.filter(active=True).select_related("project", "venue", "trainer")
    days = TrainingDay.objects.order_by("date")
    groups = groups.prefetch_related(Prefetch("meetings__days", queryset=days), "teams")
    return visible(groups, user).order_by("project__name", "code")


def group_get_for(user, pk: int) -> TrainingGroup:
    groups = TrainingGroup.objects.select_related("project", "venue", "trainer", "plan")
    return visible_or_404(groups, user, pk=pk)


def group_participants_for(user, group: TrainingGroup) -> QuerySet[Participant]:
    """Everyone who took part in the group, the people replaced and withdrawn too (history)."""
    participants = Participant.objects.filter(group=group).select_related(
        "jst", "replaces", "replaced_by"
    )
    return visible(participants, user).order_by("jst__name", "full_name", "since", "pk")


def group_days_for(user, group: TrainingGroup) -> QuerySet[TrainingDay]:
    days = TrainingDay.objects.filter(meeting__group=group).select_related("meeting")
    return visible(days, user).order_by("date", "pk")


def today_days_for(user) -> QuerySet[TrainingDay]:
    """The days of today in the user's scope: a trainer's lists to open first."""
    days = TrainingDay.objects.filter(date=timezone.localdate(), meeting__group__active=True)
    days = days.select_related("meeting__group__project", "meeting__group__venue")
    return visible(days, user).order_by("meeting__group__code")


def day_get_for(user, pk: int) -> TrainingDay:
    # The voivodeship too: the record of who viewed the day's list is filed under it.
    days = TrainingDay.objects.select_related(
        "meeting__group__project__voivodeship",
        "meeting__group__venue",
        "meeting__group__trainer",
        "meeting__trainer",
        "meeting__venue",
        "closed_by",
    )
    return visible_or_404(days, user, pk=pk)


@dataclass(frozen=True)
class SheetRow:
    """One line of a day's attendance list."""

    participant: Participant
    mark: AttendanceMark | None


def day_sheet_for(user, day: TrainingDay) -> list[SheetRow]:
    """The day's list as the user may read it: the people taking part that day (a coordinator:
    those of their JST) with their marks."""
    people = visible(day_participants(day), user)
    marks = {m.participant_id: m for m in day.marks.select_related("marked_by")}
    return [SheetRow(p, marks.get(p.pk)) for p in people]


def mark_get_for(user, pk: int) -> AttendanceMark:
    marks = AttendanceMark.objects.select_related(
        "participant__jst", "day__meeting__group__project__voivodeship", "marked_by"
    )
    return visible_or_404(marks, user, pk=pk)


def mark_history_for(user, mark: AttendanceMark) -> QuerySet[AttendanceChange]:
    changes = AttendanceChange.objects.filter(mark=mark).select_related("changed_by")
    return visible(changes, user).order_by("version")


def participant_get_for(user, pk: int) -> Participant:
    participants = Participant.objects.select_related("group__project", "jst", "user")
    return visible_or_404(participants, user, pk=pk)


def own_participations(user) -> QuerySet[Participant]:
    """ "Moje szkolenie": the user's own places in groups, newest first."""
    rows = Participant.objects.filter(user=user).select_related(
        "group__project", "group__venue", "jst"
    )
    return visible(rows, user).order_by("-since", "-pk")


def in_period(participant: Participant, day: TrainingDay) -> bool:
    return participant.takes_part_on(day.date)


def own_days(participations) -> dict[int, list[tuple[TrainingDay, AttendanceMark | None]]]:
    """Per participation (found in scope by `own_participations`), the days of its period with
    the person's marks."""
    rows = list(participations)
    groups = {p.group_id for p in rows}
    days = TrainingDay.objects.filter(meeting__group__in=groups).select_related("meeting")
    marks = {
        (m.participant_id, m.day_id): m for m in AttendanceMark.objects.filter(participant__in=rows)
    }
    by_group = defaultdict(list)
    for day in days.order_by("date"):
        by_group[day.meeting.group_id].append(day)
    return {
        p.pk: [
            (d, marks.get((p.pk, d.pk))) for d in by_group[p.group_id] if p.takes_part_on(d.date)
        ]
        for p in rows
    }


def report_participants_for(
    user, *, project: int | None = None, group: int | None = None, jst: int | None = None
) -> QuerySet[Participant]:
    """The participants a report covers: of the user's scope, optionally one project, group or
    JST (every place, also those ended, so replaced people stay in the report)."""
    rows = Participant.objects.select_related("group__project", "group__venue", "jst")
    if project:
        rows = rows.filter(group__project_id=project)
    if group:
        rows = rows.filter(group_id=group)
    if jst:
        rows = rows.filter(jst_id=jst)
    return visible(rows, user).order_by(
        "group__project__name", "group__code", "jst__name", "full_name", "since"
    )


def report_groups(ids) -> dict[int, TrainingGroup]:
    """The groups of a report (already the reader's scope: their ids come from the report's
    participants), with their project and venue."""
    groups = TrainingGroup.objects.filter(pk__in=ids).select_related("project", "venue")
    return {group.pk: group for group in groups}


def report_jsts(ids) -> dict[int, Jst]:
    """The JST of a report's participants (already the reader's scope)."""
    return Jst.objects.in_bulk(ids)


def report_choices(participants: QuerySet[Participant]) -> dict:
    """The projects, groups and JST a report may be narrowed to: those of these participants
    (already the reader's scope)."""
    groups = TrainingGroup.objects.filter(pk__in=participants.values("group_id"))
    return {
        "projects": Project.objects.filter(training_groups__in=groups).distinct().order_by("name"),
        "groups": groups.select_related("project").order_by("project__name", "code"),
        "jsts": Jst.objects.filter(pk__in=participants.values("jst_id")).order_by("name"),
    }


def may_change_marks(user, day: TrainingDay) -> bool:
    """Whether the user may change this day's marks now (the pages' "Change" links)."""
    capability = (
        Capability.CORRECT_CLOSED_ATTENDANCE if day.is_closed else Capability.MARK_ATTENDANCE
    )
    return can(user, capability, day)


def may_mark(user, day: TrainingDay) -> bool:
    """Whether the user may mark this day's list now: its trainer, on the day or after."""
    return (
        not day.is_closed
        and day.date <= timezone.localdate()
        and can(user, Capability.MARK_ATTENDANCE, day)
    )


# What the services and the reports read (objects already in the caller's scope) ---------------


def day_participants(day: TrainingDay) -> QuerySet[Participant]:
    """The people taking part in the day's group on that day (not replaced or withdrawn yet)."""
    people = Participant.objects.filter(group_id=day.meeting.group_id, since__lte=day.date)
    people = people.filter(Q(until__isnull=True) | Q(until__gt=day.date))
    return people.select_related("jst").order_by("jst__name", "full_name", "pk")


def training_period(group: TrainingGroup) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the group's meetings."""
    span = group.meetings.aggregate(first=Min("start_date"), last=Max("end_date"))
    return (span["first"], span["last"]) if span["first"] else None


def days_and_marks(participants: QuerySet[Participant]):
    """For reports: the days of the participants' groups (by group id: day id and date) and
    their marks (by participant and day id), in two queries whatever their number."""
    # No ordering: the models' default orders (a day by its date and group's code, a mark by
    # its day and participant) would join five tables to sort every mark of the scope.
    days = defaultdict(list)
    rows = TrainingDay.objects.filter(meeting__group__in=participants.values("group_id"))
    for day_id, group_id, date in rows.order_by().values_list("pk", "meeting__group_id", "date"):
        days[group_id].append((day_id, date))
    marks = AttendanceMark.objects.filter(participant__in=participants.values("pk")).order_by()
    found = {
        (p, d): status for p, d, status in marks.values_list("participant_id", "day_id", "status")
    }
    return days, found
