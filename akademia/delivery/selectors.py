"""Reads of delivery, scoped by the permission layer (`accounts.permissions.visible`).

Participants and marks declare a `teacher` path (a trainer sees the groups they teach), a `jst`
path (a verified coordinator sees their JST's people) and a `person` path (a participant sees
only themselves); operators see their voivodeships. The second half reads what the services
check; those take objects the caller already found in its scope.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from akademia.accounts.permissions import can, get_or_404, visible, visible_or_404
from akademia.accounts.roles import Capability
from akademia.accounts.selectors import advisors_of, coordinators_of_jsts
from akademia.core.collation import polish, polish_alphabet_key
from akademia.core.models import Job, JobStatus, OutboxEmail
from akademia.delivery import hours
from akademia.delivery.models import (
    EDITABLE_ADVISORY,
    TAKES_TIME,
    TASK_TO_DO,
    AdvisoryAssignment,
    AdvisoryChange,
    AdvisorySession,
    AdvisoryStatus,
    AttendanceChange,
    AttendanceMark,
    CalendarFeed,
    Certificate,
    CompletionRules,
    Participant,
    ParticipantStatus,
    SessionMode,
    TaskAssignment,
    TaskFile,
    TaskStatus,
    TaskSubmission,
    TrainingDay,
)
from akademia.planning import selectors as planning_selectors
from akademia.planning.models import Meeting, Plan, PlanStatus, Trainer, TrainingGroup, Venue
from akademia.programmes.models import AdvisoryMode, ProgrammeVersion
from akademia.recruitment.models import Enrolment, Project
from akademia.territory.models import Jst, Voivodeship

ISSUE_JOB = "delivery.issue_certificates"  # the job kind that issues a group's certificates

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
    days = TrainingDay.objects.select_related(
        "meeting__group__project",
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
        "participant__jst", "day__meeting__group__project", "marked_by"
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
    days = defaultdict(list)
    rows = TrainingDay.objects.filter(meeting__group__in=participants.values("group_id"))
    for day_id, group_id, date in rows.values_list("pk", "meeting__group_id", "date"):
        days[group_id].append((day_id, date))
    marks = AttendanceMark.objects.filter(participant__in=participants.values("pk"))
    found = {
        (p, d): status for p, d, status in marks.values_list("participant_id", "day_id", "status")
    }
    return days, found


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


# Completion and certificates -------------------------------------------------------------------


def group_version(group: TrainingGroup) -> ProgrammeVersion | None:
    """The programme version a group is trained in: the one its plan was made for (the
    planner's `version` parameter), else the newest its project's calls offer (the planner's
    default)."""
    versions = planning_selectors.project_versions(group.project).select_related("programme")
    chosen = (group.plan.parameters or {}).get("version")
    version = versions.filter(pk=chosen).first() if chosen else None
    return version or versions.first()


def completion_rules_of(version: ProgrammeVersion) -> CompletionRules:
    """The version's rules, or the defaults (an unsaved row) when nobody set them."""
    rules = CompletionRules.objects.filter(version=version).first()
    rules = rules or CompletionRules(version=version)
    rules.version = version
    return rules


def version_get_for(user, pk: int) -> ProgrammeVersion:
    versions = ProgrammeVersion.objects.select_related("programme")
    return visible_or_404(versions, user, pk=pk)


def completion_participants(group: TrainingGroup) -> QuerySet[Participant]:
    """Everyone of the group, as completion reads them (the services' and the job's view)."""
    rows = Participant.objects.filter(group=group).select_related(
        "group__project", "group__venue", "jst", "user"
    )
    return rows.order_by("jst__name", "full_name", "since", "pk")


def completion_participants_for(user, group: TrainingGroup) -> QuerySet[Participant]:
    return visible(completion_participants(group), user)


def certificates_by_participant(participants, version) -> dict[int, Certificate]:
    rows = Certificate.objects.filter(participant__in=participants.values("pk"), version=version)
    return {row.participant_id: row for row in rows}


def certificate_get_for(user, pk: int) -> Certificate:
    rows = Certificate.objects.select_related("participant__group__project", "revoked_by")
    return visible_or_404(rows, user, pk=pk)


def certificate_download_for(user, pk: int) -> Certificate:
    """A certificate to download: in the user's scope (a participant: their own) and valid;
    a revoked one is no longer handed out."""
    rows = Certificate.objects.filter(revoked_at__isnull=True)
    return visible_or_404(rows, user, pk=pk)


# What the public verification page shows, and nothing more (no e-mail, JST or other person).
PUBLIC_FIELDS = (
    "number",
    "full_name",
    "programme_title",
    "version_number",
    "hours",
    "first_day",
    "last_day",
    "issuer",
    "issued_at",
    "revoked_at",
)


def certificate_public(number: str) -> Certificate | None:
    """The certificate with this number, or None: one query, the same for any number (a wrong
    number costs what a right one does)."""
    return Certificate.objects.only(*PUBLIC_FIELDS).filter(number=number).first()


def certificate_of(participant: Participant, version) -> Certificate | None:
    return Certificate.objects.filter(participant=participant, version=version).first()


def participant_locked(pk: int) -> Participant:
    """The participant's row, locked until the transaction ends: two runs issuing the same
    certificate wait for each other here (then the second finds it)."""
    rows = Participant.objects.select_for_update(of=("self",))
    return rows.select_related("group__project", "jst", "user").get(pk=pk)


def certificate_locked(pk: int) -> Certificate:
    return Certificate.objects.select_for_update().get(pk=pk)


def group_locked(pk: int) -> TrainingGroup:
    groups = TrainingGroup.objects.select_for_update(of=("self",))
    return groups.select_related("project", "plan").get(pk=pk)


def group_for_job(pk: int) -> TrainingGroup:
    return TrainingGroup.objects.select_related("project", "plan").get(pk=pk)


def issuing_job(group: TrainingGroup) -> Job | None:
    """A job issuing the group's certificates that has not finished."""
    jobs = Job.objects.filter(
        kind=ISSUE_JOB, params__group=group.pk, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
    )
    return jobs.order_by("-created_at").first()


def certificate_facts(participant: Participant, version: ProgrammeVersion) -> dict:
    """What a certificate of this person says: their days (first and last, within their
    period) and the modules of the meetings they had, with the hours of each."""
    days = TrainingDay.objects.filter(meeting__group_id=participant.group_id)
    dates = [d for d in days.values_list("date", flat=True) if participant.takes_part_on(d)]
    numbers = set(days.filter(date__in=dates).values_list("meeting__module", flat=True).distinct())
    modules = list(version.modules.order_by("order"))
    rows = [
        {"title": module.title, "hours": str(module.hours)}
        for number, module in enumerate(modules, start=1)
        if number in numbers
    ]
    return {
        "first_day": min(dates),
        "last_day": max(dates),
        "modules": rows,
        "hours": sum((Decimal(row["hours"]) for row in rows), Decimal(0)),
    }


# Calendars (a person's meetings: list, month, iCalendar feed) ----------------------------------


def calendar_meetings_for(
    user, first: dt.date | None = None, last: dt.date | None = None
) -> QuerySet[Meeting]:
    """The current meetings of the user's calendar that overlap `first`..`last`: a participant
    those of their own places, within the period they take part; anyone else those of their
    scope (a trainer the meetings they teach, a coordinator their JST's groups', an operator
    their voivodeships'). Each with its group, project, place, trainer, days and `sequence`
    (how many times it changed), in a constant number of queries."""
    meetings = Meeting.objects.filter(group__active=True)
    if first is not None:
        meetings = meetings.filter(end_date__gte=first)
    if last is not None:
        meetings = meetings.filter(start_date__lte=last)
    if can(user, Capability.SEE_OWN_TRAINING):
        own = visible(Participant.objects.filter(user=user), user)
        own = own.filter(group=OuterRef("group"), since__lte=OuterRef("end_date"))
        own = own.filter(Q(until__isnull=True) | Q(until__gt=OuterRef("start_date")))
        meetings = meetings.filter(Exists(own))
    else:
        meetings = visible(meetings, user)
    meetings = meetings.select_related(
        "group__project", "group__venue", "group__trainer", "venue", "trainer"
    ).annotate(
        sequence=Coalesce("revision__sequence", Value(0)),
        revised_at=F("revision__changed_at"),
    )
    days = Prefetch("days", queryset=TrainingDay.objects.order_by("date"))
    return meetings.prefetch_related(days).order_by("start_date", "group__code", "module", "pk")


def calendar_feed_of(user) -> CalendarFeed | None:
    """The user's own calendar address, if they made one."""
    return visible(CalendarFeed.objects.filter(user=user), user).first()


def calendar_feed_by_token(token: str) -> CalendarFeed | None:
    """The feed a secret address names (no account: calendar programs), if its person may
    still see a calendar."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not can(feed.user, Capability.SEE_CALENDAR):
        return None
    return feed


def meeting_get_for(user, pk: int) -> Meeting:
    meetings = Meeting.objects.select_related(
        "group__project", "group__venue", "group__trainer", "venue", "trainer", "group__plan"
    )
    return visible_or_404(meetings, user, pk=pk)


def meeting_change_choices(meeting: Meeting) -> dict:
    """The venues and trainers a meeting may move to: its project's (those in use first)."""
    project = meeting.group.project_id
    return {
        "venues": Venue.objects.filter(project=project).order_by("-active", "name"),
        "trainers": Trainer.objects.filter(project=project).order_by("-active", "name"),
    }


def meeting_people(meeting: Meeting, trainers: list[Trainer | None]) -> list:
    """The accounts a change of the meeting concerns, each once: the group's active
    participants, the `trainers` (before and after the change) and the group's main trainer
    with an account, and the verified coordinators of the group's teams."""
    people = {}
    participants = Participant.objects.filter(
        group_id=meeting.group_id, status=ParticipantStatus.ACTIVE
    ).select_related("user")
    for participant in participants.order_by("full_name", "pk"):
        people.setdefault(participant.user_id, participant.user)
    for trainer in [*trainers, meeting.group.trainer]:
        if trainer is not None and trainer.user_id is not None:
            people.setdefault(trainer.user_id, trainer.user)
    for coordinator in coordinators_of_jsts(meeting.group.teams.all()).order_by("pk"):
        people.setdefault(coordinator.pk, coordinator)
    return [user for user in people.values() if user.is_active and user.email]


def reminder_meetings(first: dt.date, last: dt.date) -> QuerySet[Meeting]:
    """The current meetings starting between `first` and `last`, with what a reminder names."""
    meetings = Meeting.objects.filter(group__active=True, start_date__range=(first, last))
    return meetings.select_related(
        "group__project__voivodeship",
        "group__venue",
        "venue",
        "trainer__user",
        "group__trainer__user",
    ).order_by("start_date", "pk")


def reminder_participants(meetings) -> dict[int, list[Participant]]:
    """Per group, the active participants of these meetings' groups (with their accounts)."""
    rows = Participant.objects.filter(
        group__in={m.group_id for m in meetings}, status=ParticipantStatus.ACTIVE
    ).select_related("user")
    by_group = defaultdict(list)
    for participant in rows.order_by("pk"):
        by_group[participant.group_id].append(participant)
    return by_group


def queued_keys(keys: list[str]) -> set[str]:
    """Which of these outbox keys were queued already (a task run twice queues nothing new)."""
    return set(OutboxEmail.objects.filter(key__in=keys).values_list("key", flat=True))


# Advisory support (doradztwo) ------------------------------------------------------------------
#
# An advisor (a trainer) sees the JST assigned to them (the `teacher` path), a verified
# coordinator their JST's (`jst`), an operator their voivodeships'; a participant nothing.


def advisory_dues(projects) -> dict[int, tuple[Decimal, str]]:
    """Per project (by id): the hours due to each of its JST and where they may take place (a
    programmes.AdvisoryMode value: office, remote or both), from the programme version its
    published plan was made for, else the newest its calls offer (the planner's default). Two
    queries for any number of projects."""
    ids = [project.pk for project in projects]
    plans = Plan.objects.filter(project_id__in=ids, status=PlanStatus.PUBLISHED)
    chosen = {
        pk: (params or {}).get("version")
        for pk, params in plans.values_list("project_id", "parameters")
    }
    offered: dict[int, dict[int, ProgrammeVersion]] = defaultdict(dict)
    versions = ProgrammeVersion.objects.filter(recruitment_calls__project_id__in=ids)
    for version in versions.annotate(project_id=F("recruitment_calls__project_id")).order_by("-pk"):
        offered[version.project_id].setdefault(version.pk, version)
    dues = {}
    for pk in ids:
        version = offered[pk].get(chosen.get(pk)) or next(iter(offered[pk].values()), None)
        dues[pk] = (
            (Decimal(version.advisory_hours), version.advisory_mode)
            if version
            else (Decimal(0), AdvisoryMode.BOTH)
        )
    return dues


def advisory_due(project: Project) -> tuple[Decimal, str]:
    """`advisory_dues` of one project."""
    return advisory_dues([project])[project.pk]


def advisory_assignments_for(user, *, project: int | None = None) -> QuerySet[AdvisoryAssignment]:
    rows = AdvisoryAssignment.objects.select_related("project", "jst", "advisor")
    if project:
        rows = rows.filter(project_id=project)
    return visible(rows, user).order_by(polish("project__name"), polish("jst__name"), "pk")


def advisory_assignment_get_for(user, pk: int) -> AdvisoryAssignment:
    rows = AdvisoryAssignment.objects.select_related("project__voivodeship", "jst", "advisor")
    return visible_or_404(rows, user, pk=pk)


def advisory_sessions_for(
    user, *, assignment: AdvisoryAssignment | None = None, project: int | None = None
) -> QuerySet[AdvisorySession]:
    """Entries of the user's scope (of one JST's assignment or one project), by date."""
    rows = AdvisorySession.objects.select_related(
        "assignment__project", "assignment__jst", "advisor"
    )
    if assignment is not None:
        rows = rows.filter(assignment=assignment)
    if project:
        rows = rows.filter(assignment__project_id=project)
    return visible(rows, user).order_by("date", "pk")


def advisory_session_get_for(user, pk: int) -> AdvisorySession:
    rows = AdvisorySession.objects.select_related(
        "assignment__project", "assignment__jst", "assignment__advisor", "advisor", "changed_by"
    )
    return visible_or_404(rows, user, pk=pk)


def advisory_history_for(user, session: AdvisorySession) -> QuerySet[AdvisoryChange]:
    changes = AdvisoryChange.objects.filter(session=session).select_related("changed_by")
    return visible(changes, user).order_by("version")


def advisory_to_confirm_for(user) -> QuerySet[AdvisorySession]:
    """Entries waiting for this coordinator's confirmation (none for anyone else)."""
    if not can(user, Capability.CONFIRM_ADVISORY):
        return AdvisorySession.objects.none()
    return advisory_sessions_for(user).filter(status=AdvisoryStatus.REPORTED)


def advisory_upcoming_for(user) -> QuerySet[AdvisorySession]:
    """An advisor's planned entries from today on (their next visits)."""
    if not can(user, Capability.LOG_ADVISORY):
        return AdvisorySession.objects.none()
    rows = advisory_sessions_for(user).filter(advisor=user, status=AdvisoryStatus.PLANNED)
    return rows.filter(date__gte=timezone.localdate())


def advisory_projects_for(user) -> QuerySet[Project]:
    """The projects whose advisors the user may assign (an operator's, with enrolled JST)."""
    if not can(user, Capability.ASSIGN_ADVISORS):
        return Project.objects.none()
    projects = Project.objects.filter(enrolments__withdrawn_at__isnull=True).distinct()
    return visible(projects, user).order_by(polish("name"))


def advisory_project_get_for(user, pk: int) -> Project:
    return get_or_404(advisory_projects_for(user), pk=pk)


def advisory_jsts(project: Project) -> QuerySet[Jst]:
    """The JST due advisory in a project: those with an enrolment not withdrawn."""
    enrolled = Enrolment.objects.filter(project=project, withdrawn_at__isnull=True)
    return Jst.objects.filter(pk__in=enrolled.values("jst_id")).order_by(polish("name"), "code")


def advisor_choices(project: Project) -> QuerySet:
    """Who may advise the project's JST: the trainers of their voivodeships."""
    voivodeships = advisory_jsts(project).values("voivodeship_id")
    return advisors_of(Voivodeship.objects.filter(pk__in=voivodeships))


def advisor_works_in(advisor, voivodeship_id: int) -> bool:
    """Whether a trainer works in the voivodeship (what an advisor of its JST must)."""
    return advisor.voivodeships.filter(pk=voivodeship_id).exists()


def is_enrolled(project: Project, jst: Jst) -> bool:
    return advisory_jsts(project).filter(pk=jst.pk).exists()


def advisor_hours_on(advisor, date: dt.date, *, besides: int | None = None) -> Decimal:
    """The hours an advisor has entered (planned or held, not cancelled) on one day, in any
    JST, leaving out the entry `besides` (the one being changed)."""
    rows = AdvisorySession.objects.filter(advisor=advisor, date=date, status__in=TAKES_TIME)
    if besides:
        rows = rows.exclude(pk=besides)
    return rows.aggregate(total=Sum("hours"))["total"] or Decimal(0)


def may_log_advisory(user, assignment: AdvisoryAssignment) -> bool:
    """The JST's current advisor adds its entries."""
    return assignment.advisor_id == user.pk and can(user, Capability.LOG_ADVISORY, assignment)


def may_edit_session(user, session: AdvisorySession) -> bool:
    """The entry's advisor changes it while it is planned, awaits confirmation or is disputed."""
    return (
        session.advisor_id == user.pk
        and session.status in EDITABLE_ADVISORY
        and can(user, Capability.LOG_ADVISORY, session)
    )


def may_confirm_session(user, session: AdvisorySession) -> bool:
    """The JST's verified coordinator confirms or disputes a reported entry."""
    return session.status == AdvisoryStatus.REPORTED and can(
        user, Capability.CONFIRM_ADVISORY, session
    )


@dataclass(frozen=True)
class AdvisoryEvent:
    """One advisory visit or session for a calendar (docs/delivery.md, "Advisory support").

    `uid` stays the same whatever changes in the entry (an iCal UID); `sequence` grows with each
    change (iCal SEQUENCE). A day's entry has no time of day: a calendar shows it all day."""

    uid: str
    date: dt.date
    hours: Decimal
    title: str
    place: str
    status: str
    status_label: str
    sequence: int
    url: str


def advisory_events_for(user, start: dt.date, end: dt.date) -> list[AdvisoryEvent]:
    """The advisory visits and sessions of the user's calendar from `start` to `end` (both
    included), not cancelled: an advisor's JST, a coordinator's JST, an operator's
    voivodeships; nothing for anyone else. Titles are in the active language."""
    if not can(user, Capability.SEE_ADVISORY):
        return []
    rows = advisory_sessions_for(user).filter(date__gte=start, date__lte=end)
    return [_event(session) for session in rows.exclude(status=AdvisoryStatus.CANCELLED)]


def _event(session: AdvisorySession) -> AdvisoryEvent:
    jst = session.assignment.jst.name
    office = session.mode == SessionMode.OFFICE
    return AdvisoryEvent(
        uid=f"advisory-{session.pk}@akademia",
        date=session.date,
        hours=session.hours,
        title=gettext("Advisory: %(jst)s, %(topic)s") % {"jst": jst, "topic": session.topic},
        place=gettext("JST office: %(jst)s") % {"jst": jst} if office else gettext("remote"),
        status=session.status,
        status_label=session.get_status_display(),
        sequence=session.version,
        url=reverse("delivery:advisory-session", args=[session.pk]),
    )


def advisory_sums_for(user, *, project: int | None = None) -> list[dict]:
    """The hours of the user's scope per assignment, advisor and status, in one query:
    {assignment_id, advisor_id, advisor__full_name, status, total}."""
    rows = advisory_sessions_for(user, project=project).order_by()
    return list(
        rows.values("assignment_id", "advisor_id", "advisor__full_name", "status").annotate(
            total=Sum("hours")
        )
    )


def advisory_unassigned_for(user, *, project: int | None = None) -> list[tuple[Project, Jst]]:
    """For an operator: the enrolled JST of their projects that have no advisor yet."""
    if not can(user, Capability.ASSIGN_ADVISORS):
        return []
    enrolments = Enrolment.objects.filter(withdrawn_at__isnull=True)
    if project:
        enrolments = enrolments.filter(project_id=project)
    enrolled = set(visible(enrolments, user).values_list("project_id", "jst_id"))
    assigned = AdvisoryAssignment.objects.filter(project_id__in={p for p, _j in enrolled})
    pairs = enrolled - set(assigned.values_list("project_id", "jst_id"))
    projects = Project.objects.in_bulk({p for p, _j in pairs})
    jsts = Jst.objects.in_bulk({j for _p, j in pairs})
    return [(projects[p], jsts[j]) for p, j in pairs]


def advisory_report_projects_for(user) -> QuerySet[Project]:
    """The projects the user's advisory report may be narrowed to."""
    assigned = visible(AdvisoryAssignment.objects.all(), user).values("project_id")
    return Project.objects.filter(
        Q(pk__in=assigned) | Q(pk__in=advisory_projects_for(user).values("pk"))
    ).order_by(polish("name"))


def advisory_report_for(user, *, project: int | None = None) -> hours.AdvisoryReport:
    """Hours due, confirmed, awaiting and planned per JST, advisor and project of the user's
    scope (optionally one project), in a few queries plus two per project."""
    assignments = list(advisory_assignments_for(user, project=project))
    unassigned = advisory_unassigned_for(user, project=project)
    projects = {a.project for a in assignments} | {p for p, _jst in unassigned}
    dues = {pk: due for pk, (due, _mode) in advisory_dues(projects).items()}
    return hours.build(assignments, unassigned, advisory_sums_for(user, project=project), dues)


def advisory_assignment_hours(assignment: AdvisoryAssignment) -> hours.Hours:
    """One JST's hours (an assignment already in the reader's scope): due, and of all its
    entries, whoever made them, confirmed, awaiting and planned."""
    totals = hours.Hours(due=advisory_due(assignment.project)[0])
    rows = AdvisorySession.objects.filter(assignment=assignment).order_by()
    for row in rows.values("status").annotate(total=Sum("hours")):
        totals.count(row["status"], row["total"])
    return totals


def advisory_mode_choices(project: Project) -> list[tuple[str, str]]:
    """The forms an entry of the project may take: those its programme allows."""
    allowed = advisory_due(project)[1]
    return [
        (value, label)
        for value, label in SessionMode.choices
        if allowed == AdvisoryMode.BOTH or value == allowed
    ]
