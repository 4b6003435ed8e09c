"""Attendance lists: the trainer marks a day (from the tablet's queue or a plain form), changes a
mark with a reason, closes the day; after closing only an operator corrects it, with a reason.

Every version of a mark is an AttendanceChange row, never modified; a mark carrying the id its
browser gave it is applied once, however often the queue sends it (`client_id` is unique).
"""

import uuid
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.delivery import selectors
from akademia.delivery.models import (
    Attendance,
    AttendanceChange,
    AttendanceMark,
    DayAction,
    MarkSource,
    TrainingDay,
    TrainingDayEvent,
)

NOTE_MAX = 500


@dataclass(frozen=True)
class MarkInput:
    """One participant's mark as the list sends it."""

    participant_id: int
    status: str
    note: str = ""
    client_id: uuid.UUID | None = None


@dataclass(frozen=True)
class MarkResult:
    """What became of one mark: `saved`, `again` (its id was applied before), `unchanged` (the
    same mark is there already) or `refused` (with the message); only `refused` failed."""

    participant_id: int
    client_id: uuid.UUID | None
    outcome: str
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome != "refused"


def _lock_open_day(actor: Actor, day: TrainingDay) -> TrainingDay:
    require(
        actor,
        Capability.MARK_ATTENDANCE,
        day,
        _("Only the trainer of this meeting marks its attendance."),
    )
    day = TrainingDay.objects.select_for_update().select_related("meeting__group").get(pk=day.pk)
    if day.is_closed:
        raise DomainError(
            _("The list of this day is closed: only the regional operator can change it.")
        )
    if day.date > timezone.localdate():
        raise DomainError(_("Attendance is marked on the day or after it, not in advance."))
    return day


def _problem(mark: MarkInput) -> str:
    if mark.status not in Attendance.values:
        return _("Choose one of the attendance options.")
    if mark.status == Attendance.EXCUSED and not mark.note.strip():
        return _("Give the reason of the excused absence.")
    if len(mark.note) > NOTE_MAX:
        return _("The note is longer than %(max)d characters.") % {"max": NOTE_MAX}
    return ""


@service
def attendance_record(
    *, actor: Actor, day: TrainingDay, marks: list[MarkInput]
) -> list[MarkResult]:
    """The first marks of a day's list, in one transaction and a few queries.

    A mark whose `client_id` was applied before is not applied again (`again`); the same mark
    again is `unchanged`; a different one for someone already marked is refused (a change needs
    a reason: `attendance_change`), and so is one for a person not in the group that day. The
    others are saved, each with its first version; one audit entry tells how many.
    """
    day = _lock_open_day(actor, day)
    return apply_marks(actor, day, marks)


def apply_marks(
    actor: Actor,
    day: TrainingDay,
    marks: list[MarkInput],
    *,
    source: str = MarkSource.LIST,
    action: str = "delivery.attendance.marked",
) -> list[MarkResult]:
    """Save the first marks of a day already locked and checked by the calling service (the
    trainer's list, or a participant's self check-in: `source`); audited as `action`."""
    now = timezone.now()
    ids = [m.client_id for m in marks if m.client_id]
    applied = set(
        AttendanceChange.objects.filter(client_id__in=ids).values_list("client_id", flat=True)
    )
    people = {p.pk: p for p in selectors.day_participants(day)}
    current = {m.participant_id: m for m in day.marks.all()}
    results, created = [], []
    for mark in marks:
        outcome, message = _outcome(mark, applied, people, current)
        results.append(MarkResult(mark.participant_id, mark.client_id, outcome, message))
        if outcome != "saved":
            continue
        saved = AttendanceMark(
            day=day,
            participant=people[mark.participant_id],
            status=mark.status,
            note=mark.note.strip(),
            marked_by=actor,
            marked_at=now,
        )
        current[mark.participant_id] = saved
        created.append((saved, mark.client_id))
        if mark.client_id:
            applied.add(mark.client_id)
    if created:
        AttendanceMark.objects.bulk_create([saved for saved, _id in created])
        AttendanceChange.objects.bulk_create(
            AttendanceChange(
                mark=saved,
                version=1,
                status=saved.status,
                note=saved.note,
                client_id=client_id,
                source=source,
                changed_by=actor,
                changed_at=now,
            )
            for saved, client_id in created
        )
        data = {"marks": len(created)}
        if source != MarkSource.LIST:
            data |= {"source": source, "status": created[0][0].status}
        audit.record(actor, action, day, data)
    return results


def _outcome(mark: MarkInput, applied, people, current) -> tuple[str, str]:
    if mark.client_id and mark.client_id in applied:
        return "again", ""
    person = people.get(mark.participant_id)
    if person is None:
        return "refused", _("This person does not take part in the group on this day.")
    problem = _problem(mark)
    if problem:
        return "refused", problem
    existing = current.get(mark.participant_id)
    if existing is None:
        return "saved", ""
    if (existing.status, existing.note) == (mark.status, mark.note.strip()):
        return "unchanged", ""
    return "refused", _(
        "%(name)s is already marked as “%(status)s”: change the mark with a reason."
    ) % {"name": person.full_name, "status": existing.get_status_display()}


@service
def attendance_change(
    *, actor: Actor, mark: AttendanceMark, status: str, note: str, reason: str
) -> AttendanceMark:
    """Change a mark, saying why: a new version, the old ones kept. On an open day the trainer
    (or an operator) changes it; on a closed day only an operator of the project's region."""
    mark = (
        AttendanceMark.objects.select_for_update()
        .select_related("day", "participant")
        .get(pk=mark.pk)
    )
    day = mark.day
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
            _("Only the trainer of this meeting marks its attendance."),
        )
    problem = _problem(MarkInput(mark.participant_id, status, note))
    if problem:
        raise DomainError(problem, field="note" if status in Attendance.values else "status")
    if not reason.strip():
        raise DomainError(_("Give the reason for the change."), field="reason")
    before = mark.status
    if (before, mark.note) == (status, note.strip()):
        raise DomainError(_("This is the mark already recorded."), field="status")
    mark.status, mark.note, mark.version = status, note.strip(), mark.version + 1
    mark.marked_by, mark.marked_at = actor, timezone.now()
    mark.save(update_fields=["status", "note", "version", "marked_by", "marked_at"])
    AttendanceChange.objects.create(
        mark=mark,
        version=mark.version,
        status=mark.status,
        note=mark.note,
        reason=reason.strip(),
        changed_by=actor,
        changed_at=mark.marked_at,
    )
    audit.record(
        actor,
        "delivery.attendance.changed",
        mark,
        {"from": before, "to": status, "reason": reason.strip(), "closed_day": day.is_closed},
    )
    return mark


@service
def day_close(*, actor: Actor, day: TrainingDay) -> TrainingDay:
    """The trainer closes the day's list once everyone expected has a mark; from then on only
    the regional operator changes it (`attendance_change`, with a reason)."""
    day = _lock_open_day(actor, day)
    marked = set(day.marks.values_list("participant_id", flat=True))
    missing = [p.full_name for p in selectors.day_participants(day) if p.pk not in marked]
    if missing:
        raise DomainError(
            _("Mark everyone before closing the list; not marked yet: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    day.closed_at, day.closed_by = timezone.now(), actor
    day.save(update_fields=["closed_at", "closed_by"])
    TrainingDayEvent.objects.create(
        day=day, action=DayAction.CLOSED, changed_by=actor, changed_at=day.closed_at
    )
    audit.record(actor, "delivery.day.closed", day, {"marks": len(marked)})
    return day
