"""The number of SQL queries of every page does not grow with the data (issues #12 and #13).

The national dataset (`akademia/demo/national.py`) is built twice in one region, small and
larger, with its training under way (attendance, tasks, advisory, certificates), inside
transactions that are rolled back; the page benchmark's crawler follows every link as each
role (from the home page, whose panels differ by role), and each page's query count per URL
pattern must be the same at both sizes. Delivery's pages that list data are also requested
by name (not left to the crawler's luck): each must answer and take the same queries at both
sizes.
"""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.models import Count, Max
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from akademia.accounts.models import User
from akademia.accounts.selectors import coordinators_of_jsts
from akademia.delivery import services as delivery
from akademia.delivery.models import (
    AdvisoryAssignment,
    AdvisorySession,
    Participant,
    TaskAssignment,
    TrainingDay,
)
from akademia.demo.national import DOMAIN, load_national
from akademia.planning.models import TrainingGroup
from bench.pages import crawl, route

# Pages whose count still grows with the data: each is a finding of the page benchmark that
# issue #12 fixes; remove a page from here when its count is constant.
KNOWN_GROWING: set[str] = set()
# Pages whose queries depend on the state of what they show (a task not sent has no rounds to
# read files for, a confirmed entry no confirmation to offer, a group still training refuses
# certificates early): the crawler may reach another state at each size, so these are
# compared on pages of the same state, requested by name (`_delivery_pages`).
BY_STATE = {"delivery:task-detail", "delivery:advisory-session", "delivery:certificates-issue"}


def _counts(client) -> dict[str, int]:
    counts = {}
    for path in crawl(client):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        name = route(path)
        counts[name] = max(counts.get(name, 0), len(captured))
    return counts


def _subjects() -> dict:
    """Subjects of the same state at both sizes: the closed day with the longest list of the
    first group (still training) and its trainer, a participant of that group whose team
    answered a task (with a calendar address), a coordinator of one of its JST, the trainer's
    advisory assignment and a confirmed entry, the first group whose certificates were issued."""
    first = TrainingGroup.objects.filter(active=True).order_by("code").first()
    day = (
        TrainingDay.objects.filter(closed_at__isnull=False, meeting__group=first)
        .annotate(marks_count=Count("marks"))
        .order_by("-marks_count", "-date", "-pk")
        .select_related("meeting__trainer__user", "meeting__group")
        .first()
    )
    today = timezone.localdate()
    training = TrainingGroup.objects.annotate(last=Max("meetings__end_date"))
    # A person of the first group whose team answered a task (the task page with rounds).
    answered = TaskAssignment.objects.filter(group=first, submissions__isnull=False)
    task = answered.order_by("module", "pk").first()
    participant = (
        Participant.objects.filter(status="active", group=first, jst_id=task.jst_id)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    trainer = day.meeting.trainer.user
    # The first group whose certificates were issued (finished three weeks ago).
    finished = training.filter(last__lte=today - dt.timedelta(days=21)).order_by("code").first()
    return {
        "day": day,
        "trainer": trainer,
        "participant": participant.user,
        "coordinator": coordinators_of_jsts(first.teams.all()).order_by("email").first(),
        "feed": delivery.calendar_feed_create(actor=participant.user),
        "assignment": AdvisoryAssignment.objects.filter(advisor=trainer).order_by("pk").first(),
        "task": task,
        "entry": AdvisorySession.objects.filter(advisor=trainer, status="confirmed")
        .order_by("pk")
        .first(),
        "finished": finished,
    }


def _delivery_pages(subjects: dict) -> dict[str, list[tuple[str, str]]]:
    """Per role, (label, path) of delivery's pages that list data."""
    day, feed = subjects["day"], subjects["feed"]
    group, project = day.meeting.group_id, day.meeting.group.project_id
    assignment = subjects["assignment"]
    report = reverse("delivery:report")
    trainer = [
        ("day's attendance", reverse("delivery:day-detail", args=[day.pk])),
        ("group page", reverse("delivery:group-detail", args=[group])),
        ("group report", f"{report}?grupa={group}"),
        ("report", report),
        ("group's tasks", reverse("delivery:task-group", args=[group])),
        ("tasks", reverse("delivery:task-list")),
        ("completion", reverse("delivery:group-completion", args=[group])),
        ("calendar list", reverse("delivery:calendar-list")),
        ("calendar month", reverse("delivery:calendar")),
        ("advisory list", reverse("delivery:advisory-list")),
        ("advisory of a JST", reverse("delivery:advisory-detail", args=[assignment.pk])),
        ("a task answered", reverse("delivery:task-detail", args=[subjects["task"].pk])),
        ("a confirmed entry", reverse("delivery:advisory-session", args=[subjects["entry"].pk])),
    ]
    regional = [
        ("groups", reverse("delivery:group-list")),
        ("project report", f"{report}?projekt={project}"),
        ("project report XLSX", reverse("delivery:report-xlsx") + f"?projekt={project}"),
        ("group page", reverse("delivery:group-detail", args=[group])),
        ("completion", reverse("delivery:group-completion", args=[group])),
        ("tasks", reverse("delivery:task-list")),
        ("group's tasks", reverse("delivery:task-group", args=[group])),
        ("advisory list", reverse("delivery:advisory-list")),
        ("advisory XLSX", reverse("delivery:advisory-xlsx")),
        ("calendar list", reverse("delivery:calendar-list")),
        (
            "issuing a finished group's certificates",
            reverse("delivery:certificates-issue", args=[subjects["finished"].pk]),
        ),
    ]
    participant = [
        ("calendar list", reverse("delivery:calendar-list")),
        ("calendar month", reverse("delivery:calendar")),
        ("my training", reverse("delivery:my-training")),
        ("tasks", reverse("delivery:task-list")),
        ("a task answered", reverse("delivery:task-detail", args=[subjects["task"].pk])),
    ]
    return {"trainer": trainer, "regional": regional, "participant": participant} | {
        "feed": [("iCal feed", reverse("delivery:calendar-feed", args=[feed.token]))]
    }


def _evaluation_pages(subjects: dict) -> dict[str, list[tuple[str, str]]]:
    """The results of the first group, its project and its programme version (issue #14),
    their documents and the answers to send into the consultation."""
    from akademia.delivery.selectors import group_version

    group = subjects["day"].meeting.group
    project, version = group.project_id, group_version(group).pk
    wide = [
        ("project results", reverse("evaluation:project-results", args=[project])),
        ("version results", reverse("evaluation:version-results", args=[version])),
        ("project results XLSX", reverse("evaluation:project-xlsx", args=[project])),
        ("project answers XLSX", reverse("evaluation:project-answers-xlsx", args=[project])),
        ("version results XLSX", reverse("evaluation:version-xlsx", args=[version])),
    ]
    group_pages = [
        ("results list", reverse("evaluation:results-list")),
        ("group results", reverse("evaluation:group-results", args=[group.pk])),
        ("group results XLSX", reverse("evaluation:group-xlsx", args=[group.pk])),
    ]
    return {
        "regional": wide + group_pages,
        "national": [
            *wide,
            ("answers for the consultation", reverse("evaluation:feedback-select", args=[version])),
        ],
        "trainer": group_pages,
    }


def _measure(jst: int, comments: int) -> dict[str, dict[str, int]]:
    with transaction.atomic():
        load_national(jst=jst, comments=comments, voivodeships=["24"], log=lambda _line: None)
        subjects = _subjects()
        people = {
            "national": User.objects.get(email=f"krajowy@{DOMAIN}"),
            "regional": User.objects.get(email=f"operator.24@{DOMAIN}"),
            # of a JST of the first group, still training at both sizes (the same calendars)
            "coordinator": subjects["coordinator"],
            "expert": User.objects.get(email=f"ekspert@{DOMAIN}"),
            "trainer": subjects["trainer"],
            "participant": subjects["participant"],
        }
        result = {}
        for role, user in people.items():
            client = Client()
            client.force_login(user)
            result[role] = _counts(client)
        named = [
            ("delivery", _delivery_pages(subjects)),
            ("evaluation", _evaluation_pages(subjects)),
        ]
        for app, roles in named:
            for role, pages in roles.items():
                client = Client()
                if role != "feed":
                    client.force_login(people[role])
                for label, path in pages:
                    with CaptureQueriesContext(connection) as captured:
                        response = client.get(path)
                    assert response.status_code == 200, f"{role}: {label} {path}"
                    result.setdefault(role, {})[f"{app}: {label}"] = len(captured)
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db(transaction=False)
def test_query_counts_do_not_grow_with_the_data(settings, tmp_path, steady_sessions):
    settings.MEDIA_ROOT = tmp_path
    small = _measure(jst=12, comments=12)
    large = _measure(jst=28, comments=40)
    growing = sorted(
        f"{role}: {name} {small[role][name]} → {count}"
        for role, pages in large.items()
        for name, count in pages.items()
        if name in small[role]
        and count > small[role][name]
        and name not in KNOWN_GROWING | BY_STATE
    )
    assert small["regional"], "the crawler found no page"
    assert len([n for n in small["trainer"] if n.startswith("delivery: ")]) == 13
    assert len([n for n in small["national"] if n.startswith("evaluation: ")]) == 6
    assert not growing, "queries grow with the data:\n" + "\n".join(growing)
