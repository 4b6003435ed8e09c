"""Test helpers of core: the e-mail outbox run as the worker would run it."""

from django.core import mail

from akademia.core.outbox import send_due


def send_queued() -> list[mail.EmailMessage]:
    """Run the outbox's sender once, as the worker does; the e-mails it sent."""
    before = len(mail.outbox)
    send_due()
    return mail.outbox[before:]


def clear_mail() -> None:
    """Send what the steps before queued and forget it, so that a test sees only the e-mails
    of what it does next (the sender sends whatever is due, not only the latest messages)."""
    send_due()
    mail.outbox.clear()
