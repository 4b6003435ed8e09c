from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Planning of training groups, venues and meeting calendars; so far the solver (solver/)."""

    name = "akademia.planning"
    label = "planning"
    verbose_name = _("Planning")
