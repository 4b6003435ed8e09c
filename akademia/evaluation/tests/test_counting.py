"""A closed survey's answers are counted once (`services.surveys_count`) and the reports read
those counts: the figures are the same as counted live, a survey below the threshold stores
nothing and still shows nothing, counting twice changes nothing, and no count holds a key."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from akademia.core.audit import SYSTEM
from akademia.core.models import AuditEntry
from akademia.evaluation import selectors, services, tasks
from akademia.evaluation.models import AnswerCount, Kind, QuestionType, Survey
from akademia.evaluation.tests.factories import (
    answer,
    given_survey,
    invited,
    knowledge_test,
)


@pytest.fixture(autouse=True)
def polish(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"


def _varied(questionnaire):
    """Each person answers differently: every value of the scale, choices, grid rows, numbers
    with decimals (optional questions left out by some), an open text."""
    questions = {q.type: q for q in questionnaire.questions.order_by("order")}

    def data(index, _user):
        return {
            str(questions[QuestionType.LIKERT].pk): str(1 + index % 5),
            str(questions[QuestionType.SINGLE].pk): str(1 + index % 2),
            str(questions[QuestionType.MULTIPLE].pk): [[], ["1", "3"], ["2", "3"]][index % 3],
            str(questions[QuestionType.GRID].pk): {
                "1": str(5 - index % 5),
                "2": str(3 - index % 3),
            },
            str(questions[QuestionType.NUMBER].pk): ["2.5", "10", "", "1,5"][index % 4],
            str(questions[QuestionType.SHORT_TEXT].pk): f"słowo {index}",
        }

    return data


def _tests(group, version, national, people):
    """A knowledge test before and after, answered by everyone (counted too)."""
    pre = knowledge_test(version, national, Kind.TEST_PRE)
    post = knowledge_test(version, national, Kind.TEST_POST, title="Test po")
    for test, module in ((pre, 1), (post, 2)):
        survey = given_survey(group, test, people, module=module)
        questions = {q.type: q for q in test.questions.all()}
        answer(
            survey,
            people,
            lambda i, _u, q=questions: {
                str(q[QuestionType.SINGLE].pk): str(1 + i % 3),
                str(q[QuestionType.NUMBER].pk): str(3 + i % 3),
                str(q[QuestionType.MULTIPLE].pk): ["1", "3"] if i % 2 else ["2"],
            },
        )


def _figures(report) -> list:
    """Everything a report shows, as plain values."""
    sections = [
        (
            section.title,
            section.module,
            section.surveys,
            section.answered,
            [
                (
                    item.question.pk,
                    item.answered,
                    item.bars,
                    [(row.label, row.bars, row.average, row.spread) for row in item.rows],
                    item.average,
                    item.spread,
                )
                for item in section.questions
            ],
        )
        for section in report.sections
    ]
    compared = [
        (comparison.items, [(u.pk, u.answered, u.means, u.row) for u in comparison.units])
        for comparison in (report.comparison, report.versions)
        if comparison is not None
    ]
    return [report.surveys, report.answered, report.texts, report.gain, sections, compared]


def _close(survey) -> int:
    """The day after the survey's last: its answers are counted, as the daily task would."""
    return services.surveys_count(actor=SYSTEM, today=survey.closes_on + dt.timedelta(days=1))


def test_stored_counts_give_the_figures_counted_live(world, national):
    group, version, questionnaire, survey = world
    people = invited(survey)
    answer(survey, people, _varied(questionnaire))
    _tests(group, version, national, people)
    candidates = lambda: selectors.feedback_candidates(national, version, below=5)  # noqa: E731

    def everything():
        low = [(i.key, i.label, i.average, i.answers) for i in candidates().items]
        one = selectors.survey_results_for(selectors.survey_results_get_for(national, survey.pk))
        return [
            [
                (q.question.pk, q.answered, q.bars, q.rows, q.average, q.spread, q.texts)
                for q in one.questions
            ],
            _figures(selectors.group_report(national, group)),
            _figures(selectors.project_report(national, group.project)),
            _figures(selectors.version_report(national, version)),
            low,
        ]

    live = everything()
    assert live[1][4] and live[3], "the reports show figures and low items"
    assert _close(survey) == 3  # the satisfaction survey and both tests
    assert not Survey.objects.filter(counted=False).exists()
    assert AnswerCount.objects.filter(survey=survey).exists()
    assert everything() == live


def test_counting_waits_for_the_close_and_happens_once(world):
    group, version, questionnaire, survey = world
    answer(survey, invited(survey), _varied(questionnaire))
    assert services.surveys_count(actor=SYSTEM, today=survey.closes_on) == 0  # still open
    assert not AnswerCount.objects.exists()
    assert _close(survey) == 1
    stored = set(AnswerCount.objects.values_list("question_id", "row", "value", "answers"))
    assert _close(survey) == 0  # twice: nothing more
    entries = AuditEntry.objects.filter(action="evaluation.survey.counted")
    assert entries.count() == 1
    later = survey.closes_on + dt.timedelta(days=30)
    assert services.surveys_count(actor=SYSTEM, today=later, rebuild=True) == 1
    assert set(AnswerCount.objects.values_list("question_id", "row", "value", "answers")) == stored


def test_the_daily_task_counts_the_surveys_that_closed(world, settings):
    group, version, questionnaire, survey = world
    answer(survey, invited(survey), _varied(questionnaire))
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Survey.objects.filter(pk=survey.pk).update(closes_on=yesterday)
    assert tasks.surveys_daily.call()["counted"] == 1
    assert Survey.objects.get(pk=survey.pk).counted


def test_a_closed_survey_of_four_stores_nothing_and_shows_nothing(client, world, national):
    group, version, questionnaire, survey = world
    answer(survey, invited(survey)[:4], _varied(questionnaire))
    assert _close(survey) == 1
    assert Survey.objects.get(pk=survey.pk).counted
    assert not AnswerCount.objects.exists()
    client.force_login(national)
    for url in (
        reverse("evaluation:project-results", args=[group.project_id]),
        reverse("evaluation:version-results", args=[version.pk]),
    ):
        page = client.get(url).content.decode()
        assert "zdecydowanie nie" not in page and "Wyniki pokazujemy" in page, url
    assert not selectors.feedback_candidates(national, version, below=5).items


def test_the_average_satisfaction_is_the_same_from_stored_counts(world, django_assert_num_queries):
    """What the monitoring dashboard shows: the mean of every Likert answer of the surveys that
    count, whether their answers are counted live or stored."""
    from akademia.evaluation.selectors.satisfaction import satisfaction as average_of

    group, version, questionnaire, survey = world
    people = invited(survey)
    answer(survey, people, _varied(questionnaire))
    scale = [1 + index % 5 for index in range(len(people))]  # _varied's Likert answers
    with django_assert_num_queries(3):
        live = average_of(Survey.objects.all())
    assert live.average == pytest.approx(sum(scale) / len(scale))
    assert (live.answers, live.surveys) == (len(people), 1)
    _close(survey)
    assert average_of(Survey.objects.all()) == live


def test_a_survey_of_four_adds_nothing_to_the_average_satisfaction(world):
    from akademia.evaluation.selectors.satisfaction import satisfaction as average_of

    group, version, questionnaire, survey = world
    answer(survey, invited(survey)[:4], _varied(questionnaire))
    found = average_of(Survey.objects.all())
    assert (found.average, found.answers, found.surveys) == (None, 0, 0)


def test_a_number_answer_that_is_not_a_number_is_left_out_of_the_average():
    """Written around the form (an import, by hand), it must not take the report down."""
    from types import SimpleNamespace

    from akademia.evaluation import results

    question = SimpleNamespace(type=QuestionType.NUMBER, options=[], rows=[])
    counted = [("2", 1), ("4", 1), ("<script>=1+1</script>", 3), ("NaN", 1)]
    found = results.counted_result(question, results.cells(QuestionType.NUMBER, counted))
    assert found.average == 3 and found.answered == 6
