"""What the delivery actions that cannot be undone will do, for their confirmation pages
(`core/confirm.py`, docs/confirmations.md): issuing a group's certificates.

Reads only: each page is shown by a GET that changes nothing.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.core.confirm import Confirmation, EmailPreview
from akademia.delivery import certificates, completion, selectors, services


def certificates_issue(group) -> Confirmation:
    page = Confirmation(
        title=_("Issue the certificates of group %(code)s?") % {"code": group.code},
        button=_("Issue the certificates and e-mail the participants"),
        back=(
            reverse("delivery:group-completion", args=[group.pk]),
            _("Completion of group %(code)s") % {"code": group.code},
        ),
        refusal=services.certificates_issue_blocker(group),
    )
    if page.refusal:
        return page
    book = completion.evaluate_group(group, selectors.completion_participants(group))
    count = len(book.qualifying)
    page.effects = [
        ngettext(
            "%(count)d certificate of completion is issued, with its own number and the QR "
            "code of its public verification page.",
            "%(count)d certificates of completion are issued, each with its own number and the "
            "QR code of its public verification page.",
            count,
        )
        % {"count": count},
        _("The work is done in the background; its page shows the progress."),
    ]
    if book.issued:
        page.effects.append(
            ngettext(
                "%(count)d person already has a certificate: it stays as it is.",
                "%(count)d people already have a certificate: they stay as they are.",
                len(book.issued),
            )
            % {"count": len(book.issued)}
        )
    page.warnings = _not_qualifying(book)
    page.emails = [
        ngettext(
            "%(count)d participant gets an e-mail that their certificate can be downloaded.",
            "%(count)d participants get an e-mail that their certificate can be downloaded.",
            count,
        )
        % {"count": count}
    ]
    first = book.qualifying[0].participant
    page.previews = [_preview(first, book.version)]
    page.final = [
        _(
            "A certificate is never withdrawn: a mistaken one can only be revoked, with a "
            "reason, and its verification page then says it is revoked."
        ),
        _("The e-mails cannot be taken back once they are sent."),
    ]
    return page


def _not_qualifying(book) -> list[str]:
    people = book.not_qualifying
    if not people:
        return []
    head = ngettext(
        "%(count)d person does not qualify and gets no certificate:",
        "%(count)d people do not qualify and get no certificate:",
        len(people),
    ) % {"count": len(people)}
    return [head] + [f"{c.participant.full_name}: {' '.join(c.reasons)}" for c in people]


def _preview(participant, version) -> EmailPreview:
    """The e-mail of the first person, as it will be sent (with a sample number: the real one
    is drawn when the certificate is made)."""
    user = participant.user
    subject, body = certificates.render_certificate_issued(
        full_name=participant.full_name,
        programme=version.title,
        number=certificates.new_number(),
        language=user.language or settings.LANGUAGE_CODE,
    )
    label = _("certificate issued (the number here is an example: each is drawn when made)")
    return EmailPreview(to=user.email, subject=subject, body=body, label=label)
