"""What closing a consultation round will do, for its confirmation page (`core/confirm.py`,
docs/confirmations.md). Reads only: the page is shown by a GET that changes nothing."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.consultations import services
from akademia.consultations.models import ConsultationRound
from akademia.core.confirm import Confirmation


def round_close(consultation: ConsultationRound, public_url: str) -> Confirmation:
    """`public_url`: the address of the report, as people outside will open it."""
    page = Confirmation(
        title=_("Close the round “%(round)s”?") % {"round": consultation.title},
        button=_("Close the round and publish its report"),
        back=(reverse("consultations:round-detail", args=[consultation.pk]), consultation.title),
        refusal=services.round_close_blocker(consultation),
    )
    if page.refusal:
        return page
    comments = consultation.comments.count()
    undecided = consultation.comments.filter(decision__isnull=True).count()
    page.effects = [
        ngettext(
            "The round's report becomes public at %(url)s: anyone can read its %(count)d "
            "comment and the decision on it, without the author's name.",
            "The round's report becomes public at %(url)s: anyone can read its %(count)d "
            "comments and the decisions on them, without the authors' names.",
            comments,
        )
        % {"url": public_url, "count": comments},
        _("The round's comments, blocks and decisions no longer change, until it is reopened."),
    ]
    if undecided:
        page.warnings.append(
            ngettext(
                "%(count)d comment has no decision yet: the report shows it without one.",
                "%(count)d comments have no decision yet: the report shows them without one.",
                undecided,
            )
            % {"count": undecided}
        )
    page.final = [
        _(
            "Anyone may read or save the public report once it is published; reopening the "
            "round takes the page down, not the copies already made."
        )
    ]
    return page
