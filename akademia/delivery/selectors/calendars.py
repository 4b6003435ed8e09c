"""Calendars: a person's meetings (list, month, iCalendar feed), moves and reminders."""

import datetime as dt
from collections import defaultdict

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce

from akademia.accounts.permissions import can, visible, visible_or_404
from akademia.accounts.roles import Capability
from akademia.accounts.selectors import coordinators_of_jsts
from akademia.core.models import OutboxEmail
from akademia.delivery.models import (
    CalendarFeed,
    Participant,
    ParticipantStatus,
    TrainingDay,
)
from akademia.delivery.selectors.advisory import AdvisoryEvent, advisory_events_for
from akademia.planning.models import Meeting, Trainer, Venue

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


def calendar_advisory_for(
    user, first: dt.date, last: dt.date, *, cancelled: bool = False
) -> list[AdvisoryEvent]:
    """The advisory visits and sessions in the user's calendar from `first` to `last`: an
    advisor's (the JST assigned to them, and the entries they made) and a JST coordinator's
    (their JST's), as the issue asks; nobody else's calendar shows them (operators follow
    advisory on its pages, participants never see it). One query, titles in the active
    language; `cancelled` adds the cancelled ones (the feed marks them off)."""
    if not (can(user, Capability.LOG_ADVISORY) or can(user, Capability.CONFIRM_ADVISORY)):
        return []
    return advisory_events_for(user, first, last, cancelled=cancelled)


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
