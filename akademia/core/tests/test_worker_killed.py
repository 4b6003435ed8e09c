"""A real worker process killed (SIGKILL) in the middle of a job, as in issue #9.

Own SQLite file, own processes: migrate, start a job, a worker that blocks in it, kill -9,
the reaper (with `now` moved past the heartbeat timeout, not by sleeping), a new worker with
--batch. The job must end succeeded, run to its end once, and the queue must tell the truth.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from django.conf import settings
from django_tasks_db.models import DBTaskResult

from akademia.core.models import Job

ROOT = settings.BASE_DIR.parent
SETUP = "import django; django.setup(); import akademia.core.tests.blocking_job\n"


def _python(env, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SETUP + code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _wait_for(path, worker) -> None:
    for _ in range(1200):  # a bound for a noisy machine, not a timing assertion
        if path.exists():
            return
        assert worker.poll() is None, "the worker exited before running the job"
        time.sleep(0.05)
    raise AssertionError(f"the worker never started the job ({path.name})")


def test_a_job_of_a_worker_killed_mid_run_is_run_again_and_finishes_once(tmp_path):
    database = tmp_path / "akademia.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"TASKS_BACKEND", "DATABASE_URL"}},
        "DJANGO_SETTINGS_MODULE": "akademia.config.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "VAR_DIR": str(tmp_path),
        "TESTING": "0",
        "DEBUG": "0",
    }
    # One process migrates the fresh database and starts the job (each process costs seconds).
    job_id = _python(
        env,
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from akademia.core.jobs import job_start\n"
        f"job = job_start(kind='tests.block', label='x', actor=None, params={{'folder': "
        f"{str(tmp_path)!r}}})\n"
        "print(job.pk)",
    )
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            SETUP + "from django.core.management import call_command\n"
            "call_command('worker', '--interval', '0.1', '--no-startup-delay')",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(tmp_path / "attempt-1", worker)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
        log.close()

    db = sqlite3.connect(database)
    job_sql = f"SELECT status, attempt, result FROM {Job._meta.db_table} WHERE id = ?"
    # The job's task rows (a worker also enqueues its daily tasks: core/periodic.py).
    rows_sql = (
        f"SELECT status FROM {DBTaskResult._meta.db_table} "
        "WHERE task_path = 'akademia.core.tasks.run_job' ORDER BY status"
    )
    job_key = job_id.replace("-", "")  # how SQLite stores a UUID
    # What issue #9 saw: the job "running" and the queue row RUNNING, with nobody running them.
    assert db.execute(job_sql, [job_key]).fetchone()[:2] == ("running", 1)
    assert [r[0] for r in db.execute(rows_sql)] == ["RUNNING"]

    # The reaper (with `now` past the heartbeat timeout), then a new worker, in one process.
    reaped = _python(
        env,
        "from datetime import timedelta\n"
        "from django.conf import settings\n"
        "from django.core.management import call_command\n"
        "from django.utils import timezone\n"
        "from akademia.core.jobs import jobs_reap\n"
        "later = timezone.now() + timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT + 1)\n"
        "print(jobs_reap(now=later))\n"
        "call_command('worker', '--batch', '--interval', '0', '--no-startup-delay')",
    )
    assert reaped.splitlines()[0] == "1"

    status, attempt, result = db.execute(job_sql, [job_key]).fetchone()
    assert (status, attempt, json.loads(result)) == ("succeeded", 2, {"attempt": 2})
    assert (tmp_path / "finished").read_text() == "2\n"  # run to its end once
    assert [r[0] for r in db.execute(rows_sql)] == ["FAILED", "SUCCESSFUL"]
    db.close()
