"""Evaluation: the participant persona is invited to the satisfaction survey of delivery's
group (Śląskie, taught by the trainer persona, with the coordinator persona's JST) and fills
it; a participant of the group sent an open answer that waits for a moderator. Results are
read by operators of their scope, the group's trainer and the JST's coordinator (the pages
answer 200 whatever the count: below the threshold they say so, tested in
evaluation/tests/test_views.py); a participant reads only their own surveys and scores.
Questionnaires are written by the national operator and the programme's expert."""

from tests.access import OPERATORS, shared, signed_in
from tests.access import only as _only
from tests.access.delivery import _group, _group_id

ANSWERING = {"participant", "trainer", "coordinator"}
READERS = OPERATORS | {"trainer", "coordinator"}
AUTHORS = {"national", "expert"}


@shared
def _survey(p):
    from akademia.delivery import selectors as delivery_selectors
    from akademia.evaluation import services
    from akademia.evaluation.tests.factories import given_survey, good_answers, satisfaction

    group = _group(p)
    version = delivery_selectors.group_version(group)
    questionnaire = satisfaction(version, p["national"])
    member = group.participants.order_by("pk").first().user
    survey = given_survey(group, questionnaire, [p["participant"], member])
    word = questionnaire.questions.get(type="short_text")
    data = good_answers(questionnaire) | {str(word.pk): "Świetny trener"}
    services.survey_submit(actor=member, survey=survey, data=data)
    return survey


def _survey_id(p):
    return {"pk": _survey(p).pk}


def _questionnaire_id(p):
    return {"pk": _survey(p).questionnaire_id}


def _question_id(p):
    return {"pk": _survey(p).questionnaire.questions.order_by("order").first().pk}


def _answer_id(p):
    from akademia.evaluation.models import Answer

    return {"pk": Answer.objects.get(response__survey=_survey(p), moderation="pending").pk}


# A person asked to answer gets the form; another who answers surveys is not asked: 404.
FILL = _only({"participant"}) | {"trainer": 404, "coordinator": 404}

ACCESS = {
    "evaluation:my-surveys": (None, _only(ANSWERING), False),
    "evaluation:survey-fill": (_survey_id, FILL, False),
    "evaluation:results-list": (None, _only(READERS), False),
    "evaluation:group-results": (_group_id, _only(READERS), True),
    "evaluation:survey-results": (_survey_id, _only(READERS), True),
    "evaluation:moderation-list": (None, _only(OPERATORS), False),
    "evaluation:answer-moderate": (_answer_id, _only(OPERATORS), True),
    "evaluation:questionnaire-list": (None, _only(AUTHORS), False),
    "evaluation:questionnaire-create": (None, _only(AUTHORS), False),
    "evaluation:questionnaire-detail": (_questionnaire_id, _only(AUTHORS), False),
    # POST only (a button on the questionnaire's page).
    "evaluation:questionnaire-new-version": (_questionnaire_id, signed_in(405), False),
    "evaluation:question-delete": (_question_id, signed_in(405), False),
}

POST_ACCESS = {
    # No "send" in the table's POST: the (empty) draft is saved, back to the form.
    "evaluation:survey-fill": FILL | {"participant": 302},
    # An invalid form shows the page again with its errors.
    "evaluation:answer-moderate": _only(OPERATORS),
    "evaluation:questionnaire-create": _only(AUTHORS),
    "evaluation:questionnaire-detail": _only(AUTHORS),
    # A new version, then its page; removing a question of a questionnaire given to a group is
    # refused with a message on the questionnaire's page.
    "evaluation:questionnaire-new-version": _only(AUTHORS, status=302),
    "evaluation:question-delete": _only(AUTHORS, status=302),
}
