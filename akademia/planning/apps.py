from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Planning of training groups, venues and meeting calendars (the solver is solver/)."""

    name = "akademia.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from akademia.accounts.roles import Capability
        from akademia.core import audit, home
        from akademia.planning import (
            jobs,  # noqa: F401  (registers the planner job)
            selectors,
        )

        home.panel(
            Capability.SEE_OWN_TRAINING_DATES,
            "planning/home/dates.html",
            selectors.home_dates,
            order=20,
        )
        home.panel(
            Capability.SEE_OWN_MEETINGS,
            "planning/home/meetings.html",
            selectors.home_meetings,
            order=20,
        )
        home.panel(
            Capability.PLAN_TRAINING, "planning/home/plans.html", selectors.home_plans, order=40
        )

        audit.register(
            {
                "planning.venues.defaults": _("Default venues created"),
                "planning.venue.saved": _("Venue saved"),
                "planning.venue.deleted": _("Venue deleted"),
                "planning.trainer.saved": _("Trainer saved"),
                "planning.trainer.deleted": _("Trainer deleted"),
                "planning.plan.started": _("Planner started"),
                "planning.plan.solved": _("Plan computed"),
                "planning.plan.edited": _("Plan changed"),
                "planning.plan.published": _("Plan published"),
                "planning.meeting.changed": _("Meeting moved"),
            }
        )
