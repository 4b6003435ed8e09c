"""Delivery: operators, the group's trainer and the JST's coordinator read the attendance lists
of their scope; the trainer (and operators) mark them; the coordinator replaces and withdraws
the JST's people; a participant reads their own training. The group is in Śląskie, meets today,
is taught by the trainer persona and includes the coordinator persona's JST; its second meeting
is six weeks ahead (the one an operator may move).

Advisory: the trainer persona advises the coordinator persona's JST; its entry waits for the
coordinator.

Certificates: the group's completion is read like its lists; operators issue (the training is
not over: the confirmation page refuses), revoke and download; the participant persona is not
the certificate's owner (404); the national operator sets a version's completion rules; anyone,
signed in or not, verifies a number.

QR self check-in: the trainer (and operators) show today's code; the page it leads to is for a
person of the group (the personas have no place in it). The day's hours: whoever marks it;
reopening a closed list: operators."""

from tests.access import LOGIN, OPERATORS, everyone, only, shared, signed_in
from tests.access.planning import TEAMS, _project

READERS = OPERATORS | {"trainer", "coordinator"}
CALENDAR = READERS | {"participant"}
MARKERS = OPERATORS | {"trainer"}
MANAGERS = OPERATORS | {"coordinator"}


@shared
def _group(p):
    from django.utils import timezone

    from akademia.core.audit import SYSTEM
    from akademia.delivery import services
    from akademia.delivery.tests.factories import plannable_friday, publish, trainer_of
    from akademia.planning import services as planning
    from akademia.planning.models import TrainingGroup

    project = _project(p)
    # A room of its own, so that deleting the planning table's first venue stays possible.
    planning.venue_save(actor=p["regional"], project=project, name="Sala", lat=50.3, lon=19.0)
    trainer = trainer_of(project, p["regional"], p["trainer"])
    plan = publish(
        project,
        p["regional"],
        [
            {
                "teams": TEAMS,
                "meetings": [(timezone.localdate(), 2), (plannable_friday(), 2)],
                "trainer": trainer,
            }
        ],
        venue=project.venues.get(name="Sala"),
    )
    services.participants_sync(actor=SYSTEM, project=project)
    return TrainingGroup.objects.get(plan=plan)


def _group_id(p):
    return {"pk": _group(p).pk}


def _project_id(p):
    return {"pk": _group(p).project_id}


def _day_id(p):
    return {"pk": _group(p).meetings.get(module=1).days.order_by("date").first().pk}


def _participant_id(p):
    return {"pk": _group(p).participants.get(email="osoba1@2409023.example.org").pk}


@shared
def _mark(p):
    from akademia.delivery import services
    from akademia.delivery.models import TrainingDay

    day = TrainingDay.objects.get(**_day_id(p))
    person = _group(p).participants.get(email="osoba0@2409023.example.org")
    services.attendance_record(
        actor=p["trainer"], day=day, marks=[services.MarkInput(person.pk, "present")]
    )
    return day.marks.get(participant=person)


def _mark_id(p):
    return {"pk": _mark(p).pk}


@shared
def _certificate(p):
    from akademia.delivery.tests.factories import issued_certificate

    person = _group(p).participants.get(email="osoba0@2409023.example.org")
    return issued_certificate(person)


def _certificate_id(p):
    return {"pk": _certificate(p).pk}


def _certificate_number(p):
    return {"number": _certificate(p).number}


def _version_id(p):
    from akademia.delivery import selectors

    return {"pk": selectors.group_version(_group(p)).pk}


# Operators download any certificate of their scope; a participant only their own.
DOWNLOAD = only(OPERATORS) | {"participant": 404, "anonymous": LOGIN}


def _meeting_id(p):
    """Module 2 of the group, six weeks ahead: a meeting that may still move."""
    return {"pk": _group(p).meetings.get(module=2).pk}


def _feed_token(p):
    """The participant persona's feed: the address needs no login, so everyone gets it."""
    from akademia.delivery import services

    return {"token": services.calendar_feed_create(actor=p["participant"]).token}


@shared
def _assignment(p):
    """The trainer persona advises Koziegłowy (the coordinator persona's JST) in the project."""
    from akademia.delivery import services
    from akademia.delivery.tests.factories import advisory_hours
    from akademia.territory.models import Jst

    project = _group(p).project
    advisory_hours(project, 16)
    jst = Jst.objects.get(code="2409023")
    return services.advisory_assign(
        actor=p["regional"], project=project, jst=jst, advisor=p["trainer"]
    )


def _assignment_id(p):
    return {"pk": _assignment(p).pk}


@shared
def _session(p):
    """A visit of today reported by the advisor: it waits for the coordinator."""
    from akademia.delivery.tests.factories import held

    return held(p["trainer"], _assignment(p))


def _session_id(p):
    return {"pk": _session(p).pk}


# A person of the day's group checks in; the coordinator and participant personas are none.
CHECKING_IN = only({"coordinator", "participant"}, status=404)
ADVISOR = only({"trainer"})
JST_COORDINATOR = only({"coordinator"})


ACCESS = {
    "delivery:group-list": (None, only(READERS), False),
    "delivery:group-detail": (_group_id, only(READERS), True),
    "delivery:participants-sync": (_project_id, signed_in(405), True),
    "delivery:participant-substitute": (_participant_id, only(MANAGERS), True),
    "delivery:participant-withdraw": (_participant_id, only(MANAGERS), True),
    # GET: the list (a form for whoever marks); POST (below): the plain form's marks.
    "delivery:day-detail": (_day_id, only(READERS), True),
    "delivery:day-sync": (_day_id, signed_in(405), True),
    "delivery:day-close": (_day_id, signed_in(405), True),
    "delivery:day-pdf": (_day_id, only(READERS), True),
    "delivery:mark-change": (_mark_id, only(MARKERS), True),
    "delivery:report": (None, only(READERS), False),
    "delivery:report-xlsx": (None, only(READERS), False),
    "delivery:my-training": (None, only({"participant"}), False),
    "delivery:group-completion": (_group_id, only(READERS), True),
    # GET: the confirmation page (here it refuses: the training is not over).
    "delivery:certificates-issue": (_group_id, only(OPERATORS), True),
    "delivery:certificate-pdf": (_certificate_id, DOWNLOAD, True),
    "delivery:certificate-revoke": (_certificate_id, only(OPERATORS), True),
    "delivery:completion-rules": (_version_id, only({"national"}), False),
    "certificates:verify-form": (None, everyone(200), False),
    "certificates:verify": (_certificate_number, everyone(200), False),
    # Calendars: the month and the list of one's meetings, the feed's address; moving a meeting
    "delivery:calendar": (None, only(CALENDAR), False),
    "delivery:calendar-list": (None, only(CALENDAR), False),
    "delivery:calendar-feed-create": (None, signed_in(405), False),
    # GET asks (a person without an address is told to make one first), POST makes a new one.
    "delivery:calendar-feed-regenerate": (None, only(CALENDAR), False),
    # A valid token: 200 for anyone, signed in or not (a wrong one: 404, test_calendar.py).
    "delivery:calendar-feed": (_feed_token, everyone(200), False),
    # GET: the form (then the confirmation page); POST (below) from the confirmation page.
    "delivery:meeting-change": (_meeting_id, only(OPERATORS), True),
    # Advisory support: operators, the JST's advisor and coordinator read; a participant nothing.
    "delivery:advisory-list": (None, only(READERS), False),
    "delivery:advisory-xlsx": (None, only(READERS), False),
    "delivery:advisory-assign": (_project_id, only(OPERATORS), True),
    "delivery:advisory-detail": (_assignment_id, only(READERS), True),
    # The advisor writes; the operators and the coordinator of the JST see the entries (403).
    "delivery:advisory-session-create": (_assignment_id, ADVISOR, True),
    "delivery:advisory-session": (_session_id, only(READERS), True),
    "delivery:advisory-session-edit": (_session_id, ADVISOR, True),
    # GET: the confirmation page (docs/confirmations.md); POST (below): the confirmation.
    "delivery:advisory-session-confirm": (_session_id, JST_COORDINATOR, True),
    "delivery:advisory-session-dispute": (_session_id, JST_COORDINATOR, True),
    "delivery:advisory-session-cancel": (_session_id, ADVISOR, True),
    # QR self check-in: whoever marks today's open day shows its code; the page the code leads
    # to is a participant's of that group (the personas have no place in it: 404, like another
    # group's day; operators and trainers lack the capability: 403, before any scope, hence not
    # in the other-scope check).
    "delivery:day-qr": (_day_id, only(MARKERS), True),
    "delivery:check-in": (_day_id, CHECKING_IN, False),
    # The day's hours: whoever marks it (the form).
    "delivery:day-hours": (_day_id, only(MARKERS), True),
    # Reopening a closed list: operators (here the list is open: the page says so).
    "delivery:day-reopen": (_day_id, only(OPERATORS), True),
}

POST_ACCESS = {
    "delivery:participants-sync": only(OPERATORS, status=302),
    # The table posts {"active": "1"}: no mark chosen, back to the list.
    "delivery:day-detail": only(MARKERS, status=302),
    # Not JSON: refused as a bad request, after the permission and scope checks.
    "delivery:day-sync": only(MARKERS, status=400),
    # Not everyone is marked: the refusal shows on the list.
    "delivery:day-close": only(MARKERS, status=302),
    # An invalid form shows the page again with its errors.
    "delivery:mark-change": only(MARKERS, status=200),
    "delivery:participant-substitute": only(MANAGERS, status=200),
    "delivery:participant-withdraw": only(MANAGERS, status=200),
    # Refused (the training is not over): the confirmation page again, with the reason.
    "delivery:certificates-issue": only(OPERATORS, status=200),
    # No reason given, no percentage: the form again with its errors.
    "delivery:certificate-revoke": only(OPERATORS, status=200),
    "delivery:completion-rules": only({"national"}, status=200),
    "delivery:calendar-feed-create": only(CALENDAR, status=302),
    # Without an address yet the page says so (200); with one (the participant's, made for the
    # feed's row), a new address and back to the calendar (302).
    "delivery:calendar-feed-regenerate": only(CALENDAR, status=200) | {"participant": 302},
    # The table's POST is no valid change: the form again with its errors.
    "delivery:meeting-change": only(OPERATORS, status=200),
    # An invalid form ({"active": "1"}) shows the page again with its errors.
    "delivery:advisory-assign": only(OPERATORS, status=200),
    "delivery:advisory-session-create": only({"trainer"}, status=200),
    "delivery:advisory-session-edit": only({"trainer"}, status=200),
    "delivery:advisory-session-dispute": only({"coordinator"}, status=200),
    "delivery:advisory-session-cancel": only({"trainer"}, status=200),
    # The reported visit is confirmed, then back to its page.
    "delivery:advisory-session-confirm": only({"coordinator"}, status=302),
    "delivery:check-in": CHECKING_IN,
    # No hours sent: the form again with its errors.
    "delivery:day-hours": only(MARKERS, status=200),
    # The list is open: the page again, with the refusal.
    "delivery:day-reopen": only(OPERATORS, status=200),
}
