from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "akademia.territory"
    label = "territory"
    verbose_name = _("Territorial registry")

    def ready(self) -> None:
        from akademia.core import audit
        from akademia.territory import jobs  # noqa: F401  (registers the import job)

        audit.register(
            {
                "territory.register.imported": _("TERYT register imported"),
                "territory.geo.imported": _("Positions and boundaries loaded"),
            }
        )
