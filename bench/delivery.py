"""Delivery benchmark (issue #13): the pages of the training under way, on the demo data and on
the national dataset, and the two heavy jobs.

    .venv/bin/python bench/delivery.py DEMO_DATABASE_URL NATIONAL_DATABASE_URL [--runs 20]

For each database (a subprocess each, the same code and settings) it picks its subjects from
the data: the closed day with the longest list and its trainer, a participant of a group still
training, that day's group, the project with the most participants. Then, through Django's
test client (the server's whole work, no network), it requests `--runs` times: the trainer's
attendance page of the day, the participant's calendar (list and month) and iCal feed, the
group's attendance report, and a few more pages of the group; it prints the median and p95
time, the SQL queries and the size, demo next to national. Then it times, once each:

* issuing the certificates of the largest finished group without them (`load_national` leaves
  the groups that finished two weeks ago for this), through the real job (`job_run` of the job
  `certificates_issue` starts);
* the attendance XLSX of the whole project (`raporty/frekwencja.xlsx?projekt=…`).

Everything runs in one transaction rolled back at the end (the feed's address, the job, the
certificates), so the databases stay as they were and a second run measures the same work.
Targets (issue #13): p95 ≤ 150 ms for these pages, query counts that do not grow with the data,
certificates for a group of 25 ≤ 10 s, the project's XLSX ≤ 3 s.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the repository's packages, `bench` too

from bench.pages import flag, in_subprocess, print_named_pages, setup, start, time_page  # noqa: E402

PAGE_P95_MS = 150
CERTIFICATES_S = 10
XLSX_S = 3


def _subjects() -> dict:
    from django.db.models import Count, Max
    from django.utils import timezone

    from akademia.accounts.models import User
    from akademia.accounts.roles import Role
    from akademia.delivery.models import Certificate, Participant, TrainingDay
    from akademia.planning.models import TrainingGroup

    today = timezone.localdate()
    day = (
        TrainingDay.objects.filter(
            closed_at__isnull=False,
            meeting__group__active=True,
            meeting__trainer__user__isnull=False,
        )
        .annotate(marks_count=Count("marks"))
        .order_by("-marks_count", "-date", "-pk")
        .select_related("meeting__trainer__user", "meeting__group")
        .first()
    )
    training = TrainingGroup.objects.filter(active=True).annotate(last=Max("meetings__end_date"))
    participant = (
        Participant.objects.filter(
            status="active", group__in=training.filter(last__gt=today).values("pk")
        )
        .select_related("user", "group")
        .order_by("-pk")
        .first()
    )
    finished = (
        training.filter(last__lt=today)
        .exclude(participants__certificates__isnull=False)
        .annotate(people=Count("participants"))
        .order_by("-people", "pk")
        .first()
    )
    project = (
        Participant.objects.values("group__project_id")
        .annotate(people=Count("pk"))
        .order_by("-people")
        .first()
    )
    national = User.objects.filter(role=Role.NATIONAL_OPERATOR, is_active=True).order_by("pk")
    return {
        "day": day,
        "trainer": day.meeting.trainer.user if day else None,
        "participant": participant,
        "finished": finished,
        "project": project["group__project_id"] if project else None,
        "operator": national.first(),
        "certificates_before": Certificate.objects.count(),
    }


def _pages(subjects: dict) -> list[tuple[str, str, object]]:
    """(label, path, user) of every page measured."""
    from django.urls import reverse

    from akademia.delivery import services

    day, trainer, participant = subjects["day"], subjects["trainer"], subjects["participant"]
    group = day.meeting.group_id if day else None
    pages = []
    if day:
        pages += [
            ("trainer: day's attendance", reverse("delivery:day-detail", args=[day.pk]), trainer),
            ("trainer: group page", reverse("delivery:group-detail", args=[group]), trainer),
            (
                "trainer: group attendance report",
                reverse("delivery:report") + f"?grupa={group}",
                trainer,
            ),
            ("trainer: group's tasks", reverse("delivery:task-group", args=[group]), trainer),
            ("trainer: completion", reverse("delivery:group-completion", args=[group]), trainer),
            ("trainer: calendar list", reverse("delivery:calendar-list"), trainer),
            ("trainer: advisory", reverse("delivery:advisory-list"), trainer),
        ]
    if participant:
        user = participant.user
        feed = services.calendar_feed_create(actor=user)
        pages += [
            ("participant: calendar list", reverse("delivery:calendar-list"), user),
            ("participant: calendar month", reverse("delivery:calendar"), user),
            ("participant: iCal feed", reverse("delivery:calendar-feed", args=[feed.token]), None),
            ("participant: my training", reverse("delivery:my-training"), user),
        ]
    return pages


def _attendance_only(group) -> None:
    """The national data's teams have not done every task nor used every advisory hour, so
    under the version's full rules nobody would qualify: for the timing (the job's work per
    certificate), the rules ask for attendance only, inside the rolled-back transaction."""
    from akademia.delivery import selectors

    rules = selectors.completion_rules_of(selectors.group_version(group))
    rules.require_tasks = rules.require_advisory = rules.require_final_test = False
    rules.save()


def measure(runs: int) -> dict:
    setup()
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    from akademia.core.jobs import job_run
    from akademia.core.models import Job
    from akademia.delivery import services
    from akademia.delivery.models import Certificate, Participant

    out = {"pages": [], "certificates": None, "xlsx": None}
    with transaction.atomic():
        subjects = _subjects()
        for label, path, user in _pages(subjects):
            client = Client()
            if user is not None:
                client.force_login(user)
            out["pages"].append({"label": label} | time_page(client, path, runs))
        group, operator = subjects["finished"], subjects["operator"]
        if group is not None and operator is not None:
            people = Participant.objects.filter(group=group, status="active").count()
            _attendance_only(group)
            started = time.perf_counter()
            job = services.certificates_issue(actor=operator, group=group)
            job_run(str(job.pk))
            seconds = time.perf_counter() - started
            job = Job.objects.get(pk=job.pk)
            out["certificates"] = {
                "group": group.code,
                "people": people,
                "issued": Certificate.objects.count() - subjects["certificates_before"],
                "status": job.status,
                "seconds": seconds,
            }
        if subjects["project"] and operator is not None:
            client = Client()
            client.force_login(operator)
            path = reverse("delivery:report-xlsx") + f"?projekt={subjects['project']}"
            people = Participant.objects.filter(group__project=subjects["project"]).count()
            row = time_page(client, path, 1)
            out["xlsx"] = {"people": people, "seconds": row["median_ms"] / 1000} | row
        transaction.set_rollback(True)
    return out


def main(argv: list[str]) -> None:
    started = start(argv, 20, measure, __doc__)
    if started is None:
        return
    runs, urls = started
    demo, national = (in_subprocess(__file__, url, runs) for url in urls)
    print_named_pages(demo["pages"], national["pages"], runs, PAGE_P95_MS)
    cert = national["certificates"]
    if cert:
        print(
            f"\ncertificates of group {cert['group']} ({cert['people']} people, "
            f"{cert['issued']} issued, job {cert['status']}): {cert['seconds']:.2f} s "
            f"[target ≤ {CERTIFICATES_S} s: {flag(cert['seconds'] <= CERTIFICATES_S)}]"
        )
    else:
        print("\ncertificates: no finished group without certificates in the national data")
    for name, result in (("demo", demo["xlsx"]), ("national", national["xlsx"])):
        if result:
            print(
                f"attendance XLSX of the largest project ({name}, {result['people']} people): "
                f"{result['seconds']:.2f} s, {result['queries']} queries, {result['kb']:.0f} KB "
                f"[target ≤ {XLSX_S} s: {flag(result['seconds'] <= XLSX_S)}]"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
