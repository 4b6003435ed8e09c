"""Page benchmark: every page a role can reach, on the demo data and on the national dataset.

    .venv/bin/python bench/pages.py DEMO_DATABASE_URL NATIONAL_DATABASE_URL [--runs 5]
        [--only REGEX]

For each database (a subprocess each, so both use the same code and settings) it signs in as
the national operator, the Śląskie regional operator, Koziegłowy's coordinator and its
participant (the demo logins, present in both), follows every link from the home page (GET
only, at most PER_ROUTE pages of one URL pattern, exports included), then requests each page
`--runs` times through Django's test client (the server's whole work: middleware, view,
templates; no network) and prints per URL pattern and role the median and p95 time, the SQL
queries and the size, demo next to national, and the ratio of the national median to the demo
one. `--only REGEX` times only the pages where the regular expression is found in
"role URL-pattern-name path" (e.g. `--only "national consultations:"`); the crawl is the same.
Build the national database with `akademia load_national` (docs/benchmarks.md).
"""

import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROLES = {
    "national": "krajowy@demo.example.org",
    "regional": "slaskie@demo.example.org",
    "coordinator": "koordynator@demo.example.org",
    "participant": "uczestnik@demo.example.org",
}
PER_ROUTE = 3
MAX_PAGES = 200
SKIP = re.compile(r"^/(static|media)/|/wylogowanie/|/jezyk/|^/konto/haslo/")
LINK = re.compile(r'href="(/[^"#]*)"')
# Pages whose links the crawler does not follow: the monitoring dashboard links to a list behind
# every figure (and to groups and days of alerts), which would change which objects of the
# other apps the crawler samples; its pages are requested by name instead (`named_pages`).
LEAVES = ("reporting:", "progress:")


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akademia.config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    # As the web server loads it (django.setup(), then the loaded objects frozen out of the
    # garbage collector's way), so that the timings are those of a served page.
    import akademia.config.wsgi  # noqa: F401


def route(path: str) -> str:
    from django.urls import resolve

    try:
        match = resolve(path.split("?")[0])
    except Exception:
        return path
    return match.view_name


def crawl(client) -> list[str]:
    """Pages reachable from the home page by links, a few of each URL pattern."""
    seen, per_route, found = {"/"}, {}, []
    queue = deque(["/"])
    while queue and len(found) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200:
            continue
        found.append(path)
        if "html" not in response.get("Content-Type", "") or route(path).startswith(LEAVES):
            continue
        for link in LINK.findall(response.content.decode(errors="replace")):
            link = link.replace("&amp;", "&")
            if link in seen or SKIP.search(link):
                continue
            name = route(link)
            if per_route.get(name, 0) >= PER_ROUTE:
                continue
            per_route[name] = per_route.get(name, 0) + 1
            seen.add(link)
            queue.append(link)
    return found


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def named_pages(user) -> list[str]:
    """Pages measured whether or not the crawler reaches them: the monitoring dashboard (all of
    the user's scope, and narrowed to their first project), its exports, maps and the monthly
    report (issue #15); nothing for a role that does not see reports."""
    from django.urls import reverse

    from akademia.accounts.permissions import can
    from akademia.accounts.roles import Capability
    from akademia.recruitment.selectors import project_list_for

    if not can(user, Capability.SEE_REPORTS):
        return []
    project = project_list_for(user).filter(voivodeship__isnull=False).order_by("pk").first()
    dashboard = reverse("reporting:dashboard")
    pages = [
        dashboard,
        reverse("reporting:table-export", args=["wszystko", "xlsx"]),
        reverse("reporting:table-export", args=["projects", "csv"]),
        reverse("reporting:map-areas", args=["powiaty"]),
        reverse("reporting:map-points"),
        f"{reverse('reporting:people')}?etap=started",
        reverse("progress:public"),
        reverse("progress:open-data"),
    ]
    if project is not None:
        pages += [
            f"{dashboard}?projekt={project.pk}",
            reverse("reporting:monthly-report", args=[project.pk, "pdf"]),
            reverse("reporting:monthly-report", args=[project.pk, "docx"]),
        ]
    return pages


def time_page(client, path: str, runs: int) -> dict:
    """`runs` requests of one page: median and p95 time (ms), SQL queries, status and size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu = [], []
    client.get(path)  # a server has compiled the page's templates before: not measured
    # The queries are counted on one more request: capturing them while timing would time the
    # debug cursor too (it keeps every statement with its parameters), which a server does not.
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = len(captured)
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        content = b"".join(response) if response.streaming else response.content
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    size, status = len(content), response.status_code
    return {
        "path": path,
        "status": status,
        "html": response.get("Content-Type", "").startswith("text/html"),
        "median_ms": statistics.median(times),
        "p95_ms": _p95(times),
        # The web process's own CPU time: on a machine shared with other work the wall time
        # waits for the CPU, this does not (the database's time is not in it).
        "cpu_p95_ms": _p95(cpu),
        "queries": queries,
        "kb": size / 1024,
    }


def measure(runs: int, only: str = "") -> list[dict]:
    setup()
    from django.test import Client

    from akademia.accounts.models import User

    rows = []
    for role, email in ROLES.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        found = crawl(client)
        paths = found + [p for p in named_pages(user) if p not in found]
        for path in paths:
            if only and not re.search(only, f"{role} {route(path)} {path}"):
                continue
            rows.append({"role": role, "route": route(path)} | time_page(client, path, runs))
    return rows


def _worst(rows: list[dict]) -> dict[tuple[str, str], dict]:
    """Per role and URL pattern, the slowest page measured."""
    worst = {}
    for row in rows:
        key = (row["role"], row["route"])
        if key not in worst or row["median_ms"] > worst[key]["median_ms"]:
            worst[key] = row
    return worst


def in_subprocess(script: str, database_url: str, runs: int, extra: tuple[str, ...] = ()):
    """`script --measure` on one database, in a process of its own; what it printed (JSON)."""
    # The server's work on each page, not the second sign-in step of staff (2FA).
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "TWO_FACTOR_REQUIRED": "0"}
    out = subprocess.run(
        [sys.executable, script, "--measure", "--runs", str(runs), *extra],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def start(argv: list[str], default_runs: int, measure, doc: str) -> tuple[int, list[str]] | None:
    """A benchmark's command line: with `--measure`, measure this database, print it, None;
    else the runs and the two databases' URLs, static files collected for DEBUG off."""
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else default_runs
    if "--measure" in argv:
        print(json.dumps(measure(runs)))
        return None
    urls = [a for a in argv if "://" in a]
    if len(urls) != 2:
        raise SystemExit(doc)
    # Production settings (DEBUG off) serve hashed static files: collect them first.
    subprocess.run(
        [sys.executable, "-m", "akademia", "collectstatic", "--noinput", "-v0"], check=True
    )
    return runs, urls


def flag(ok: bool) -> str:
    return "ok" if ok else "OVER"


def print_named_pages(demo: list[dict], national: list[dict], runs: int, target_ms: float) -> None:
    """The table of a benchmark's named pages (`label` and `time_page`'s figures), demo beside
    national, each flagged against the p95 target and where the query counts differ."""
    demo_pages = {row["label"]: row for row in demo}
    header = (
        f"{'page':<34} {'demo ms':>8} {'p95':>7} {'q':>4} {'KB':>6} │ "
        f"{'nat. ms':>8} {'p95':>7} {'CPU95':>6} {'q':>4} {'KB':>6}  target"
    )
    print(f"runs per page: {runs}\n{header}\n{'─' * len(header)}")
    for n in national:
        d = demo_pages.get(n["label"])
        demo_cells = (
            f"{d['median_ms']:8.1f} {d['p95_ms']:7.1f} {d['queries']:4d} {d['kb']:6.0f}"
            if d
            else f"{'–':>28}"
        )
        same = d is None or d["queries"] == n["queries"]
        ok = n["p95_ms"] <= target_ms and n["status"] == 200
        print(
            f"{n['label']:<34} {demo_cells} │ {n['median_ms']:8.1f} {n['p95_ms']:7.1f} "
            f"{n['cpu_p95_ms']:6.0f} {n['queries']:4d} {n['kb']:6.0f}  {flag(ok)}"
            f"{'' if same else ' (queries differ)'}"
            f"{'' if n['status'] == 200 else ' status ' + str(n['status'])}"
        )


def main(argv: list[str]) -> None:
    only = argv[argv.index("--only") + 1] if "--only" in argv else ""
    started = start(argv, 5, lambda runs: measure(runs, only), __doc__)
    if started is None:
        return
    runs, urls = started
    extra = ("--only", only) if only else ()
    demo, national = (_worst(in_subprocess(__file__, url, runs, extra)) for url in urls)
    header = (
        f"{'role':<12} {'page':<44} {'demo ms':>8} {'q':>4} {'KB':>6} │ "
        f"{'nat. ms':>8} {'p95':>7} {'CPU95':>6} {'q':>5} {'KB':>7} {'×':>6}"
    )
    print(header)
    print("─" * len(header))
    slow = slow_cpu = over = 0
    for key in sorted(national, key=lambda k: (k[0], -national[k]["median_ms"])):
        n, d = national[key], demo.get(key)
        ratio = n["median_ms"] / d["median_ms"] if d and d["median_ms"] else float("nan")
        # Targets (issue #12): an HTML page's p95 300 ms, an export's 3 s.
        limit = 300 if n.get("html", True) else 3000
        slow += n["p95_ms"] > limit
        slow_cpu += n["cpu_p95_ms"] > limit
        over += n["kb"] > 500
        demo_cells = (
            f"{d['median_ms']:8.1f} {d['queries']:4d} {d['kb']:6.0f}" if d else f"{'–':>20}"
        )
        print(
            f"{key[0]:<12} {key[1][:44]:<44} {demo_cells} │ {n['median_ms']:8.1f} "
            f"{n['p95_ms']:7.1f} {n['cpu_p95_ms']:6.0f} {n['queries']:5d} {n['kb']:7.0f} "
            f"{ratio:6.1f}"
        )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\n{len(national)} pages × roles on the national dataset; over the target (HTML p95 "
        f"300 ms, exports 3 s): {slow} by wall time, {slow_cpu} by the web process's CPU time; "
        f"over 500 KB: {over}. Load average at the end: {load} (2 cores)."
    )


if __name__ == "__main__":
    main(sys.argv[1:])
