from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Reporting: indicator targets, the monitoring dashboards, maps, charts and exports, and
    the public progress page. Read-only towards the other apps; nothing imports it."""

    name = "akademia.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from akademia.core import audit

        audit.register({"reporting.target.set": _("Indicator target set")})
