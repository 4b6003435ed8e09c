"""Evaluation benchmark (issue #14): the results of a project and of a programme version, and
the XLSX of a project's answers, on the demo data and on the national dataset.

    .venv/bin/python bench/evaluation.py DEMO_DATABASE_URL NATIONAL_DATABASE_URL [--runs 20]

For each database (a subprocess each, the same code and settings) it picks the project with
the most answers and the programme version with the most surveys, and requests through
Django's test client (the server's whole work, no network) as the national operator, `--runs`
times: the project's results page (its groups compared), the version's results page (its
projects and the programme's versions compared), the group page of the project's largest group,
the results XLSX of the version, the survey results list and the selection of answers for the
version's consultation; it prints median and p95 time, the web process's CPU p95, the SQL
queries and the size, demo next to national (the query counts must be equal: they do not grow
with the data).
Then, once, the XLSX of the project's answers (one row per response), with its rows.

Targets (issue #14): results of a project and of a version p95 ≤ 300 ms with a bounded number
of queries; the project's answers XLSX ≤ 5 s. Nothing is written.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the repository's packages, `bench` too

from bench.pages import flag, in_subprocess, print_named_pages, setup, start, time_page  # noqa: E402

PAGE_P95_MS = 300
XLSX_S = 5


def _subjects() -> dict:
    from django.db.models import Count

    from akademia.accounts.models import User
    from akademia.accounts.roles import Role
    from akademia.evaluation.models import Answer, Response, Survey

    project = (
        Response.objects.values("survey__group__project_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    version = (
        Survey.objects.values("questionnaire__version_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    group = None
    if project:
        group = (
            Response.objects.filter(survey__group__project_id=project["survey__group__project_id"])
            .values("survey__group_id")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
    national = User.objects.filter(role=Role.NATIONAL_OPERATOR, is_active=True).order_by("pk")
    return {
        "project": project["survey__group__project_id"] if project else None,
        "project_responses": project["n"] if project else 0,
        "version": version["questionnaire__version_id"] if version else None,
        "group": group["survey__group_id"] if group else None,
        "operator": national.first(),
        "answers": Answer.objects.count(),
        "responses": Response.objects.count(),
    }


def measure(runs: int) -> dict:
    setup()
    from django.test import Client
    from django.urls import reverse

    from akademia.evaluation.models import Answer

    subjects = _subjects()
    out = {
        "pages": [],
        "xlsx": None,
        "answers": subjects["answers"],
        "responses": subjects["responses"],
    }
    if subjects["operator"] is None or subjects["project"] is None:
        return out
    client = Client()
    client.force_login(subjects["operator"])
    project, version = subjects["project"], subjects["version"]
    pages = [
        ("results of a project", reverse("evaluation:project-results", args=[project])),
        ("results of a programme version", reverse("evaluation:version-results", args=[version])),
        (
            "results of its largest group",
            reverse("evaluation:group-results", args=[subjects["group"]]),
        ),
        ("results XLSX of the version", reverse("evaluation:version-xlsx", args=[version])),
        ("survey results list", reverse("evaluation:results-list")),
        ("feedback selection", reverse("evaluation:feedback-select", args=[version])),
    ]
    for label, path in pages:
        out["pages"].append({"label": label} | time_page(client, path, runs))
    path = reverse("evaluation:project-answers-xlsx", args=[project])
    row = time_page(client, path, 1)
    values = Answer.objects.filter(response__survey__group__project_id=project).count()
    out["xlsx"] = {
        "responses": subjects["project_responses"],
        "values": values,
        "seconds": row["median_ms"] / 1000,
    } | row
    return out


def main(argv: list[str]) -> None:
    started = start(argv, 20, measure, __doc__)
    if started is None:
        return
    runs, urls = started
    demo, national = (in_subprocess(__file__, url, runs) for url in urls)
    print(
        f"answer values: demo {demo['answers']}, national {national['answers']} "
        f"({demo['responses']} and {national['responses']} responses)"
    )
    print_named_pages(demo["pages"], national["pages"], runs, PAGE_P95_MS)
    for name, result in (("demo", demo["xlsx"]), ("national", national["xlsx"])):
        if result:
            print(
                f"answers XLSX of the largest project ({name}, {result['responses']} responses, "
                f"{result['values']} values): {result['seconds']:.2f} s, {result['queries']} "
                f"queries, {result['kb']:.0f} KB "
                f"[target ≤ {XLSX_S} s: {flag(result['seconds'] <= XLSX_S)}]"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
