"""Background import of a file of comments, started from the import page by an operator.

The page checks every row first and lists the problems at once (reading and checking 5000 rows
takes a fraction of a second with the bounded reader); saving them, with a suggested block for
each, takes seconds, so it runs here. The file is checked again, as the round may have changed.

Safe to run again after a worker died (core/jobs.py re-queues the job): the comments and the
job's result are written in one transaction, so a new attempt that finds the result imports
nothing twice; the file is deleted only when a run is over.
"""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.consultations import comment_import, selectors, services
from akademia.consultations.models import Source
from akademia.core.errors import DomainError
from akademia.core.jobs import handler, job_file
from akademia.core.models import Job

PROBLEMS_SHOWN = 200


@handler("consultations.import_comments")
def import_comments(job, progress) -> dict:
    path = Path(job.params["path"])
    done = Job.objects.values_list("result", flat=True).get(pk=job.pk) or {}
    if "count" in done:  # an earlier attempt saved the comments, then lost its worker
        path.unlink(missing_ok=True)
        return done
    with job_file(path):
        return _import(job, path.read_bytes(), progress)


def _import(job, data: bytes, progress) -> dict:
    consultation = selectors.round_get_for(job.created_by, job.params["round"])
    progress(5, _("Checking the file"))
    result = comment_import.parse_comments(data, job.params["name"], consultation=consultation)
    if result.problems:
        raise DomainError(problems_text(result.problems))
    progress(20, _("Saving %(count)d comments") % {"count": len(result.rows)})
    with transaction.atomic():
        created = services.comments_add(
            actor=job.created_by, consultation=consultation, rows=result.rows, source=Source.IMPORT
        )
        outcome = {
            "round": consultation.pk,
            "count": len(created),
            "first": created[0].number,
            "last": created[-1].number,
        }
        Job.objects.filter(pk=job.pk).update(result=outcome)
    return outcome


def problems_text(problems) -> str:
    lines = [_("Nothing was imported:")] + [str(p) for p in problems[:PROBLEMS_SHOWN]]
    more = len(problems) - PROBLEMS_SHOWN
    if more > 0:
        lines.append(
            ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", more)
            % {"count": more}
        )
    return "\n".join(lines)
