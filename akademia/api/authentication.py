"""Who is calling the API: a token's owner (`Authorization: Bearer ak_…`), or the signed-in
person of a browser session (the docs page's "Try it out").

The API is read-only (GET, HEAD, OPTIONS), so a session cannot be used to change anything across
sites; DRF's session authentication would also ask for the CSRF token on any unsafe method. A
session of staff who have not passed the second sign-in step (accounts/two_factor.py) does not
count, as it counts for no page.
"""

import datetime
import hmac

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from akademia.accounts import two_factor
from akademia.api.models import ApiToken
from akademia.api.selectors import token_by_prefix
from akademia.api.services import KEY_PREFIX, key_hash

# A token's "last used" is written at most this often (a write per request would be waste).
TOUCH_EVERY = datetime.timedelta(minutes=5)


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send one token after the word Bearer."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from error
        return self.authenticate_key(key)

    def authenticate_key(self, key: str):
        prefix = key.removeprefix(KEY_PREFIX).split("_", 1)[0] if key.startswith(KEY_PREFIX) else ""
        token = token_by_prefix(prefix) if prefix else None
        if token is None or not hmac.compare_digest(token.key_hash, key_hash(key)):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token was revoked."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token's account is inactive."))
        _touch(token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


def _touch(token: ApiToken) -> None:
    """Bookkeeping, like a login throttle's counter: when the token was last used."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request):
        found = super().authenticate(request)
        if found is not None and two_factor.required_for(found[0]):
            return None  # the second step first, as on every page
        return found
