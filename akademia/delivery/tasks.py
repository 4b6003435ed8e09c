"""Background work of delivery: the participants of a project's groups follow its plan and
enrolments. Tasks take ids and are at-least-once; the sync is idempotent, so a retry is safe."""

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
def reminders_send() -> int:
    """The reminders before meetings (`services.reminders_queue`), queued once a day by the
    worker (`core.periodic`). Harmless twice: each reminder's outbox key is queued once."""
    from akademia.core.audit import SYSTEM
    from akademia.delivery import services

    return services.reminders_queue(actor=SYSTEM)
