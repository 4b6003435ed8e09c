from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """Delivery of the training: the groups' participants and their attendance lists."""

    name = "akademia.delivery"
    label = "delivery"
    verbose_name = _("Training delivery")

    def ready(self) -> None:
        from akademia.core import audit
        from akademia.delivery import jobs, tasks  # noqa: F401  (jobs registers its handler)
        from akademia.planning.signals import plan_published
        from akademia.recruitment.signals import enrolments_changed

        plan_published.connect(tasks.on_groups_changed, dispatch_uid="delivery.plan_published")
        enrolments_changed.connect(
            tasks.on_groups_changed, dispatch_uid="delivery.enrolments_changed"
        )
        audit.register(
            {
                "delivery.participants.synced": _("Participants of the groups updated"),
                "delivery.participant.substituted": _("Participant replaced by a substitute"),
                "delivery.participant.withdrawn": _("Participant's withdrawal recorded"),
                "delivery.attendance.marked": _("Attendance marked"),
                "delivery.attendance.changed": _("Attendance mark changed"),
                "delivery.day.closed": _("Attendance list of a day closed"),
                "delivery.completion_rules.saved": _("Completion rules of a programme saved"),
                "delivery.certificates.issue_started": _("Certificates of a group being issued"),
                "delivery.certificate.issued": _("Certificate of completion issued"),
                "delivery.certificate.revoked": _("Certificate of completion revoked"),
            }
        )
