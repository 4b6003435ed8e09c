"""Secrets stay out of the logs: `RedactSecrets`, a filter on the log handler, replaces what
the patterns of LOG_SECRET_PATTERNS match in every message (a calendar feed's token in the path
that Django logs with a 404, or that the development server logs with every request)."""

import functools
import logging
import re

from django.conf import settings

HIDDEN = "[…]"


@functools.cache
def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern]:
    return [re.compile(pattern) for pattern in patterns]


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        patterns = _compiled(tuple(getattr(settings, "LOG_SECRET_PATTERNS", ())))
        if not patterns:
            return True
        message = record.getMessage()
        redacted = message
        for pattern in patterns:
            redacted = pattern.sub(HIDDEN, redacted)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
