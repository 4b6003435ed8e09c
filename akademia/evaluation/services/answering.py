"""Answering a survey: a draft kept while the person fills it in, then one submission.

For an anonymous survey the submission copies the answers into rows that name nobody (no
user, no day, random keys: `models.Response`), marks the person's invitation as answered and
deletes their draft, all in one transaction: afterwards nothing leads from the person to their
answers. The audit entry names the invitation (who answered, which the invitation says
anyway), never the response. A knowledge test is personal: its response names the person and
the day, and keeps the score.
"""

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.evaluation import answers, selectors
from akademia.evaluation.models import TEXT_TYPES, Answer, Draft, Invitation, Moderation, Response


def survey_submit_blocker(invitation: Invitation | None, today: dt.date | None = None) -> str:
    """ "" when the person may still answer; else why not, in their words."""
    today = today or timezone.localdate()
    if invitation is None:
        return _("You are not asked to answer this survey.")
    if invitation.answered:
        return _(
            "You have already sent your answers to this survey. Answers can be sent only once."
        )
    survey = invitation.survey
    if today < survey.opens_on:
        return _("The survey opens on %(day)s.") % {
            "day": formats.date_format(survey.opens_on, "j E Y")
        }
    if today > survey.closes_on:
        return _("The survey closed on %(day)s.") % {
            "day": formats.date_format(survey.closes_on, "j E Y")
        }
    return ""


def _invitation(actor, survey) -> Invitation:
    require(actor, Capability.ANSWER_SURVEYS)
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("survey__questionnaire")
        .filter(survey=survey, user=actor.pk)
        .first()
    )
    blocker = survey_submit_blocker(invitation)
    if blocker:
        raise DomainError(blocker)
    return invitation


@service
def draft_save(*, actor: Actor, survey, data: dict) -> Draft:
    """Keep the answers so far (partial is fine); the person comes back to them later."""
    invitation = _invitation(actor, survey)
    kept = answers.clean(selectors.survey_questions(invitation.survey), data)
    draft, _created = Draft.objects.update_or_create(
        survey=invitation.survey, user=actor, defaults={"data": kept}
    )
    audit.record(actor, "evaluation.draft.saved", invitation)
    return draft


@service
def survey_submit(*, actor: Actor, survey, data: dict) -> Response:
    """Send the answers, once. Refused, with the words of `survey_submit_blocker`, when sent
    before (a second tab, a double click: the invitation's row is locked first)."""
    invitation = _invitation(actor, survey)
    survey = invitation.survey
    questions = selectors.survey_questions(survey)
    kept = answers.clean(questions, data)
    absent = answers.missing(questions, kept)
    if absent is not None:
        raise DomainError(_("Answer this question: it is required."), field=absent.field_name)
    anonymous = survey.questionnaire.anonymous
    response = Response(survey=survey, anonymous=anonymous)
    if not anonymous:
        response.user = actor
        response.submitted_on = timezone.localdate()
    if survey.questionnaire.is_test:
        response.score, response.max_score = answers.score(questions, kept)
    response.save()
    rows = []
    for question in questions:
        value = kept.get(str(question.pk))
        if value is None:
            continue
        moderated = anonymous and question.type in TEXT_TYPES
        rows.append(
            Answer(
                response=response,
                question=question,
                value=value,
                points=answers.points_for(question, value),
                moderation=Moderation.PENDING if moderated else Moderation.NOT_NEEDED,
            )
        )
    Answer.objects.bulk_create(rows)
    Draft.objects.filter(survey=survey, user=actor).delete()
    invitation.answered = True
    invitation.save(update_fields=["answered"])
    audit.record(actor, "evaluation.survey.answered", invitation)
    return response
