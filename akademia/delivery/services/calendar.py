"""Calendars: a person's secret feed address, what a moved meeting changes in delivery, and
the reminders before meetings.

* `calendar_feed_create` / `calendar_feed_regenerate`: the address of a person's iCalendar
  feed is a random token; a new one replaces it and the old address answers 404 at once.
* `on_meeting_changed` (planning's `meeting_changed` signal, inside `meeting_change`'s
  transaction): the meeting's days move with it, its SEQUENCE goes up, and the people it
  concerns get one e-mail each for this change (key `…:<user>:<change number>`).
* `reminders_queue` (the daily task): an e-mail DELIVERY_REMINDER_DAYS days before each
  meeting to its participants and trainer, once (key `delivery.reminder:<meeting>:<user>`).
"""

import datetime as dt
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit, outbox
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.delivery import notifications, selectors
from akademia.delivery.models import CalendarFeed, MeetingRevision, TrainingDay
from akademia.delivery.notifications import MeetingFacts
from akademia.planning.models import Trainer, Venue


def _token() -> str:
    return secrets.token_urlsafe(32)


@service
def calendar_feed_create(*, actor: Actor) -> CalendarFeed:
    """The person's feed address (made once; asking again returns the same)."""
    require(actor, Capability.SEE_CALENDAR)
    feed = CalendarFeed.objects.filter(user=actor).first()
    if feed is not None:
        return feed
    feed = CalendarFeed.objects.create(user=actor, token=_token(), created_at=timezone.now())
    audit.record(actor, "delivery.calendar.created", feed)  # never the token
    return feed


def calendar_feed_regenerate_blocker(feed: CalendarFeed | None) -> str:
    if feed is None:
        return _("You have no calendar address yet: make one on the calendar page.")
    return ""


@service
def calendar_feed_regenerate(*, actor: Actor) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    require(actor, Capability.SEE_CALENDAR)
    feed = CalendarFeed.objects.select_for_update().filter(user=actor).first()
    blocker = calendar_feed_regenerate_blocker(feed)
    if blocker:
        raise DomainError(blocker)
    feed.token = _token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    audit.record(actor, "delivery.calendar.regenerated", feed)
    return feed


# A meeting moved (planning.services.meeting_change) --------------------------------------------


def on_meeting_changed(sender, *, meeting, before: dict, reason: str, actor, **kwargs) -> None:
    """Planning's `meeting_changed`, received inside its service's transaction (audited
    there): move the days, count the change, e-mail the people concerned."""
    _move_days(meeting, dt.date.fromisoformat(before["start_date"]))
    number = _bump_revision(meeting)
    old_trainer = Trainer.objects.filter(pk=before["trainer"]).select_related("user").first()
    facts_before = MeetingFacts.of(
        meeting,
        first=dt.date.fromisoformat(before["start_date"]),
        last=dt.date.fromisoformat(before["end_date"]),
        venue=Venue.objects.get(pk=before["venue"]),
        trainer=old_trainer,
    )
    queue_meeting_changed(meeting, facts_before, reason, number, old_trainer)


def _move_days(meeting, old_start: dt.date) -> None:
    """Each day keeps its hours and moves by the meeting's shift; updated from the far end so
    that no two days of the meeting share a date on the way (a unique constraint)."""
    shift = meeting.start_date - old_start
    if not shift:
        return
    days = list(TrainingDay.objects.filter(meeting=meeting).order_by("date"))
    for day in reversed(days) if shift > dt.timedelta(0) else days:
        day.date += shift
        day.save(update_fields=["date"])


def _bump_revision(meeting) -> int:
    revision, _created = MeetingRevision.objects.select_for_update().get_or_create(
        meeting=meeting, defaults={"changed_at": timezone.now()}
    )
    revision.sequence += 1
    revision.changed_at = timezone.now()
    revision.save(update_fields=["sequence", "changed_at"])
    return revision.sequence


def queue_meeting_changed(meeting, before: MeetingFacts, reason: str, number: int, old_trainer):
    after = MeetingFacts.of(meeting)
    emails = []
    for user in selectors.meeting_people(meeting, [old_trainer, meeting.trainer]):
        subject, body = notifications.render_meeting_changed(
            meeting=meeting,
            before=before,
            after=after,
            reason=reason,
            user=user,
            language=notifications.language_of(user),
        )
        key = f"delivery.meeting_changed:{meeting.pk}:{user.pk}:{number}"
        emails.append(outbox.Email(key=key, to=user.email, subject=subject, body=body))
    return outbox.queue_many(emails)


# Reminders -------------------------------------------------------------------------------------


def reminder_key(meeting, user) -> str:
    return f"delivery.reminder:{meeting.pk}:{user.pk}"


@service
def reminders_queue(*, actor: Actor, today: dt.date | None = None) -> int:
    """Queue the reminders of the meetings starting within DELIVERY_REMINDER_DAYS days (from
    tomorrow): to the participants taking part then and the meeting's trainer, each once (a
    second run, or a missed day caught up, queues nothing already queued). The platform's
    task (`SYSTEM`). Returns how many e-mails were queued."""
    days = settings.DELIVERY_REMINDER_DAYS
    today = today or timezone.localdate()
    if days < 1:
        return 0
    meetings = list(
        selectors.reminder_meetings(today + dt.timedelta(days=1), today + dt.timedelta(days=days))
    )
    participants = selectors.reminder_participants(meetings)
    wanted = [(meeting, user) for meeting in meetings for user in _reminded(meeting, participants)]
    queued = selectors.queued_keys([reminder_key(m, u) for m, u in wanted])
    emails, reminded = [], {}
    for meeting, user in wanted:
        key = reminder_key(meeting, user)
        if key in queued:
            continue
        subject, body = notifications.render_reminder(
            meeting=meeting,
            facts=MeetingFacts.of(meeting),
            user=user,
            language=notifications.language_of(user),
        )
        emails.append(outbox.Email(key=key, to=user.email, subject=subject, body=body))
        reminded[meeting.pk] = meeting
    if not emails:
        return 0
    outbox.queue_many(emails)
    audit.record_many(
        actor, "delivery.reminders.queued", reminded.values(), {"emails": len(emails)}
    )
    return len(emails)


def _reminded(meeting, participants) -> list:
    people = {
        p.user_id: p.user
        for p in participants.get(meeting.group_id, ())
        if p.since <= meeting.end_date
    }
    trainer = meeting.trainer or meeting.group.trainer
    if trainer is not None and trainer.user_id is not None:
        people.setdefault(trainer.user_id, trainer.user)
    return [user for user in people.values() if user.is_active and user.email]
