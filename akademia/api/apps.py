from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "akademia.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from akademia.api import schema  # noqa: F401 (registers the authentication schemes)
        from akademia.core import audit

        audit.register(
            {
                "api.token.created": _("API token created"),
                "api.token.revoked": _("API token revoked"),
            }
        )
