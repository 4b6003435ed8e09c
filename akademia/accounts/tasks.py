from django_tasks import task

from akademia.accounts.services import invitation_send


@task()
def send_invitation(user_id: int, language: str) -> bool:
    """At-least-once, and not idempotent: a retry after the e-mail went out sends the same link
    again (harmless). Once the account has a password, or is deactivated, nothing is sent."""
    return invitation_send(user_id=user_id, language=language)
