import os
import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Consultations of programmes ("konsultacje"): rounds, meetings, comments, decisions."""

    name = "akademia.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        if serving(sys.argv):
            from akademia.consultations.nlp import default_model
            from akademia.consultations.nlp.normalize import warm_up

            # Ready before the first request: the dictionary (~2 s) and the shipped model's
            # training (~3 s) would otherwise fall on the first suggestion of each process.
            warm_up()
            default_model()
        self._register()

    def _register(self) -> None:
        from akademia.accounts.roles import Capability
        from akademia.consultations import (
            jobs,  # noqa: F401  (registers the import job)
            selectors,
        )
        from akademia.core import audit, home

        home.panel(
            Capability.VIEW_CONSULTATIONS,
            "consultations/home/rounds.html",
            selectors.home_rounds,
            order=50,
        )

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


# The processes that suggest blocks to people: the web servers and the background worker.
SERVING_COMMANDS = {"runserver", "worker", "db_worker"}
SERVERS = {"gunicorn", "uwsgi", "uvicorn", "daphne"}


def serving(argv: list[str]) -> bool:
    """Whether this process serves people (so the lemmatiser's dictionary is loaded at start,
    not on the first suggestion): gunicorn & co., `akademia runserver` (its child, not the
    autoreloader) or `akademia worker`; never tests, migrations or other commands.
    AKADEMIA_WARM_UP=1 or 0 decides instead."""
    forced = os.environ.get("AKADEMIA_WARM_UP", "")
    if forced in ("0", "1"):
        return forced == "1"
    if not argv:
        return False
    program = os.path.basename(argv[0])
    if program == "__main__.py":  # python -m gunicorn
        program = os.path.basename(os.path.dirname(argv[0]))
    if program in SERVERS:
        return True
    command = argv[1] if len(argv) > 1 else ""
    if command == "runserver":
        return "--noreload" in argv or os.environ.get("RUN_MAIN") == "true"
    return command in SERVING_COMMANDS
