"""Background jobs of delivery: issuing a group's certificates (started after its confirmation
page by `services.certificates_issue`).

Safe to run again, after a retry or a killed worker: each certificate is issued in its own
transaction by `services.certificate_issue`, which finds one already made (the participant's
row is locked, and a unique constraint holds participant and version), so a second run issues
only what the first did not reach, and nobody gets two.
"""

from django.utils.translation import gettext as _

from akademia.core.errors import DomainError
from akademia.core.jobs import handler
from akademia.delivery import completion, selectors, services


@handler(selectors.ISSUE_JOB)
def issue_certificates(job, progress) -> dict:
    actor = job.created_by
    if actor is None:
        raise DomainError(_("The person who started the job no longer has an account."))
    group = selectors.group_for_job(job.params["group"])
    book = completion.evaluate_group(group, selectors.completion_participants(group))
    todo = [standing.participant for standing in book.qualifying]
    issued, refused = 0, []
    for done, participant in enumerate(todo):
        progress(
            5 + 90 * done // max(1, len(todo)),
            _("Issuing certificate %(done)d of %(count)d") % {"done": done + 1, "count": len(todo)},
        )
        try:
            _certificate, made = services.certificate_issue(
                actor=actor, participant=participant, job=job
            )
        except DomainError as error:  # changed since it was read (a mark corrected meanwhile)
            refused.append(str(error))
            continue
        issued += made
    return {
        "group": group.pk,
        "issued": issued,
        "already": len(book.issued) + len(todo) - issued - len(refused),
        "not_qualifying": len(book.not_qualifying) + len(refused),
        "refused": refused,
    }
