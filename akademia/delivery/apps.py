from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """Delivery of the training: the groups' participants, their attendance lists, and the
    advisory support of each JST."""

    name = "akademia.delivery"
    label = "delivery"
    verbose_name = _("Training delivery")

    def ready(self) -> None:
        from akademia.accounts.roles import Capability
        from akademia.core import audit, home, periodic
        from akademia.delivery import jobs, selectors, services, tasks  # noqa: F401  (jobs registers its handler)
        from akademia.planning.signals import meeting_changed, plan_published
        from akademia.recruitment.signals import enrolments_changed

        plan_published.connect(tasks.on_groups_changed, dispatch_uid="delivery.plan_published")
        enrolments_changed.connect(
            tasks.on_groups_changed, dispatch_uid="delivery.enrolments_changed"
        )
        # Tasks between meetings: the team's panel, and the trainer's (operators use the menu).
        home.panel(
            Capability.SUBMIT_TASKS, "delivery/home/tasks.html", selectors.home_tasks, order=25
        )
        home.panel(
            Capability.REVIEW_TASKS,
            "delivery/home/tasks_review.html",
            selectors.home_tasks,
            order=25,
        )
        audit.register(
            {
                "delivery.participants.synced": _("Participants of the groups updated"),
                "delivery.participant.substituted": _("Participant replaced by a substitute"),
                "delivery.participant.withdrawn": _("Participant's withdrawal recorded"),
                "delivery.attendance.marked": _("Attendance marked"),
                "delivery.attendance.changed": _("Attendance mark changed"),
                "delivery.day.closed": _("Attendance list of a day closed"),
                "delivery.task.submitted": _("Answer to a task between meetings sent"),
                "delivery.task.reviewed": _("Answer to a task between meetings reviewed"),
                "delivery.task.overdue_notified": _("Overdue task between meetings announced"),
                "delivery.completion_rules.saved": _("Completion rules of a programme saved"),
                "delivery.certificates.issue_started": _("Certificates of a group being issued"),
                "delivery.certificate.issued": _("Certificate of completion issued"),
                "delivery.certificate.revoked": _("Certificate of completion revoked"),
                "delivery.calendar.created": _("Calendar address created"),
                "delivery.calendar.regenerated": _("Calendar address replaced"),
                "delivery.reminders.queued": _("Meeting reminders queued"),
                "delivery.advisory.assigned": _("Advisor assigned to a JST"),
                "delivery.advisory.planned": _("Advisory visit planned"),
                "delivery.advisory.rescheduled": _("Planned advisory visit changed"),
                "delivery.advisory.reported": _("Advisory visit reported as held"),
                "delivery.advisory.corrected": _("Advisory entry corrected"),
                "delivery.advisory.confirmed": _("Advisory entry confirmed by the JST"),
                "delivery.advisory.disputed": _("Advisory entry disputed by the JST"),
                "delivery.advisory.cancelled": _("Planned advisory visit cancelled"),
                "delivery.attendance.checked_in": _("Attendance confirmed with the QR code"),
                "delivery.day.reopened": _("Closed attendance list of a day reopened"),
                "delivery.day.hours_changed": _("Hours of a training day changed"),
            }
        )
        # Calendars: a moved meeting's days, SEQUENCE and e-mails; the daily reminders.
        meeting_changed.connect(
            services.on_meeting_changed, dispatch_uid="delivery.meeting_changed"
        )
        periodic.daily(tasks.reminders_send, at=settings.DELIVERY_REMINDER_TIME)
