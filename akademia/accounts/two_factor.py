"""Two-factor authentication of staff (issue #16): operators and experts confirm each sign-in
with a code from an authenticator app (TOTP, django-otp's `otp_totp`) or a one-time recovery
code (`otp_static`).

With `TWO_FACTOR_REQUIRED` on, `TwoFactorMiddleware` sends a signed-in operator or expert whose
session has not passed the second step to the setup page (no authenticator yet) or to the
verification page, keeping `?next=`. Pages that need no login (the public ones, the home page
aside, which shows a signed-in person their work), logging out, the language switch and the
two-factor pages themselves stay open. The writes are services in `accounts/services.py`
(`two_factor_enable`, `two_factor_verify`, `recovery_codes_regenerate`).
"""

import secrets

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_htmx.http import HttpResponseClientRedirect
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from akademia.accounts.roles import STAFF, Capability

RECOVERY_CODES = 10
# The secret of an authenticator being set up waits in the session until a code confirms it.
PENDING_KEY = "two_factor_pending_key"
# The recovery codes just made, shown once by the next page.
NEW_CODES = "two_factor_new_codes"
# Views a session that has not passed the second step may still open.
OPEN_VIEWS = frozenset(
    {
        "accounts:logout",
        "accounts:two-factor-setup",
        "accounts:two-factor-verify",
        "accounts:two-factor-codes",
        "core:set-language",
    }
)


def required_for(user) -> bool:
    """Must this signed-in person pass the second step before using the platform?"""
    return (
        settings.TWO_FACTOR_REQUIRED
        and user.is_authenticated
        and user.role in STAFF
        and not user.is_verified()
    )


def may_use(user) -> bool:
    from akademia.accounts.permissions import can

    return user.is_authenticated and can(user, Capability.USE_TWO_FACTOR)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.TWO_FACTOR_REQUIRED:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        # A page anyone may open (marked @login_not_required) needs no second step either; the
        # home page aside, which shows a signed-in person their work.
        public = not getattr(view_func, "login_required", True)
        if public and (match is None or match.view_name != "core:home"):
            return None
        user = getattr(request, "user", None)
        if user is None or not required_for(user):
            return None
        from akademia.accounts.selectors import has_authenticator

        name = (
            "accounts:two-factor-verify" if has_authenticator(user) else "accounts:two-factor-setup"
        )
        url = resolve_url(name) + "?" + urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return redirect(url)


def next_url(request, default: str = "core:home") -> str:
    """Where to go after the second step: `?next=` when it is a page of this site."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)


def new_key() -> str:
    """A fresh TOTP secret (20 random bytes, hex, as django-otp stores it)."""
    return secrets.token_hex(20)


def unsaved_device(user, key: str) -> TOTPDevice:
    """The authenticator being set up, not saved: for its provisioning URI and secret."""
    return TOTPDevice(user=user, key=key, name=str(settings.OTP_TOTP_ISSUER))


def key_matches(key: str, token: str) -> bool:
    """Does `token` (digits) belong to the secret `key` now (one step either side)?"""
    if not (token.isdigit() and len(token) == 6):
        return False
    device = unsaved_device(None, key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return totp.verify(int(token), tolerance=device.tolerance)


def normalise(token: str) -> str:
    """A code as typed: spaces and dashes go, letters are lower case."""
    return "".join(token.split()).replace("-", "").lower()


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, as authenticator apps take it, in groups of four."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def grouped(code: str) -> str:
    """A recovery code shown in two halves: "abcd-efgh"."""
    return f"{code[:4]}-{code[4:]}"


def qr_svg(device: TOTPDevice, title: str) -> str:
    """The provisioning URI (otpauth://) as an inline SVG QR code, sized by the page's CSS."""
    import segno

    svg = segno.make(device.config_url, error="m", micro=False).svg_inline(
        scale=1, border=4, omitsize=True, title=title, svgclass="qr-code", lineclass=None
    )
    # An image named by its <title> for screen readers.
    return svg.replace("<svg ", '<svg role="img" ', 1)
