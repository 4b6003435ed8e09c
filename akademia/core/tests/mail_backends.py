"""Mail backends for the outbox tests: a server that is down, one that refuses a recipient, and
a worker killed in the middle of a batch."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as Locmem


class Down(BaseEmailBackend):
    """The mail server does not answer: opening the connection fails."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages):
        self.open()


class Refuses(BaseEmailBackend):
    """The server refuses the recipient, quoting the address (which must not be stored)."""

    def send_messages(self, messages):
        recipient = messages[0].to[0]
        raise SMTPRecipientsRefused({recipient: (550, f"{recipient}: no such user".encode())})


class Killed(BaseException):
    """What a kill -9 looks like to the code after it: nothing more runs (not an Exception)."""


class KilledOnThird(Locmem):
    """Delivers two messages, then the worker dies before the server takes the third."""

    delivered = 0

    def send_messages(self, messages):
        if KilledOnThird.delivered == 2:
            raise Killed
        KilledOnThird.delivered += 1
        return super().send_messages(messages)
