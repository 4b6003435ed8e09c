from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "akademia.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from akademia.accounts import jobs, middleware  # noqa: F401 (login receiver, job handlers)
        from akademia.core import audit

        audit.register(
            {
                "accounts.user.invited": _("User invited"),
                "accounts.user.invitation_resent": _("Invitation sent again"),
                "accounts.user.deactivated": _("User deactivated"),
                "accounts.user.activated": _("User activated"),
                "accounts.user.jst_verified": _("Mandate to act for the JST verified"),
                "accounts.user.created_for_application": _(
                    "Account created for an application's coordinator"
                ),
                "accounts.user.language_set": _("Language for e-mails chosen"),
                "accounts.user.created_for_training": _(
                    "Account created for a training participant"
                ),
                "accounts.user.data_exported": _("Personal data exported"),
                "accounts.two_factor.enabled": _("Two-step verification turned on"),
                "accounts.two_factor.recovery_codes_regenerated": _("New recovery codes made"),
                "accounts.two_factor.recovery_code_used": _("Signed in with a recovery code"),
                "accounts.two_factor.reset": _("Two-step verification turned off"),
                "accounts.retention.anonymised": _("Expired personal data anonymised"),
                "accounts.user.erasure_refused": _(
                    "Erasure request refused: the records are within their retention period"
                ),
                "accounts.user.erased": _("Erasure request carried out: personal data anonymised"),
            }
        )
