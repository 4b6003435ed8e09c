from django_tasks import task

from akademia.recruitment import notifications


@task()
def send_application_email(application_id: int, template: str, language: str) -> bool:
    """Takes ids and reloads. At-least-once, and not idempotent: a retry after the e-mail went
    out sends the same notice again, which is harmless. `language` is the one of the request
    when the recipient caused the e-mail, else "" (see notifications.py)."""
    return notifications.send(application_id=application_id, template=template, language=language)
