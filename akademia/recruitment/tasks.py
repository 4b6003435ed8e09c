from django_tasks import task

from akademia.recruitment import notifications


@task()
def send_application_email(application_id: int, template: str, language: str) -> bool:
    """Takes ids and reloads; a retry may send the same notice twice, which is harmless."""
    return notifications.send(application_id=application_id, template=template, language=language)
