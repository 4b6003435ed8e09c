"""`akademia worker`: runs background tasks from the database queue.

django-tasks-db's `db_worker`, plus the jobs reaper (core/jobs.py): at start, and then every
JOB_HEARTBEAT_SECONDS in a thread of its own, it resolves the jobs of workers that died (queued
again, failed or cancelled), so a killed worker's job does not stay "running" for ever. Several
workers, on one machine or many, may share one PostgreSQL queue (each task is claimed with
SELECT ... FOR UPDATE SKIP LOCKED) and run reapers at once.

The reaper also sweeps the e-mail outbox (core/outbox.py): when messages wait and no sending
task is queued for them (a killed worker's batch whose claim ran out, a backoff that ended),
it enqueues one; and it enqueues the daily tasks whose hour has come (core/periodic.py: the
meeting reminders).
"""

import logging
import os
import threading

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from akademia.core import outbox, periodic
from akademia.core.jobs import jobs_reap

logger = logging.getLogger(__name__)


class Reaper:
    """Calls `jobs_reap` and sweeps the outbox every few seconds in a daemon thread, on its own
    connection."""

    def __init__(self, every: float):
        self.every = every
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="jobs-reaper", daemon=True)

    def start(self) -> "Reaper":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)

    def _loop(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    jobs_reap()
                    outbox.sweep()
                    periodic.enqueue_due()
                except DatabaseError:
                    logger.exception("The jobs reaper failed; trying again")
                finally:
                    connections.close_all()  # this thread's connection; reopened next time
        finally:
            connections.close_all()


class Command(DbWorkerCommand):
    help = "Run background tasks from the database queue (several workers may share it)."

    def handle(self, *args, **options):
        jobs_reap()  # first the jobs a dead worker left running, so this worker can take them
        outbox.sweep()  # and the e-mails waiting without a sending task
        if not options["batch"]:  # a batch runs what is queued; a running worker starts the day
            periodic.enqueue_due()  # the daily tasks due (reminders)
        reloader_parent = (
            options["reload"]
            and not options["batch"]
            and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        )
        reaper = None
        if not options["batch"] and not reloader_parent:
            reaper = Reaper(every=settings.JOB_HEARTBEAT_SECONDS).start()
        try:
            super().handle(*args, **options)
        finally:
            if reaper:
                reaper.stop()
