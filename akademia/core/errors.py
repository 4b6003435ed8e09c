"""Errors that services raise for the user to read."""


class DomainError(Exception):
    """A business rule was broken; the message is translated and shown to the user as is.

    `field` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
