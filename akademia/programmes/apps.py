from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "akademia.programmes"
    label = "programmes"
    verbose_name = _("Programme catalogue")

    def ready(self) -> None:
        from akademia.core import audit

        audit.register(
            {
                "programmes.programme.created": _("Programme created"),
                "programmes.programme.authors_set": _("Programme authors chosen"),
                "programmes.version.edited": _("Programme version edited"),
                "programmes.version.created": _("New programme version started"),
                "programmes.version.status_changed": _("Programme version status changed"),
            }
        )
