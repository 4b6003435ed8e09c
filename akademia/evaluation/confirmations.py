"""What sending survey answers into a consultation round will do, for its confirmation page
(`core/confirm.py`). Reads only."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akademia.core.confirm import Confirmation
from akademia.evaluation import services


def feedback_send(actor, version, picked: list, consultation, fields: dict) -> Confirmation:
    page = Confirmation(
        title=_("Send %(count)d answers into the consultation of %(version)s?")
        % {"count": len(picked), "version": version},
        button=_("Send them as comments"),
        back=(
            reverse("evaluation:feedback-select", args=[version.pk]),
            _("Answers for the consultation"),
        ),
        refusal=services.feedback_send_blocker(actor, version, consultation),
        fields=fields,
    )
    if page.refusal:
        return page
    if not picked:
        page.refusal = _("Nothing to send: choose answers or items that were not sent before.")
        return page
    if consultation is None:
        target = services.target_version(version)
        where = _("a new consultation round of %(version)s") % {"version": target}
    else:
        where = _("the round “%(round)s”") % {"round": consultation.title}
    page.effects = [
        ngettext(
            "%(count)d comment is added to %(where)s, with its source (survey, module, group, "
            "project; never the person) and a suggested thematic block.",
            "%(count)d comments are added to %(where)s, each with its source (survey, module, "
            "group, project; never the person) and a suggested thematic block.",
            len(picked),
        )
        % {"count": len(picked), "where": where},
        _("They are merged with similar comments and decided on like any other comment."),
    ]
    page.final = [_("A comment stays in the round; the same answer is never sent twice.")]
    return page
