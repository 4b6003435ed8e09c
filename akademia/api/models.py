"""A person's API tokens: the key is shown once, at creation; only its SHA-256 is stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akademia.core.scope import ScopePaths


class TokenScope(models.TextChoices):
    # The API is read-only: the one scope there is. A later write scope would be a new value.
    READ = "read", _("read-only")


class ApiToken(models.Model):
    """A key a program sends as `Authorization: Bearer <key>` to read the API as its owner.

    The key is `ak_<prefix>_<secret>`: the prefix finds the row (and names the token on its
    owner's page), the secret is 32 random bytes; the row holds the SHA-256 of the whole key,
    never the key (a random key of 256 bits needs no slow hash). A revoked token stays, with
    the time it was revoked, for the audit trail."""

    # The audit entries of a person's tokens are filed under their voivodeship; the owner sees
    # their own. (The token page also filters to the signed-in person: a national operator's
    # scope would otherwise cover everyone's tokens.)
    scope = ScopePaths(voivodeship=("user__jst__voivodeship", "user__voivodeships"), own="user")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    key_hash = models.CharField(_("key hash (SHA-256)"), max_length=64)
    access = models.CharField(
        _("scope"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(access__in=TokenScope.values),
                name="api_token_access_valid",
                violation_error_message=_("Unknown token scope."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (ak_{self.prefix}…)"

    @property
    def audit_voivodeship_code(self) -> str:
        """Filed where its owner's entries are: their JST's voivodeship, or their first."""
        return self.user.audit_voivodeship_code

    @property
    def active(self) -> bool:
        return self.revoked_at is None
