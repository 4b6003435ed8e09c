"""A training day's hours, and reopening its closed list.

The hours (from the settings' default day when the sync makes the day) are changed by whoever
marks the day; after the list is closed, only the regional operator changes anything: the
marks one by one (`attendance_change`), or the whole list, reopened with a reason, so the
trainer marks and closes it again. Every close, reopening and change of hours is a
TrainingDayEvent of the day's history, and audited.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.delivery.models import DayAction, TrainingDay, TrainingDayEvent


def _lock(day: TrainingDay) -> TrainingDay:
    return TrainingDay.objects.select_for_update().select_related("meeting__group").get(pk=day.pk)


@service
def day_hours_change(
    *, actor: Actor, day: TrainingDay, starts_at: dt.time, ends_at: dt.time
) -> TrainingDay:
    """The day's hours (the QR check-in's window, the list's PDF, the calendars): whoever marks
    an open day; a closed one only the regional operator."""
    day = _lock(day)
    if day.is_closed:
        require(
            actor,
            Capability.CORRECT_CLOSED_ATTENDANCE,
            day,
            _("The list of this day is closed: only the regional operator can change it."),
        )
    else:
        require(
            actor,
            Capability.MARK_ATTENDANCE,
            day,
            _("Only the trainer of this meeting changes its hours."),
        )
    if ends_at <= starts_at:
        raise DomainError(_("The classes end after they start."), field="ends_at")
    before = (day.starts_at, day.ends_at)
    if before == (starts_at, ends_at):
        raise DomainError(_("These are the hours already recorded."), field="starts_at")
    day.starts_at, day.ends_at = starts_at, ends_at
    day.save(update_fields=["starts_at", "ends_at"])
    TrainingDayEvent.objects.create(
        day=day,
        action=DayAction.HOURS,
        starts_at=starts_at,
        ends_at=ends_at,
        changed_by=actor,
        changed_at=timezone.now(),
    )
    audit.record(
        actor,
        "delivery.day.hours_changed",
        day,
        {
            "from": [t.isoformat("minutes") if t else None for t in before],
            "to": [starts_at.isoformat("minutes"), ends_at.isoformat("minutes")],
        },
    )
    return day


def day_reopen_blocker(day: TrainingDay) -> str:
    """Why the list cannot be reopened ("" when it can): only a closed list is."""
    if not day.is_closed:
        return _("The list of this day is open: there is nothing to reopen.")
    return ""


@service
def day_reopen(*, actor: Actor, day: TrainingDay, reason: str) -> TrainingDay:
    """The regional operator reopens a closed list, saying why: the trainer marks, changes and
    closes it again. The marks stay as they are; the history keeps who closed it and when."""
    require(
        actor,
        Capability.CORRECT_CLOSED_ATTENDANCE,
        day,
        _("Only the regional operator reopens a closed list."),
    )
    day = _lock(day)
    blocker = day_reopen_blocker(day)
    if blocker:
        raise DomainError(blocker)
    if not reason.strip():
        raise DomainError(_("Give the reason for reopening the list."), field="reason")
    closed_at, closed_by = day.closed_at, day.closed_by_id
    day.closed_at, day.closed_by = None, None
    day.save(update_fields=["closed_at", "closed_by"])
    TrainingDayEvent.objects.create(
        day=day,
        action=DayAction.REOPENED,
        reason=reason.strip(),
        changed_by=actor,
        changed_at=timezone.now(),
    )
    audit.record(
        actor,
        "delivery.day.reopened",
        day,
        {"reason": reason.strip(), "closed_at": closed_at.isoformat(), "closed_by": closed_by},
    )
    return day
