"""Reads of the QR self check-in and of a day's history (closed, reopened, its hours)."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from akademia.accounts.permissions import can, visible, visible_or_404
from akademia.accounts.roles import Capability
from akademia.delivery.models import AttendanceMark, Participant, TrainingDay, TrainingDayEvent


def check_in_day_for(user, pk: int) -> TrainingDay:
    """The day a person checks in to: in their scope, and of a group they have a place in
    (another group's day is 404, like a day that does not exist)."""
    day = visible_or_404(
        TrainingDay.objects.select_related("meeting__group__project", "meeting__group__venue"),
        user,
        pk=pk,
    )
    places = Participant.objects.filter(group_id=day.meeting.group_id, user=user)
    if not visible(places, user).exists():
        raise Http404
    return day


def check_in_participant(user, day: TrainingDay) -> Participant | None:
    """The user's own place in the day's group on that day (None: they do not take part then)."""
    places = Participant.objects.filter(
        Q(until__isnull=True) | Q(until__gt=day.date),
        group_id=day.meeting.group_id,
        user=user,
        since__lte=day.date,
    )
    return visible(places, user).order_by("pk").first()


def day_events_for(user, day: TrainingDay) -> QuerySet[TrainingDayEvent]:
    """The day's history: closed, reopened (with the reason), its hours changed."""
    events = TrainingDayEvent.objects.filter(day=day).select_related("changed_by")
    return visible(events, user).order_by("changed_at", "pk")


def may_show_code(user, day: TrainingDay) -> bool:
    """Whether the user shows the day's QR code: whoever marks it, on the day, while it is open."""
    return (
        not day.is_closed
        and day.date == timezone.localdate()
        and can(user, Capability.MARK_ATTENDANCE, day)
    )


def may_reopen(user, day: TrainingDay) -> bool:
    return day.is_closed and can(user, Capability.CORRECT_CLOSED_ATTENDANCE, day)


def may_change_hours(user, day: TrainingDay) -> bool:
    capability = (
        Capability.CORRECT_CLOSED_ATTENDANCE if day.is_closed else Capability.MARK_ATTENDANCE
    )
    return can(user, capability, day)


def own_mark(user, day: TrainingDay, participant: Participant | None) -> AttendanceMark | None:
    """The person's own mark of the day, if any (what the check-in page confirms)."""
    if participant is None:
        return None
    marks = AttendanceMark.objects.filter(day=day, participant=participant)
    return visible(marks, user).first()
