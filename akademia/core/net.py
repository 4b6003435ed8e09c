"""The client's address, for throttles and limits: REMOTE_ADDR unless a proxy is trusted.

A header such as X-Forwarded-For is whatever the client wrote, unless a reverse proxy of ours
sets it. So it is read only when `TRUSTED_PROXY_HEADER` names it (docs/configuration.md), and
then only the entry added by our nearest `TRUSTED_PROXY_COUNT` proxies: a client cannot dodge a
limit, or get someone else limited, by writing addresses into the header.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address the request came from, as far as our own infrastructure can tell."""
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        entries = [entry for entry in request.META.get(meta_key, "").split(",") if entry.strip()]
        count = max(getattr(settings, "TRUSTED_PROXY_COUNT", 1), 1)
        if len(entries) >= count and (address := _valid(entries[-count])):
            return address
    return _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
