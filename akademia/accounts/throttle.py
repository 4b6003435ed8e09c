"""Login throttling on top of django-axes: per account and address, and per address alone.

Axes locks a username on one address after `AXES_FAILURE_LIMIT` failures (the lockout
parameters `[["username", "ip_address"]]`). It has one limit only, so the wider per-address
rule lives here: once one address has failed `LOGIN_ADDRESS_FAILURE_LIMIT` times within the
cool-off, over any accounts, it is locked as a whole. The address is `core.net.client_ip`
(REMOTE_ADDR unless a proxy is configured), so a forged X-Forwarded-For neither dodges this nor
locks anyone else out.

The address is deliberately not an axes lockout parameter: axes would then delete the address's
failures on any successful login from it, and one valid account would reset the count.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class LoginThrottleHandler(AxesDatabaseHandler):
    def address_failures(self, request) -> int:
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Failures counted against the lock-out: those of the account on this address, or the
        full limit once the address as a whole has reached its own (higher) limit."""
        failures = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            failures = max(failures, get_failure_limit(request, credentials))
        return failures
