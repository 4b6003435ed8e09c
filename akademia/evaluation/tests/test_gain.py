"""The knowledge gain of any set of surveys, for the monitoring dashboard: paired per person
(people who took only one test move nothing), only above the threshold, in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akademia.accounts.permissions import visible
from akademia.evaluation.models import Kind, Survey
from akademia.evaluation.selectors.gain import knowledge_gain
from akademia.evaluation.tests.factories import (
    answer,
    finished_group,
    given_survey,
    knowledge_test,
)


@pytest.fixture
def tests_of_a_group(national, regional, expert, trainer):
    """A group of 8 with a test before (pre) and after (post) the training, nobody answered."""
    group, version = finished_group(national, regional, expert, trainer)
    people = [p.user for p in group.participants.order_by("pk")]
    pre = knowledge_test(version, national, Kind.TEST_PRE)
    post = knowledge_test(version, national, Kind.TEST_POST, title="Test po")
    return (
        people,
        (pre, given_survey(group, pre, people)),
        (post, given_survey(group, post, people, module=2)),
    )


def _scoring(test, percent: int) -> dict:
    """Answers worth 0%, 60% or 100% of the test's 5 points (2 + 1 + 2)."""
    q = list(test.questions.order_by("order"))
    first = "1" if percent == 100 else "2"
    rest = ("4", ["1", "3"]) if percent else ("5", ["2"])
    return {str(q[0].pk): first, str(q[1].pk): rest[0], str(q[2].pk): rest[1]}


def _answer(side, people, percents):
    test, survey = side
    answer(survey, people, lambda i, u: _scoring(test, percents[i]))


def test_the_gain_pairs_each_person_and_leaves_out_who_took_one_test(national, tests_of_a_group):
    people, pre, post = tests_of_a_group
    # Five people take both tests: four go from 60% to 100%, one stays at 60%. One more took
    # only the test before (0%), two only the test after (0%): unpaired means would say
    # 50% → 65.7%, a gain of 15.7; paired it is 60% → 92%, a gain of 32.
    _answer(pre, people[:6], [60, 60, 60, 60, 60, 0])
    _answer(post, [*people[:5], *people[6:]], [100, 100, 100, 100, 60, 0, 0])
    surveys = visible(Survey.objects.all(), national)
    with CaptureQueriesContext(connection) as queries:
        gain = knowledge_gain(surveys)
    assert len(queries) == 1
    assert gain.shown and gain.pairs == 5
    assert (gain.pre, gain.post, gain.gain) == pytest.approx((60.0, 92.0, 32.0))
    assert gain.improved == 80


def test_fewer_than_five_pairs_show_no_figure(national, tests_of_a_group):
    people, pre, post = tests_of_a_group
    _answer(pre, people[:5], [60] * 5)
    _answer(post, [*people[:4], people[5]], [100] * 5)  # both tests: four people
    gain = knowledge_gain(visible(Survey.objects.all(), national))
    assert gain.pairs == 0 and not gain.shown  # the group counts nowhere
    assert (gain.pre, gain.post, gain.gain, gain.improved) == (None, None, None, None)


def test_no_test_no_gain_and_a_reader_out_of_scope_gets_none(
    national, regional_other, tests_of_a_group
):
    people, pre, post = tests_of_a_group
    assert knowledge_gain(visible(Survey.objects.all(), national)) is None
    _answer(pre, people[:5], [60] * 5)
    _answer(post, people[:5], [100] * 5)
    assert knowledge_gain(visible(Survey.objects.all(), national)).gain == pytest.approx(40.0)
    assert knowledge_gain(visible(Survey.objects.all(), regional_other)) is None
