"""Background import of a newer TERC register, started from the web by a national operator."""

from pathlib import Path

from django.utils.translation import gettext as _

from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.jobs import JobLost, handler
from akademia.territory.services import register_import
from akademia.territory.terc import TercError, parse_terc_file


@handler("territory.import_register")
def import_register(job, progress) -> dict:
    """Safe to run again after a worker died: the import is one idempotent transaction, and the
    uploaded file is deleted only when this run is over (a new attempt still needs it)."""
    path = Path(job.params["path"])
    if not path.exists():
        raise DomainError(_("The uploaded file is no longer available; please upload it again."))
    try:
        progress(5, _("Checking the file"))
        try:
            register = parse_terc_file(path)
        except TercError as error:
            raise DomainError("\n".join(error.problems[:20])) from error
        # Progress is written outside the import's transaction, so the page can see it.
        count = len(register.communes) + len(register.counties)
        progress(40, _("Saving %(count)d units") % {"count": count})
        # The service refuses a mass deactivation again, unless the operator confirmed it on
        # the preview page (the registry may have changed since the preview, too).
        summary = register_import(
            register,
            actor=job.created_by or SYSTEM,
            allow_mass_deactivation=bool(job.params.get("allow_mass_deactivation")),
        )
    except JobLost:
        raise  # another attempt owns the job now and reads the file
    except Exception:
        path.unlink(missing_ok=True)  # failed or cancelled: the job is over
        raise
    # (A process being stopped raises no Exception: the file stays for the next attempt.)
    path.unlink(missing_ok=True)
    return summary.as_dict()
