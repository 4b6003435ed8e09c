"""Work the worker starts by itself, once a day: `daily(task, at=time)` (from an
AppConfig.ready) registers a task without arguments; `enqueue_due()`, called by `akademia
worker` at its start and by its reaper thread every JOB_HEARTBEAT_SECONDS (next to the outbox's
sweep; not with --batch), enqueues each task whose hour has come and which this worker has not
enqueued today.

Each worker process remembers its own day: several workers, or a worker restarted, enqueue a
task again the same day, so a periodic task must be harmless twice (the reminders are: each
e-mail's outbox key is queued once).
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass
class _Daily:
    task: object
    at: dt.time
    last_day: dt.date | None = None


_DAILY: dict[str, _Daily] = {}


def daily(task, *, at: dt.time = dt.time(7, 0)) -> None:
    """Enqueue `task` once a day, from the local time `at` on."""
    _DAILY.setdefault(task.module_path, _Daily(task, at))


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue the daily tasks due now; returns their paths."""
    now = timezone.localtime(now or timezone.now())
    started = []
    for path, entry in _DAILY.items():
        if entry.last_day == now.date() or now.time() < entry.at:
            continue
        entry.task.enqueue()
        entry.last_day = now.date()
        started.append(path)
        logger.info("Daily task enqueued: %s", path)
    return started


def forget_runs() -> None:
    """Tests: as a newly started worker."""
    for entry in _DAILY.values():
        entry.last_day = None
