"""Load test: many people browsing at once, against gunicorn on a real database.

    .venv/bin/python bench/load.py DATABASE_URL [--users 100] [--seconds 300] [--web-workers 4]

1. Picks the people (a mix by role, as the programme has them: participants and coordinators
   most, then trainers, the regional operators and the national one), signs each in by making
   a session in the database (no password, no login throttle), and collects what each would
   browse: the pages linked from their home page, two links deep (dashboards, calendars,
   lists, details, JSON), never a download, a form's POST or a sign-out; and the REST API's
   lists, with a token of their own.
2. Starts gunicorn on 127.0.0.1 (DEBUG off, static files collected) on that database.
3. Runs locust headless from a process of its own (`bench/locustfile.py`): `--users` people,
   each opening one of their pages every 1–3 s, for `--seconds`.
4. Prints the requests, the failures (any answer other than 200), the median and p95 time over
   all of them and per kind of page, and the machine's load average; the target (issue #15):
   p95 ≤ 500 ms and no failure with 100 people for 5 minutes.

locust (2.47) is installed into `.venv-load`, a virtualenv of its own, on the first run: it
brings gevent, which the application does not need and should not carry.
"""

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD_VENV = ROOT / ".venv-load"
LOCUST = "locust==2.47.0"
# People of each role among the simulated users (shares of --users).
MIX = {
    "participant": 0.40,
    "jst_coordinator": 0.30,
    "trainer": 0.15,
    "regional_operator": 0.10,
    "national_operator": 0.05,
}
PAGES_PER_PERSON = 25
# Never a download, a sign-out or the password form; nor the public certificate check, which
# is limited per client address (every simulated person comes from 127.0.0.1).
SKIP = re.compile(
    r"^/(static|media)/|/wylogowanie/|/jezyk/|^/konto/haslo/|^/zaswiadczenia/"
    r"|\.(xlsx|docx|pdf|csv|ics)(\?|$)"
)


def _arg(argv: list[str], name: str, default: int) -> int:
    return int(argv[argv.index(name) + 1]) if name in argv else default


def prepare(users: int) -> list[dict]:
    """The simulated people: a session cookie and the pages each browses."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akademia.config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.test import Client

    from akademia.accounts.models import User
    from bench.pages import crawl, route

    rng = random.Random(7)
    people = []
    for role, share in MIX.items():
        wanted = max(1, round(users * share))
        candidates = list(User.objects.filter(role=role, is_active=True).order_by("pk"))
        for user in rng.sample(candidates, min(wanted, len(candidates))):
            client = Client()
            client.force_login(user)
            pages = [p for p in crawl(client) if not SKIP.search(p)][:PAGES_PER_PERSON]
            pages = [[path, route(path)] for path in pages] + _api_pages(user)
            session = client.session
            cookie = {settings.SESSION_COOKIE_NAME: session.session_key}
            assert session[SESSION_KEY] and session[BACKEND_SESSION_KEY]
            assert session[HASH_SESSION_KEY]
            people.append({"role": role, "cookies": cookie, "pages": pages})
    return people


API_LISTS = ("projekty", "nabory", "grupy", "zjazdy", "konsultacje", "uwagi", "wskazniki")


def _api_pages(user) -> list:
    """The REST API's lists, read with a token of the person's own (one per run: the last
    run's is revoked first, so runs do not pile tokens up)."""
    from django.test import Client

    from akademia.api import services
    from akademia.api.models import ApiToken

    old = ApiToken.objects.filter(user=user, name=TOKEN_NAME, revoked_at__isnull=True)
    for token in old:
        services.token_revoke(actor=user, token=token)
    _token, key = services.token_create(actor=user, name=TOKEN_NAME)
    headers = {"Authorization": f"Bearer {key}"}
    client = Client(headers=headers)
    # Only the lists the person's role may read (the others answer 403, as they should).
    paths = [f"/api/v1/{name}/" for name in API_LISTS]
    paths = [path for path in paths if client.get(path).status_code == 200]
    return [[path, f"api: {path.split('/')[3]}", headers] for path in paths]


TOKEN_NAME = "test obciążenia"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _locust() -> Path:
    binary = LOAD_VENV / "bin" / "locust"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(LOAD_VENV)], check=True)
        pip = [str(LOAD_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, LOCUST], check=True)
    return binary


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("gunicorn did not start")
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer")


def _summary(csv_prefix: str) -> list[dict]:
    import csv

    with open(csv_prefix + "_stats.csv", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def main(argv: list[str]) -> None:
    urls = [a for a in argv if "://" in a]
    if len(urls) != 1:
        raise SystemExit(__doc__)
    users, seconds = _arg(argv, "--users", 100), _arg(argv, "--seconds", 300)
    web_workers = _arg(argv, "--web-workers", 4)
    env = {
        **os.environ,
        "DATABASE_URL": urls[0],
        "DEBUG": "0",
        "TWO_FACTOR_REQUIRED": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    }
    os.environ.update(env)
    subprocess.run([sys.executable, "-m", "akademia", "collectstatic", "--noinput", "-v0"], env=env)
    people = prepare(users)
    work = Path(tempfile.mkdtemp(prefix="akademia-load-"))
    (work / "people.json").write_text(json.dumps(people))
    locust = _locust()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = [str(ROOT / ".venv" / "bin" / "gunicorn"), "akademia.config.wsgi"]
    server = subprocess.Popen(
        [*gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", str(web_workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(base, server)
        prefix = str(work / "locust")
        command = [str(locust), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
        command += ["--host", base, "--users", str(users), "--spawn-rate", str(max(1, users // 10))]
        command += ["--run-time", f"{seconds}s", "--csv", prefix, "--only-summary"]
        started = time.monotonic()
        with open(work / "locust.log", "w") as log:
            people_file = {"AKADEMIA_PEOPLE": str(work / "people.json")}
            subprocess.run(command, env={**env, **people_file}, stdout=log, stderr=log)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(_summary(prefix), people, users, elapsed)


def report(rows: list[dict], people: list[dict], users: int, elapsed: float) -> None:
    total = next(row for row in rows if row["Name"] == "Aggregated")
    pages = sorted(
        (row for row in rows if row["Name"] != "Aggregated"),
        key=lambda row: -float(row["95%"] or 0),
    )
    print(f"{'page (URL pattern)':<48} {'requests':>9} {'fail':>5} {'median':>7} {'p95':>6}")
    for row in pages[:25]:
        print(
            f"{row['Name'][:48]:<48} {row['Request Count']:>9} {row['Failure Count']:>5} "
            f"{float(row['Median Response Time']):7.0f} {row['95%']:>6}"
        )
    roles = {}
    for person in people:
        roles[person["role"]] = roles.get(person["role"], 0) + 1
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\n{users} simulated people ({len(people)} accounts: {roles}) for {elapsed:.0f} s: "
        f"{total['Request Count']} requests, {total['Failure Count']} failures, median "
        f"{float(total['Median Response Time']):.0f} ms, p95 {total['95%']} ms "
        f"(target: p95 ≤ 500 ms, 0 failures). Load average at the end: {load} (2 cores)."
    )


if __name__ == "__main__":
    main(sys.argv[1:])
