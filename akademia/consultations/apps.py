from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Consultations of programmes ("konsultacje"): rounds, meetings, comments, decisions."""

    name = "akademia.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from akademia.consultations import jobs  # noqa: F401  (registers the import job)
        from akademia.core import audit

        audit.register(
            {
                "consultations.round.created": _("Consultation round opened"),
                "consultations.round.status_changed": _("Consultation round status changed"),
                "consultations.meeting.added": _("Consultation meeting added"),
                "consultations.participant.added": _("Meeting participant added"),
                "consultations.comment.added": _("Comment added"),
                "consultations.comment.edited": _("Comment edited"),
                "consultations.comment.block_set": _("Comment block confirmed"),
                "consultations.duplicates.grouped": _("Near-duplicate comments grouped"),
                "consultations.group.merged": _("Comments grouped as near-duplicates"),
                "consultations.group.left": _("Comment taken out of its group"),
                "consultations.decision.recorded": _("Decision recorded"),
                "consultations.review.added": _("Review meeting added"),
                "consultations.decisions.imported": _("Decisions imported"),
                "consultations.taxonomy.changed": _("Blocks or decision kinds changed"),
            }
        )
