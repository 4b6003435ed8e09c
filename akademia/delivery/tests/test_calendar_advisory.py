"""Advisory visits in the calendars: the advisor's and the JST coordinator's month, list and
iCalendar feed show them (nobody else's: not another JST's coordinator, another advisor, a
participant or an operator); the feed's event keeps its UID, its SEQUENCE grows with each
change, and a cancelled visit is published as cancelled."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.delivery import services
from akademia.delivery.tests.factories import advised, details

TODAY = timezone.localdate()
TITLE = "Advisory: Koziegłowy, Budżet zadaniowy"


@pytest.fixture
def visit(national, regional, expert, trainer):
    """The trainer persona advises Koziegłowy and plans a visit (2 h) in ten days."""
    assignment = advised(national, regional, expert, trainer)
    return services.advisory_plan(
        actor=trainer,
        assignment=assignment,
        details=details(date=TODAY + dt.timedelta(days=10), hours="2"),
    )


def _month(client, user, day):
    client.force_login(user)
    url = reverse("delivery:calendar") + f"?miesiac={day:%Y-%m}"
    return client.get(url).content.decode()


def _list(client, user):
    client.force_login(user)
    return client.get(reverse("delivery:calendar-list")).content.decode()


def _feed(user) -> list:
    feed = services.calendar_feed_create(actor=user)
    response = Client().get(reverse("delivery:calendar-feed", args=[feed.token]))
    assert response.status_code == 200
    body = response.content
    # CRLF line endings, and long lines folded to at most 75 octets.
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    return _advisory_events(body)


def _advisory_events(body: bytes) -> list:
    events = Calendar.from_ical(body).walk("VEVENT")
    return [event for event in events if str(event["UID"]).startswith("advisory-")]


def test_the_advisor_and_the_jsts_coordinator_see_the_visit_and_nobody_else(
    client, visit, trainer, coordinator, coordinator_other, participant, regional
):
    for user in (trainer, coordinator):
        page = _month(client, user, visit.date)
        assert TITLE in page and "JST office: Koziegłowy" in page and "Hours: 2" in page
        assert reverse("delivery:advisory-session", args=[visit.pk]) in page
        page = _list(client, user)
        assert "Coming advisory visits and sessions" in page and TITLE in page
    other_advisor = make_user("doradca@test.example.org", Role.TRAINER, voivodeships=["24"])
    for user in (coordinator_other, other_advisor, participant, regional):
        assert TITLE not in _month(client, user, visit.date), user
        assert "Coming advisory visits and sessions" not in _list(client, user), user


def test_the_feed_keeps_the_visits_uid_and_raises_its_sequence_with_each_change(
    visit, trainer, coordinator, coordinator_other
):
    (event,) = _feed(trainer)
    uid = f"advisory-{visit.pk}@127.0.0.1"
    for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "SEQUENCE"):
        assert required in event, required
    assert str(event["UID"]) == uid
    assert (event["SEQUENCE"], str(event["STATUS"])) == (1, "TENTATIVE")
    # All day (an entry has no time of day), in the person's language (Polish: none chosen).
    assert event.decoded("DTSTART") == visit.date
    assert event.decoded("DTEND") == visit.date + dt.timedelta(days=1)
    assert str(event["SUMMARY"]) == "Doradztwo: Koziegłowy, Budżet zadaniowy"
    assert str(event["LOCATION"]) == "Urząd JST: Koziegłowy"
    assert "Godziny: 2" in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(reverse("delivery:advisory-session", args=[visit.pk]))
    assert [str(e["UID"]) for e in _feed(coordinator)] == [uid]
    assert _feed(coordinator_other) == []

    later = visit.date + dt.timedelta(days=2)
    services.advisory_correct(
        actor=trainer, session=visit, details=details(date=later, hours="3", mode="remote")
    )
    (event,) = _feed(trainer)
    assert (str(event["UID"]), event["SEQUENCE"]) == (uid, 2)
    assert event.decoded("DTSTART") == later and str(event["LOCATION"]) == "zdalnie"
    assert "Godziny: 3" in str(event["DESCRIPTION"])

    visit.refresh_from_db()
    services.advisory_cancel(actor=trainer, session=visit, reason="Choroba")
    (event,) = _feed(coordinator)
    assert (str(event["UID"]), event["SEQUENCE"], str(event["STATUS"])) == (uid, 3, "CANCELLED")
    # The pages no longer show a cancelled visit.
    client = Client()
    assert "Budżet zadaniowy" not in _month(client, coordinator, later)


def test_a_held_visit_is_a_confirmed_event(visit, trainer, coordinator):
    held_on = TODAY
    services.advisory_log(
        actor=trainer,
        assignment=visit.assignment,
        details=details(date=held_on, done="Przegląd budżetu"),
        session=None,
    )
    events = {e.decoded("DTSTART"): e for e in _feed(coordinator)}
    assert str(events[held_on]["STATUS"]) == "CONFIRMED"
    assert "czeka na potwierdzenie koordynatora" in str(events[held_on]["DESCRIPTION"])
