from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    """Recruitment of JST ("nabór") to the pilot and to regional projects."""

    name = "akademia.recruitment"
    label = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self) -> None:
        from akademia.accounts.roles import Capability
        from akademia.core import audit, home
        from akademia.recruitment import selectors

        home.panel(
            Capability.FOLLOW_OWN_APPLICATIONS,
            "recruitment/home/applications.html",
            selectors.home_applications,
            order=10,
        )
        home.panel(
            Capability.RUN_RECRUITMENT,
            "recruitment/home/calls.html",
            selectors.home_calls,
            order=30,
        )

        audit.register(
            {
                "recruitment.project.created": _("Recruitment project created"),
                "recruitment.project.updated": _("Recruitment project changed"),
                "recruitment.call.created": _("Call for applications created"),
                "recruitment.call.updated": _("Call for applications changed"),
                "recruitment.call.status_changed": _("Call status changed"),
                "recruitment.call.criteria_changed": _("Scoring criteria changed"),
                "recruitment.call.quotas_changed": _("Quotas changed"),
                "recruitment.application.saved": _("Application saved"),
                "recruitment.application.submitted": _("Application submitted"),
                "recruitment.application.confirmed": _("Applicant's e-mail confirmed"),
                "recruitment.application.completed": _("Application checked as complete"),
                "recruitment.application.corrections": _("Corrections requested"),
                "recruitment.application.scored": _("Application assessed"),
                "recruitment.application.override": _("Manual selection decision"),
                "recruitment.application.withdrawn": _("Application withdrawn"),
                "recruitment.application.refilled": _("Selected from the waiting list"),
                "recruitment.application.monitoring": _("Participant data completed"),
                "recruitment.selection.run": _("Selection run"),
                "recruitment.selection.published": _("Selection results published"),
            }
        )
