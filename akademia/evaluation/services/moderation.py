"""Moderating open answers of anonymous surveys: nobody reads one before a moderator approved
it (perhaps edited: a name the respondent typed removed) or rejected it. The audit entry
names the survey, never the answer."""

from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.evaluation.models import Answer, Moderation


@service
def answer_moderate(*, actor: Actor, answer: Answer, decision: str, text: str = "") -> Answer:
    require(actor, Capability.MODERATE_ANSWERS, answer)
    answer = Answer.objects.select_for_update().select_related("response__survey").get(pk=answer.pk)
    if answer.moderation == Moderation.NOT_NEEDED:
        raise DomainError(_("This answer needs no moderation."))
    if decision not in (Moderation.APPROVED, Moderation.REJECTED):
        raise DomainError(_("Approve or reject the answer."), field="decision")
    text = text.strip()
    if decision == Moderation.APPROVED and not text:
        raise DomainError(_("Write the text to publish, or reject the answer."), field="text")
    answer.moderation = decision
    answer.published_text = text if decision == Moderation.APPROVED else ""
    answer.save(update_fields=["moderation", "published_text"])
    audit.record(
        actor,
        "evaluation.answer.moderated",
        answer.response.survey,
        {"decision": decision, "edited": decision == Moderation.APPROVED and text != answer.value},
    )
    return answer
