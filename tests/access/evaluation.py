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
# A project's and a programme version's results: operators of their scope, the programme's
# experts; sending answers into the consultation: the national operator and the experts.
WIDE = OPERATORS | {"expert"}
SENDERS = {"national", "expert"}


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


def _project_id(p):
    return {"pk": _survey(p).group.project_id}


def _trainer_id(p):
    return {"pk": _survey(p).group.trainer_id}


def _version_id(p):
    return {"pk": _survey(p).questionnaire.version_id}


@shared
def _feedback_source(p):
    """A comment that came from the survey (as the loop makes it) in a round in consultation."""
    from akademia.consultations import services as consultations
    from akademia.evaluation.models import FeedbackSource
    from akademia.programmes.tests.factories import make_version

    survey = _survey(p)
    version = make_version(p["expert"], p["national"], "in_consultation")
    consultation = consultations.round_create(actor=p["national"], version=version, title="E")
    comment = consultations.comments_add(
        actor=p["national"],
        consultation=consultation,
        rows=[{"text": "Więcej warsztatów.", "author_kind": "survey", "author_name": "Ankieta"}],
        source="survey",
    )[0]
    return FeedbackSource.objects.create(
        comment=comment,
        key="low:test",
        kind="low",
        survey=survey,
        question=survey.questionnaire.questions.order_by("order").first(),
    )


def _feedback_source_id(p):
    return {"pk": _feedback_source(p).pk}


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
    "evaluation:group-pdf": (_group_id, _only(READERS), True),
    "evaluation:group-xlsx": (_group_id, _only(READERS), True),
    "evaluation:project-results": (_project_id, _only(WIDE), True),
    "evaluation:project-pdf": (_project_id, _only(WIDE), True),
    "evaluation:project-xlsx": (_project_id, _only(WIDE), True),
    "evaluation:project-answers-xlsx": (_project_id, _only(WIDE), True),
    # A trainer's results: the trainer and operators of the scope; a coordinator reads results
    # of the JST's groups, not a trainer's (404).
    "evaluation:trainer-results": (
        _trainer_id,
        _only(OPERATORS | {"trainer"}) | {"coordinator": 404},
        True,
    ),
    # A version is national (its figures are of the reader's scope's groups).
    "evaluation:version-results": (_version_id, _only(WIDE), False),
    "evaluation:version-xlsx": (_version_id, _only(WIDE), False),
    "evaluation:feedback-select": (_version_id, _only(SENDERS), False),
    # GET: the confirmation page (here it says there is nothing to send).
    "evaluation:feedback-send": (_version_id, _only(SENDERS), False),
    "evaluation:feedback-source": (_feedback_source_id, _only(WIDE), False),
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
