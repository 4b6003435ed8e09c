"""SM EFS export benchmark (issue #15): the participant and institution files of the project
with the most participants, on a database built by `load_national`.

    .venv/bin/python bench/efs.py DATABASE_URL [--runs 10]

In a subprocess on that database (DEBUG off, as production), through Django's test client (the
server's whole work, no network), as the national operator, it downloads `--runs` times each
file of the largest project, reading the whole stream, and prints the median and p95 time, the
SQL queries, the size and the number of people. Everything runs in one transaction rolled back
at the end (each download writes an audit entry). Target (issue #15): the participant file of a
project in ≤ 2 s, with a number of queries that does not grow with its people
(akademia/efs/tests/test_export.py checks the count at two sizes).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import setup, time_page  # noqa: E402

TARGET_S = 2


def measure(runs: int) -> dict:
    setup()
    from django.db import transaction
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from akademia.accounts.models import User
    from akademia.accounts.roles import Role
    from akademia.delivery.models import Participant

    biggest = (
        Participant.objects.values("group__project_id")
        .annotate(people=Count("user_id", distinct=True))
        .order_by("-people")
        .first()
    )
    project, people = biggest["group__project_id"], biggest["people"]
    client = Client()
    client.force_login(User.objects.filter(role=Role.NATIONAL_OPERATOR).order_by("pk").first())
    rows = []
    with transaction.atomic():
        for name in ("efs:participants-csv", "efs:institutions-csv"):
            rows.append(time_page(client, reverse(name, args=[project]), runs))
        transaction.set_rollback(True)
    return {"project": project, "people": people, "files": rows}


def main(argv: list[str]) -> None:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 10
    if "--measure" in argv:
        print(json.dumps(measure(runs)))
        return
    urls = [a for a in argv if "://" in a]
    if len(urls) != 1:
        raise SystemExit(__doc__)
    env = {**os.environ, "DATABASE_URL": urls[0], "DEBUG": "0", "TWO_FACTOR_REQUIRED": "0"}
    out = subprocess.run(
        [sys.executable, __file__, "--measure", "--runs", str(runs)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    print(f"project {result['project']}: {result['people']} people, {runs} runs each")
    for row in result["files"]:
        verdict = "ok" if row["p95_ms"] <= TARGET_S * 1000 else "SLOWER THAN TARGET"
        print(
            f"  {row['path']:<40} median {row['median_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms"
            f"  {row['queries']:3d} queries  {row['kb']:7.1f} KB  {verdict}"
        )


if __name__ == "__main__":
    main(sys.argv)
