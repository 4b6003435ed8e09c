from django_tasks import task

from akademia.planning import notifications


@task()
def notify_coordinators(plan_id: int) -> int:
    """Takes an id and reloads; a retry may send the dates again, which is harmless."""
    return notifications.send_dates(plan_id=plan_id)
