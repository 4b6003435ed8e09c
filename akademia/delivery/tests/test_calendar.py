"""Calendars: the month and list pages, the secret iCalendar feed, moving a published meeting
(the checker, the e-mails, the feed's SEQUENCE) and the reminders before meetings."""

import datetime as dt
import io
import logging

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core import periodic
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry, OutboxEmail
from akademia.core.tests.factories import clear_mail, send_queued
from akademia.delivery import services
from akademia.delivery.models import (
    CalendarFeed,
    MeetingRevision,
    ParticipantStatus,
    TrainingDay,
)
from akademia.delivery.tests.factories import (
    BESTWINA,
    KOZIEGLOWY,
    future_training,
    plannable_friday,
    project_with_teams,
    publish,
    trainer_of,
)
from akademia.planning import services as planning
from akademia.planning.models import TrainingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(national, regional, expert, trainer):
    group = future_training(national, regional, expert, trainer)
    # Days without hours (the sync gives the default day's, migration 0007 gave them to the
    # older days): one all-day event per meeting; `test_days_with_hours_...` reads the hours.
    TrainingDay.objects.filter(meeting__group=group).update(starts_at=None, ends_at=None)
    clear_mail()
    return group


def _person(group, email="osoba0@2409023.example.org"):
    return group.participants.get(email=email).user


def _feed_url(user) -> str:
    feed = services.calendar_feed_create(actor=user)
    return reverse("delivery:calendar-feed", args=[feed.token])


def _events(body: bytes):
    return Calendar.from_ical(body).walk("VEVENT")


def _move(regional, group, *, weeks=1, **change):
    meeting = group.meetings.get()
    values = {
        "start_date": meeting.start_date + dt.timedelta(weeks=weeks),
        "venue": meeting.place,
        "trainer": meeting.trainer,
        "reason": "Sala zajęta",
    } | change
    return planning.meeting_change(actor=regional, meeting=meeting, **values)


# The feed --------------------------------------------------------------------------------------


def test_the_feed_is_valid_rfc_5545_with_the_place_and_all_day_events(client, group):
    meeting = group.meetings.get()
    response = Client().get(_feed_url(_person(group)))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    # CRLF line endings, and long lines folded to at most 75 octets.
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    calendar = Calendar.from_ical(body)
    assert str(calendar["VERSION"]) == "2.0" and "Akademia" in str(calendar["PRODID"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    (event,) = calendar.walk("VEVENT")
    for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION"):
        assert required in event, required
    assert str(event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1"
    assert event["SEQUENCE"] == 0
    # No hours yet: an all-day event over the meeting's two days.
    assert event.decoded("DTSTART") == meeting.start_date
    assert event.decoded("DTEND") == meeting.end_date + dt.timedelta(days=1)
    assert meeting.place.name in str(event["LOCATION"])


def test_days_with_hours_are_timed_events_in_warsaw_time(group):
    meeting = group.meetings.get()
    meeting.days.update(starts_at=dt.time(9), ends_at=dt.time(16))
    body = Client().get(_feed_url(_person(group))).content
    assert b"DTSTART;TZID=Europe/Warsaw:" in body
    events = _events(body)
    assert [str(e["UID"]) for e in events] == [
        f"meeting-{meeting.pk}-1@127.0.0.1",
        f"meeting-{meeting.pk}-2@127.0.0.1",
    ]
    start = events[0].decoded("DTSTART")
    assert start.date() == meeting.start_date and start.hour == 9
    assert str(start.tzinfo) == "Europe/Warsaw"


def test_the_feed_names_nobody(group, trainer):
    body = Client().get(_feed_url(_person(group))).content.decode()
    for participant in group.participants.all():
        assert participant.full_name not in body and participant.email not in body
    assert group.meetings.get().trainer.name not in body
    assert trainer.email not in body


def test_each_person_sees_their_own_meetings(national, regional, expert, trainer, coordinator):
    project = project_with_teams(national, regional, expert)
    teaches = trainer_of(project, regional, trainer)
    other = trainer_of(project, regional, None, name="Inny Trener")
    first = plannable_friday()
    plan = publish(
        project,
        regional,
        [
            {"teams": [KOZIEGLOWY], "meetings": [(first, 2)], "trainer": teaches},
            {"teams": [BESTWINA], "meetings": [(first, 2)], "trainer": other},
        ],
    )
    services.participants_sync(actor=SYSTEM, project=project)
    mine, theirs = TrainingGroup.objects.filter(plan=plan).order_by("code")
    participant = _person(mine)
    lodzkie = make_user("lodz@test.example.org", Role.REGIONAL_OPERATOR, voivodeships=["10"])

    def uids(user):
        events = _events(Client().get(_feed_url(user)).content)
        return {str(e["UID"]) for e in events if str(e["UID"]).endswith("-1@127.0.0.1")}

    def uid(group):
        return f"meeting-{group.meetings.get().pk}-1@127.0.0.1"  # each day has its hours

    assert uids(participant) == {uid(mine)}
    assert uids(trainer) == {uid(mine)}
    assert uids(coordinator) == {uid(mine)}
    assert uids(regional) == {uid(mine), uid(theirs)}
    assert uids(lodzkie) == set()
    # A participant who withdrew before the meeting no longer has it.
    services.participant_withdraw(
        actor=regional,
        participant=mine.participants.get(user=participant),
        date=first,
        reason="Zmiana pracy",
    )
    assert uids(participant) == set()


def test_a_new_address_closes_the_old_one_at_once(client, group):
    person = _person(group)
    client.force_login(person)
    assert client.post(reverse("delivery:calendar-feed-create")).status_code == 302
    old = reverse("delivery:calendar-feed", args=[CalendarFeed.objects.get(user=person).token])
    assert Client().get(old).status_code == 200
    page = client.get(reverse("delivery:calendar-feed-regenerate"))
    assert b"stops working at once" in page.content
    assert Client().get(old).status_code == 200  # asking changed nothing
    assert client.post(reverse("delivery:calendar-feed-regenerate")).status_code == 302
    assert Client().get(old).status_code == 404
    new = reverse("delivery:calendar-feed", args=[CalendarFeed.objects.get(user=person).token])
    assert new != old and Client().get(new).status_code == 200
    entry = AuditEntry.objects.filter(action="delivery.calendar.regenerated").get()
    assert CalendarFeed.objects.get(user=person).token not in str(entry.data)


def test_a_wrong_token_is_404_and_never_logged(group):
    token = "x" * 43
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(_redacting_filter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        url = reverse("delivery:calendar-feed", args=[token])
        assert Client().get(url).status_code == 404
    finally:
        logger.removeHandler(handler)
    logged = stream.getvalue()
    assert "Not Found" in logged and "/kalendarz/subskrypcja/" in logged
    assert token not in logged


def _redacting_filter():
    """The filter the settings put on the console handler (the one every log line goes to)."""
    from akademia.core.logs import RedactSecrets

    handler = logging.getLogger("django").handlers[0]
    (found,) = [f for f in handler.filters if isinstance(f, RedactSecrets)]
    return found


def test_the_feed_is_limited_per_client_address(settings, group):
    settings.CALENDAR_FEED_ADDRESS_LIMIT = 2
    url = _feed_url(_person(group))
    client = Client()
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


# Moving a meeting ----------------------------------------------------------------------------


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence_and_moves_its_days(regional, group):
    url = _feed_url(_person(group))
    meeting = group.meetings.get()
    (before,) = _events(Client().get(url).content)
    days = list(meeting.days.order_by("date").values_list("date", flat=True))
    _move(regional, group)
    (after,) = _events(Client().get(url).content)
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == 1 > before["SEQUENCE"]
    assert after.decoded("DTSTART") == days[0] + dt.timedelta(weeks=1)
    assert list(meeting.days.order_by("date").values_list("date", flat=True)) == [
        day + dt.timedelta(weeks=1) for day in days
    ]
    _move(regional, group, weeks=-1)
    (again,) = _events(Client().get(url).content)
    assert again["SEQUENCE"] == 2 and MeetingRevision.objects.get(meeting=meeting).sequence == 2


def test_a_move_emails_exactly_the_people_concerned_once(
    national, regional, expert, trainer, coordinator, group
):
    elsewhere = make_user("inny@test.example.org", Role.JST_COORDINATOR, jst="1002011")
    gone = group.participants.get(email="osoba3@2409023.example.org")
    services.participant_withdraw(
        actor=regional,
        participant=gone,
        date=group.meetings.get().start_date,
        reason="Rezygnacja",
    )
    clear_mail()
    _move(regional, group)
    sent = send_queued() + send_queued()  # the sender run twice sends each once
    to = sorted(address for email in sent for address in email.to)
    active = group.participants.filter(status=ParticipantStatus.ACTIVE)
    expected = {p.user.email for p in active} | {trainer.email, coordinator.email}
    assert set(to) >= expected and len(to) == len(set(to))
    assert gone.user.email not in to and elsewhere.email not in to
    # Whoever else is e-mailed is a verified coordinator of the group's teams.
    for address in set(to) - expected:
        other = User.objects.get(email=address)
        assert other.role == Role.JST_COORDINATOR and other.jst.code in (KOZIEGLOWY, BESTWINA)
    email = next(e for e in sent if e.to == [trainer.email])
    # In the person's language (Polish unless they chose otherwise), with the reason.
    assert "Sala zajęta" in email.body and "Zmienił się moduł 1 grupy" in email.body
    keys = OutboxEmail.objects.values_list("key", flat=True)
    meeting = group.meetings.get()
    assert f"delivery.meeting_changed:{meeting.pk}:{trainer.pk}:1" in keys


def test_a_move_that_breaks_a_rule_is_refused_and_changes_nothing(regional, group):
    meeting = group.meetings.get()
    monday = meeting.start_date + dt.timedelta(days=3)
    emails = OutboxEmail.objects.count()
    with pytest.raises(DomainError) as refused:
        _move(regional, group, weeks=0, start_date=monday)
    assert "breaks the planner's rules" in str(refused.value)
    assert "not an allowed weekday" in str(refused.value)
    meeting.refresh_from_db()
    assert meeting.start_date == monday - dt.timedelta(days=3)
    assert OutboxEmail.objects.count() == emails
    assert not MeetingRevision.objects.exists()


def test_a_move_to_a_closed_venue_or_an_away_trainer_is_refused(regional, group):
    meeting = group.meetings.get()
    day = meeting.start_date + dt.timedelta(weeks=1)
    hall = planning.venue_save(
        actor=regional,
        project=group.project,
        name="Aula",
        lat=50.3,
        lon=19.0,
        unavailable=[day.isoformat()],
    )
    with pytest.raises(DomainError, match="closed"):
        _move(regional, group, venue=hall)
    away = trainer_of(group.project, regional, None, name="Ewa Nieobecna")
    planning.trainer_save(
        actor=regional, project=group.project, trainer=away, unavailable=[day.isoformat()]
    )
    with pytest.raises(DomainError, match="away"):
        _move(regional, group, trainer=away)


def test_a_meeting_at_another_venue_shows_it_in_the_feed(regional, group):
    hall = planning.venue_save(
        actor=regional,
        project=group.project,
        name="Aula Magna",
        address="ul. Długa 1, Katowice",
        lat=50.3,
        lon=19.0,
    )
    _move(regional, group, weeks=0, venue=hall)
    (event,) = _events(Client().get(_feed_url(_person(group))).content)
    assert str(event["LOCATION"]) == "Aula Magna, ul. Długa 1, Katowice"
    assert group.meetings.get().place == hall


def test_a_meeting_that_began_is_not_moved(regional, national, expert, trainer):
    from akademia.delivery.tests.factories import training

    group = training(national, regional, expert, trainer)  # meets today
    with pytest.raises(DomainError, match="has begun"):
        _move(regional, group)


def test_the_change_page_asks_first_with_the_emails(client, regional, group, trainer):
    meeting = group.meetings.get()
    client.force_login(regional)
    url = reverse("delivery:meeting-change", args=[meeting.pk])
    assert b"Next: check the change" in client.get(url).content
    new_day = meeting.start_date + dt.timedelta(weeks=1)
    values = {
        "start_date": new_day.isoformat(),
        "venue": meeting.place.pk,
        "trainer": meeting.trainer_id,
        "reason": "Remont sali",
    }
    audits, emails = AuditEntry.objects.count(), OutboxEmail.objects.count()
    page = client.get(url, values)
    assert page.status_code == 200
    text = page.content.decode()
    assert "get an e-mail about the change" in text and "Remont sali" in text
    assert (AuditEntry.objects.count(), OutboxEmail.objects.count()) == (audits, emails)
    # A day the rules forbid: the form says so, before any confirmation.
    refused = client.get(url, values | {"start_date": (new_day + dt.timedelta(days=3)).isoformat()})
    assert b"not an allowed weekday" in refused.content
    response = client.post(url, values)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.start_date == new_day
    assert OutboxEmail.objects.filter(to=trainer.email).count() == 1
    # The preview was one of the e-mails, word for word.
    sent = send_queued()
    assert any(escape(e.subject) in text and escape(e.body) in text for e in sent)


# Reminders -------------------------------------------------------------------------------------


def test_reminders_go_once_to_participants_and_the_trainer(
    settings, national, regional, expert, trainer, coordinator
):
    from akademia.delivery.tests.factories import training

    settings.DELIVERY_REMINDER_DAYS = 3
    soon = training(national, regional, expert, trainer, first=timezone.localdate())
    meeting = soon.meetings.get()
    today = meeting.start_date - dt.timedelta(days=3)
    clear_mail()
    assert services.reminders_queue(actor=SYSTEM, today=today - dt.timedelta(days=1)) == 0
    queued = services.reminders_queue(actor=SYSTEM, today=today)
    assert services.reminders_queue(actor=SYSTEM, today=today) == 0  # the task run twice
    sent = send_queued() + send_queued()
    to = sorted(address for email in sent for address in email.to)
    people = {p.user.email for p in soon.participants.all()} | {trainer.email}
    assert queued == len(sent) and set(to) == people and len(to) == len(people)
    assert coordinator.email not in to
    key = f"delivery.reminder:{meeting.pk}:{trainer.pk}"
    assert OutboxEmail.objects.filter(key=key).count() == 1


def test_the_worker_queues_the_reminders_once_a_day():
    from akademia.delivery import tasks

    periodic.forget_runs()
    morning = timezone.make_aware(dt.datetime(2026, 12, 7, 6, 0))
    assert tasks.reminders_send.module_path not in periodic.enqueue_due(morning)
    later = morning + dt.timedelta(hours=2)
    assert tasks.reminders_send.module_path in periodic.enqueue_due(later)
    assert periodic.enqueue_due(later + dt.timedelta(hours=1)) == []
    assert tasks.reminders_send.module_path in periodic.enqueue_due(later + dt.timedelta(days=1))


# Pages -----------------------------------------------------------------------------------------


def test_the_month_shows_the_meeting_with_its_place_trainer_module_and_group(client, group):
    meeting = group.meetings.get()
    client.force_login(_person(group))
    month = meeting.start_date.strftime("%Y-%m")
    text = client.get(reverse("delivery:calendar"), {"miesiac": month}).content.decode()
    assert meeting.place.name in text and meeting.trainer.name in text
    assert f"Module 1, group {group.code}" in text
    listing = client.get(reverse("delivery:calendar-list")).content.decode()
    assert meeting.place.name in listing and meeting.trainer.name in listing
    assert "Change the date" not in listing  # only planners move meetings


def _page_queries(user, month: str) -> dict[str, int]:
    client = Client()
    client.force_login(user)
    urls = {
        "month": reverse("delivery:calendar") + f"?miesiac={month}",
        "list": reverse("delivery:calendar-list"),
        "feed": _feed_url(user),
    }
    counts = {}
    for name, url in urls.items():
        client.get(url)  # warm caches (session, permissions)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts[name] = len(captured)
    return counts


def test_the_calendar_pages_take_the_same_queries_for_more_meetings(
    national, regional, expert, trainer
):
    project = project_with_teams(national, regional, expert)
    teaches = trainer_of(project, regional, trainer)
    first = plannable_friday()
    small = publish(
        project,
        regional,
        [{"teams": [KOZIEGLOWY, BESTWINA], "meetings": [(first, 2)], "trainer": teaches}],
    )
    services.participants_sync(actor=SYSTEM, project=project)
    participant = small.training_groups.get().participants.first().user
    month = first.strftime("%Y-%m")
    people = {"regional": regional, "trainer": trainer, "participant": participant}
    counts_small = {who: _page_queries(user, month) for who, user in people.items()}
    # A newer plan of two groups, three meetings each, with their hours.
    weeks = [first, first + dt.timedelta(days=7), first + dt.timedelta(days=14)]
    publish(
        project,
        regional,
        [
            {"teams": [KOZIEGLOWY], "meetings": [(d, 2) for d in weeks], "trainer": teaches},
            {"teams": [BESTWINA], "meetings": [(d, 2) for d in weeks], "trainer": teaches},
        ],
    )
    services.participants_sync(actor=SYSTEM, project=project)
    assert small.training_groups.filter(active=True).count() == 0
    counts_large = {who: _page_queries(user, month) for who, user in people.items()}
    assert counts_large == counts_small


def test_the_polish_pages_say_it_in_polish(client, settings, regional, group):
    from django.utils import translation

    meeting = group.meetings.get()
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    client.force_login(regional)
    monday = meeting.start_date + dt.timedelta(days=3)
    values = {
        "start_date": monday.isoformat(),
        "venue": meeting.place.pk,
        "trainer": meeting.trainer_id,
        "reason": "Remont",
    }
    with translation.override("pl"):
        text = client.get(reverse("delivery:meeting-change", args=[meeting.pk]), values)
        text = text.content.decode()
        month = client.get(reverse("delivery:calendar"), {"miesiac": f"{monday:%Y-%m}"})
    assert "Zmiana narusza zasady planowania" in text
    assert "poniedziałek" in text and "weekday" not in text
    assert "Moduł 1, grupa G1" in month.content.decode()
