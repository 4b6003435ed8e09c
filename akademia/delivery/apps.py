from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """Delivery of the training: the groups' participants, their attendance lists, and the
    advisory support of each JST."""

    name = "akademia.delivery"
    label = "delivery"
    verbose_name = _("Training delivery")

    def ready(self) -> None:
        from akademia.core import audit
        from akademia.delivery import tasks
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
                "delivery.advisory.assigned": _("Advisor assigned to a JST"),
                "delivery.advisory.planned": _("Advisory visit planned"),
                "delivery.advisory.rescheduled": _("Planned advisory visit changed"),
                "delivery.advisory.reported": _("Advisory visit reported as held"),
                "delivery.advisory.corrected": _("Advisory entry corrected"),
                "delivery.advisory.confirmed": _("Advisory entry confirmed by the JST"),
                "delivery.advisory.disputed": _("Advisory entry disputed by the JST"),
                "delivery.advisory.cancelled": _("Planned advisory visit cancelled"),
            }
        )
