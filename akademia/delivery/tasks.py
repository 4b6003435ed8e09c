"""Background work of delivery: the participants of a project's groups follow its plan and
enrolments; tasks between meetings left overdue are announced. Tasks take ids and are
at-least-once; the sync and the overdue notice are idempotent, so a retry is safe."""

import datetime as dt

from django.utils import timezone
from django_tasks import task


@task()
def participants_sync(project_id: int) -> dict:
    from akademia.core.audit import SYSTEM
    from akademia.delivery import services

    return services.participants_sync_project(actor=SYSTEM, project_id=project_id)


def on_groups_changed(sender, *, project_id: int, **kwargs) -> None:
    """A plan was published or a JST withdrew (planning's and recruitment's signals, sent once
    their change committed): bring the project's participants up to date in the worker."""
    participants_sync.enqueue(project_id)


@task()
def tasks_overdue() -> int:
    from akademia.core.audit import SYSTEM
    from akademia.delivery import services

    return services.tasks_overdue_notify(actor=SYSTEM)


OVERDUE_CHECK_HOUR = 7  # the morning after a due day, not in the night


def check_overdue_after(days: list[dt.date]) -> None:
    """Have the worker look for overdue tasks on the morning after each due day (tasks were
    given or their due day moved). Only a queue that can wait (the database's) gets these; a
    check that finds nothing does nothing, so one more is harmless."""
    if not tasks_overdue.get_backend().supports_defer:
        return
    now, due_now = timezone.now(), False
    for day in days:
        morning = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(OVERDUE_CHECK_HOUR))
        at = timezone.make_aware(morning)
        if at > now:
            tasks_overdue.using(run_after=at).enqueue()
        else:
            due_now = True
    if due_now:
        tasks_overdue.enqueue()


@task()
def reminders_send() -> int:
    """The reminders before meetings (`services.reminders_queue`), queued once a day by the
    worker (`core.periodic`). Harmless twice: each reminder's outbox key is queued once."""
    from akademia.core.audit import SYSTEM
    from akademia.delivery import services

    return services.reminders_queue(actor=SYSTEM)
