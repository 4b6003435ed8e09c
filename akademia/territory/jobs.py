"""Background import of a newer TERC register, started from the web by a national operator."""

from pathlib import Path

from django.utils.translation import gettext as _

from akademia.core.errors import DomainError
from akademia.core.jobs import handler
from akademia.territory.services import register_import
from akademia.territory.terc import TercError, parse_terc_file


@handler("territory.import_register")
def import_register(job, progress) -> dict:
    path = Path(job.params["path"])
    progress(5, _("Checking the file"))
    try:
        register = parse_terc_file(path)
    except TercError as error:
        raise DomainError("\n".join(error.problems[:20])) from error
    finally:
        path.unlink(missing_ok=True)
    # Progress is written outside the import's transaction, so the page can see it.
    progress(
        40, _("Saving %(count)d units") % {"count": len(register.communes) + len(register.counties)}
    )
    # The service refuses a mass deactivation again, unless the operator confirmed it on the
    # preview page (the registry may have changed since the preview, too).
    return register_import(
        register,
        actor=job.created_by,
        allow_mass_deactivation=bool(job.params.get("allow_mass_deactivation")),
    ).as_dict()
