"""QR self check-in: the code of a training day, derived, never stored.

Each day has its own secret, HMAC(SECRET_KEY, "delivery.checkin:<day id>"): nothing to store,
and nobody without the server's key can compute a code. The code of a minute is the HOTP
truncation (RFC 4226) of HMAC(day's secret, minute number since the epoch) to six digits, so it
changes every minute. A check-in accepts the code of the current minute and of the previous one
(a slow scan, a phone's clock), during the day's hours only (`window`), on the day's date only:
a photographed code is worthless at home the next minute and on any other day.

The QR code holds the check-in page's address with the code (`?k=`): a day number and six
digits, no personal data. The page under the QR code also prints the code for those who type
it.
"""

import datetime as dt
import hashlib
import hmac
import struct
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

STEP = 60  # seconds a code lasts
DIGITS = 6


def _day_secret(day_pk: int) -> bytes:
    message = f"delivery.checkin:{day_pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


def minute_of(moment: dt.datetime) -> int:
    return int(moment.timestamp()) // STEP


def code_for(day_pk: int, minute: int) -> str:
    digest = hmac.new(_day_secret(day_pk), struct.pack(">Q", minute), hashlib.sha256).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**DIGITS:0{DIGITS}d}"


def current_code(day_pk: int, now: dt.datetime) -> str:
    return code_for(day_pk, minute_of(now))


def clean(code: str) -> str:
    """The code as typed: spaces and dashes do not matter."""
    return "".join(char for char in (code or "") if char.isdigit())


def is_valid(day_pk: int, code: str, now: dt.datetime) -> bool:
    """The code of this minute or of the previous one."""
    minute = minute_of(now)
    return any(hmac.compare_digest(code, code_for(day_pk, m)) for m in (minute, minute - 1))


def was_valid_since(day_pk: int, code: str, since: dt.datetime, now: dt.datetime) -> bool:
    """Whether the code was this day's earlier today (from `since`): it expired, rather than
    being wrong. At most a day's minutes of HMACs, only after a refused code."""
    first, last = minute_of(since), minute_of(now) - 2
    return any(hmac.compare_digest(code, code_for(day_pk, m)) for m in range(first, last + 1))


def window(day) -> tuple[dt.datetime, dt.datetime]:
    """When the day's code is accepted: from CHECKIN_EARLY_MINUTES before its start until its
    end, in the platform's time zone."""
    starts, ends = day.hours
    zone = timezone.get_current_timezone()
    opens = dt.datetime.combine(day.date, starts, tzinfo=zone)
    opens -= dt.timedelta(minutes=settings.CHECKIN_EARLY_MINUTES)
    return opens, dt.datetime.combine(day.date, ends, tzinfo=zone)


def late_from(day) -> dt.datetime:
    """From when a check-in is recorded as late: CHECKIN_LATE_AFTER_MINUTES after the start."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(day.date, day.hours[0], tzinfo=zone)
    return start + dt.timedelta(minutes=settings.CHECKIN_LATE_AFTER_MINUTES)


def path(day_pk: int, code: str) -> str:
    return reverse("delivery:check-in", args=[day_pk]) + "?" + urlencode({"k": code})


def qr_svg(text: str, title: str) -> str:
    """The QR code of `text` as an inline SVG (no size: the page's CSS sets it), with a title
    for screen readers."""
    import segno

    return segno.make(text, error="m", micro=False).svg_inline(
        scale=1, border=4, omitsize=True, title=title, svgclass="qr-code", lineclass=None
    )
