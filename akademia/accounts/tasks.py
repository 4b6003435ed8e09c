from django_tasks import task

from akademia.accounts.services import invitation_send


@task()
def send_invitation(user_id: int, language: str) -> bool:
    """Safe to retry: an account that already has a password gets no second e-mail."""
    return invitation_send(user_id=user_id, language=language)
