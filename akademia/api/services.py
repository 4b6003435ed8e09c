"""Writes of the API app: a person's tokens, each created and revoked through an audited service."""

import hashlib
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.types import Actor
from akademia.api.models import ApiToken, TokenScope
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service

KEY_PREFIX = "ak_"
ACTIVE_TOKENS_MAX = 10  # per person: enough for a few programs, few enough to keep track of


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_revoke_blocker(token: ApiToken) -> str:
    return _("This token was already revoked.") if token.revoked_at else ""


@service
def token_create(*, actor: Actor, name: str) -> tuple[ApiToken, str]:
    """A new read-only token of `actor`, and its key: the only time the key exists in clear."""
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Sign in to create an API token."))
    name = name.strip()
    if not name:
        raise DomainError(_("Name the token (e.g. the program that will use it)."), field="name")
    if ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= ACTIVE_TOKENS_MAX:
        raise DomainError(
            _("You have %(max)d active tokens: revoke one you no longer use first.")
            % {"max": ACTIVE_TOKENS_MAX}
        )
    prefix = secrets.token_hex(6)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=actor, name=name, prefix=prefix, key_hash=key_hash(key), access=TokenScope.READ
    )
    audit.record(actor, "api.token.created", token, {"name": name, "scope": token.access})
    return token, key


@service
def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke one's own token: requests with its key are refused from now on."""
    if getattr(actor, "pk", None) != token.user_id:
        raise DomainError(_("You may revoke only your own tokens."))
    blocker = token_revoke_blocker(token)
    if blocker:
        raise DomainError(blocker)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor, "api.token.revoked", token, {"name": token.name})
    return token
