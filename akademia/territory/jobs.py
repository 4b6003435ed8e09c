"""Background import of a newer TERC register, started from the web by a national operator."""

from django.utils.translation import gettext as _

from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.jobs import handler, job_file
from akademia.territory.services import register_import
from akademia.territory.terc import TercError, parse_terc_file


@handler("territory.import_register")
def import_register(job, progress) -> dict:
    """Safe to run again after a worker died: the import is one idempotent transaction, and the
    uploaded file is deleted only when this run is over (a new attempt still needs it)."""
    with job_file(job.params["path"]) as path:
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
    return summary.as_dict()
