"""Limits on public actions that need no account: at most `limit` uses in a `window`.

Counted in the database (core.models.RateHit), so every web worker sees the same counts.
`exceeded` asks before the action, `hit` counts it once it was done, so a refused or invalid
attempt costs nothing. Two requests at the same instant may both pass the check: a limit
against floods, not an exact quota.

    key = f"{meeting.pk}:{client_ip(request)}"
    if ratelimit.exceeded("consultations.link", key, limit=200, window=HOUR):
        ...refuse with a message...
    ...do it...
    ratelimit.hit("consultations.link", key, window=HOUR)
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from akademia.core.models import RateHit

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def _digest(scope: str, key: str) -> str:
    message = f"{scope}\n{key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def used(scope: str, key: str, *, window: timedelta) -> int:
    since = timezone.now() - window
    return RateHit.objects.filter(
        scope=scope, key=_digest(scope, key), created_at__gte=since
    ).count()


def exceeded(scope: str, key: str, *, limit: int, window: timedelta) -> bool:
    return used(scope, key, window=window) >= limit


def hit(scope: str, key: str, *, window: timedelta) -> None:
    """Count one use; forget this scope's uses that have left the window."""
    now = timezone.now()
    RateHit.objects.filter(scope=scope, created_at__lt=now - window).delete()
    RateHit.objects.create(scope=scope, key=_digest(scope, key), created_at=now)
