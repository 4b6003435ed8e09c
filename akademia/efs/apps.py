from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EfsConfig(AppConfig):
    """Dane do SM EFS: the EU monitoring data of participants and supported JST, and the files
    the regional operators hand to SM EFS (CST2021)."""

    name = "akademia.efs"
    label = "efs"
    verbose_name = _("EU monitoring data (SM EFS)")

    def ready(self) -> None:
        from akademia.accounts.roles import Capability
        from akademia.core import audit, home
        from akademia.efs import selectors

        home.panel(
            Capability.FILL_MONITORING_DATA,
            "efs/home/missing.html",
            selectors.home_missing,
            order=5,
        )
        audit.register(
            {
                "efs.data.given": _("Monitoring data of a participant given"),
                "efs.data.changed": _("Monitoring data of a participant changed"),
                "efs.institution.saved": _("NIP and address of a JST saved"),
                "efs.project_number.saved": _("Project number saved"),
                "efs.participants.exported": _("SM EFS participant file downloaded"),
                "efs.institutions.exported": _("SM EFS institution file downloaded"),
            }
        )
