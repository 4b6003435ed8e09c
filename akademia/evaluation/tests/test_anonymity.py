"""Anonymity that holds: after eight people sent an anonymous survey, nothing in the database
leads from a person to their answers.

* The tables that store answers (`evaluation_response`, `evaluation_answer`) have exactly the
  columns listed here (a new column fails this test until someone thinks about it); none of
  them names a person or holds a time, and the day column is empty for anonymous rows.
* Their keys are random UUIDs: sorting by key does not give the order people answered in.
* No other table of the whole database holds a key of those rows (audit log, outbox, drafts,
  invitations, sessions…): the only trace of a person is their invitation's `answered`, which
  names no answer and no time.
* The drafts are gone.
"""

import pytest
from django.db import connection, models

from akademia.evaluation import services
from akademia.evaluation.models import Answer, Draft, Invitation, Response
from akademia.evaluation.tests.factories import (
    finished_group,
    good_answers,
    invited,
    open_surveys,
    satisfaction,
    survey_of,
)

ANSWER_TABLES = {
    "evaluation_response": {
        "id",
        "survey_id",
        "anonymous",
        "user_id",
        "submitted_on",
        "score",
        "max_score",
    },
    "evaluation_answer": {
        "id",
        "response_id",
        "question_id",
        "value",
        "points",
        "moderation",
        "published_text",
    },
}
# What an answer row may point to: the survey, its own response, the question.
ALLOWED_TARGETS = {"evaluation.survey", "evaluation.response", "evaluation.question"}


@pytest.fixture
def answered(national, regional, expert, trainer):
    group, version = finished_group(national, regional, expert, trainer)
    questionnaire = satisfaction(version, national)
    open_surveys()
    survey = survey_of(group)
    people = invited(survey)
    assert len(people) == 8
    word = questionnaire.questions.get(type="short_text")
    order = []
    for index, user in enumerate(people):
        # Each person leaves a draft first, then sends: the draft must not survive.
        services.draft_save(actor=user, survey=survey, data={str(word.pk): "szkic"})
        data = good_answers(questionnaire, likert=str(1 + index % 5)) | {
            str(word.pk): f"odpowiedź numer {index}"
        }
        order.append(services.survey_submit(actor=user, survey=survey, data=data).pk)
    return survey, people, order


def test_the_answer_tables_name_no_person_and_no_time(answered):
    survey, people, order = answered
    with connection.cursor() as cursor:
        for table, expected in ANSWER_TABLES.items():
            columns = {
                c.name for c in connection.introspection.get_table_description(cursor, table)
            }
            assert columns == expected, f"{table} changed: is the new column safe for anonymity?"
    for model in (Response, Answer):
        assert isinstance(model._meta.pk, models.UUIDField)
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateTimeField | models.TimeField), field
            if field.is_relation and field.name != "user":
                assert field.related_model._meta.label_lower in ALLOWED_TARGETS, field
    rows = Response.objects.filter(survey=survey)
    assert rows.count() == len(people)
    assert set(rows.values_list("anonymous", "user_id", "submitted_on")) == {(True, None, None)}
    # The invitation says only that a person answered: no time, no answer.
    assert not [f for f in Invitation._meta.concrete_fields if isinstance(f, models.DateField)]
    assert Invitation.objects.filter(survey=survey, answered=True).count() == len(people)
    assert not Draft.objects.filter(survey=survey).exists()


def test_the_keys_do_not_follow_the_order_of_answering(answered):
    survey, people, order = answered
    assert sorted(order) != order  # 8 random keys in answering order: 1 chance in 40 320
    assert sorted(str(pk) for pk in order) != [str(pk) for pk in order]
    answers = list(Answer.objects.filter(response__survey=survey).values_list("pk", "response_id"))
    by_key = [response for _pk, response in sorted(answers)]
    runs = sum(1 for a, b in zip(by_key, by_key[1:], strict=False) if a != b)
    assert runs > len(order)  # answers of one response are scattered, not in blocks


def test_no_other_table_holds_a_key_of_the_answers(answered):
    survey, people, order = answered
    keys = {str(pk) for pk in order} | {
        str(pk)
        for pk in Answer.objects.filter(response__survey=survey).values_list("pk", flat=True)
    }
    needles = keys | {key.replace("-", "") for key in keys}
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in ANSWER_TABLES or table.startswith("territory_"):
                continue  # the answers themselves; the public register
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (a table name we listed)
            text = repr(cursor.fetchall())
            found += [f"{table}: {needle}" for needle in needles if needle in text]
    assert not found, found


def test_a_knowledge_test_is_personal_by_design(national, regional, expert, trainer):
    """The contrast: a test's response names the person and the day (they see their score)."""
    from akademia.evaluation.models import Kind
    from akademia.evaluation.tests.factories import given_survey, knowledge_test

    group, version = finished_group(national, regional, expert, trainer)
    test = knowledge_test(version, national, Kind.TEST_PRE)
    user = group.participants.first().user
    survey = given_survey(group, test, [user])
    q = list(test.questions.order_by("order"))
    response = services.survey_submit(
        actor=user, survey=survey, data={str(q[0].pk): "1", str(q[1].pk): "4", str(q[2].pk): ["1"]}
    )
    assert response.user_id == user.pk and response.submitted_on is not None


def test_the_counts_of_a_closed_survey_hold_no_key_and_name_no_person(answered):
    """The same scan once the survey has closed and its answers' counts are stored."""
    import datetime as dt

    from akademia.core.audit import SYSTEM
    from akademia.evaluation.models import AnswerCount

    survey, people, order = answered
    day_after = survey.closes_on + dt.timedelta(days=1)
    assert services.surveys_count(actor=SYSTEM, today=day_after) == 1
    assert AnswerCount.objects.filter(survey=survey).exists()
    for field in AnswerCount._meta.concrete_fields:
        assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField)
        if field.is_relation:
            assert field.related_model._meta.label_lower in ALLOWED_TARGETS - {
                "evaluation.response"
            }, field
    texts = set(AnswerCount.objects.values_list("value", flat=True))
    assert not [t for t in texts if "odpowiedź" in t]  # open answers are never counted
    test_no_other_table_holds_a_key_of_the_answers(answered)
