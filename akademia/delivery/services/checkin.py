"""QR self check-in: a person of the day's group confirms their own attendance with the code
the trainer shows (`delivery/checkin.py` derives it), during the day's hours, on that day.

The mark goes through the attendance list's own saving (`attendance.apply_marks`), with a
`client_id` derived from the day and the person: however often they scan, it is applied once.
A person the trainer marked already keeps that mark (the page says which).
"""

import uuid
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.delivery import checkin, selectors
from akademia.delivery.models import Attendance, AttendanceMark, MarkSource, TrainingDay
from akademia.delivery.services.attendance import MarkInput, apply_marks

# The ids of self check-ins: uuid5 of the day and the person (a scan again is the same mark).
CHECK_IN_IDS = uuid.UUID("0b8c5f2e-5a57-4d0e-9a53-7f1c3e0d2a61")


@dataclass(frozen=True)
class CheckIn:
    """What became of a check-in: `saved`, `again` (this person checked in before) or `kept`
    (the trainer had marked them already: their mark stays)."""

    outcome: str
    mark: AttendanceMark


def check_in_id(day: TrainingDay, participant_pk: int) -> uuid.UUID:
    return uuid.uuid5(CHECK_IN_IDS, f"{day.pk}:{participant_pk}")


def _time(value) -> str:
    return time_format(value, "H:i")


def check_in_blocker(day: TrainingDay, now=None) -> str:
    """Why nobody can check in to this day now ("" when they can): a closed list, another day,
    outside the day's hours. The page says it before the code is even typed."""
    now = now or timezone.now()
    if day.is_closed:
        return _(
            "The attendance list of this day is closed: your attendance can no longer be "
            "confirmed with a code. Ask the trainer."
        )
    today = timezone.localdate(now)
    if day.date != today:
        return _(
            "This code is for %(day)s, and today is %(today)s: attendance is confirmed only with "
            "the code shown in the room on the day."
        ) % {
            "day": date_format(day.date, "j E Y"),
            "today": date_format(today, "j E Y"),
        }
    opens, closes = checkin.window(day)
    if now < opens:
        return _(
            "The check-in opens at %(opens)s (the classes start at %(start)s): scan the code "
            "again then."
        ) % {"opens": _time(timezone.localtime(opens)), "start": _time(day.hours[0])}
    if now > closes:
        return _(
            "The classes of this day ended at %(end)s: the code can no longer be used. If you "
            "were there, ask the trainer to mark you."
        ) % {"end": _time(day.hours[1])}
    return ""


@service
def attendance_check_in(*, actor: Actor, day: TrainingDay, code: str) -> CheckIn:
    """The person confirms their own attendance: "present", or "late" (with the time) past
    CHECKIN_LATE_AFTER_MINUTES after the start. Refused with a message, nothing recorded: a
    person not taking part that day, a closed list, another day, outside the hours (see
    `check_in_blocker`), an expired or wrong code (field `code`)."""
    day = TrainingDay.objects.select_for_update().select_related("meeting__group").get(pk=day.pk)
    participant = selectors.check_in_participant(actor, day)
    if participant is None:
        raise DomainError(_("You do not take part in this group on this day."))
    require(
        actor,
        Capability.SELF_CHECK_IN,
        participant,
        _("Only the participants of the group confirm their attendance with the code."),
    )
    now = timezone.now()
    blocker = check_in_blocker(day, now)
    if blocker:
        raise DomainError(blocker)
    code = checkin.clean(code)
    if not code:
        raise DomainError(_("Type the code shown under the QR code."), field="code")
    if not checkin.is_valid(day.pk, code, now):
        if checkin.was_valid_since(day.pk, code, checkin.window(day)[0], now):
            raise DomainError(
                _("This code has expired: it changes every minute. Scan the code shown now."),
                field="code",
            )
        raise DomainError(
            _("This is not the code of this day: check the digits, or scan the code again."),
            field="code",
        )
    late = now > checkin.late_from(day)
    status = Attendance.LATE if late else Attendance.PRESENT
    note = _time(timezone.localtime(now)) if late else ""
    client_id = check_in_id(day, participant.pk)
    (result,) = apply_marks(
        actor,
        day,
        [MarkInput(participant.pk, status, note, client_id)],
        source=MarkSource.SELF_CHECK_IN,
        action="delivery.attendance.checked_in",
    )
    mark = day.marks.get(participant=participant)
    outcome = {"saved": "saved", "again": "again"}.get(result.outcome, "kept")
    return CheckIn(outcome, mark)
