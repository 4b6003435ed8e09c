"""Evaluation's pages in Polish: filling a survey (a draft left and resumed, one submission, a
second refused), the threshold on every page that shows results (4 answers: nothing; 5:
shown) for each role that reads them, a participant's own scores, moderation, authoring."""

import re

import pytest
from django.urls import reverse

from akademia.evaluation import results, services
from akademia.evaluation.models import Kind, Question, Questionnaire, QuestionType
from akademia.evaluation.tests.factories import (
    answer,
    given_survey,
    good_answers,
    invited,
    knowledge_test,
)


@pytest.fixture(autouse=True)
def polish(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_person_saves_a_draft_resumes_it_sends_once_and_is_refused_the_second_time(client, world):
    group, version, questionnaire, survey = world
    user = invited(survey)[0]
    client.force_login(user)
    url = reverse("evaluation:survey-fill", args=[survey.pk])
    page = _text(client.get(url))
    assert "Moduł był dla mnie przydatny" in page and "Zapisz i dokończ później" in page
    assert "Ta ankieta jest anonimowa" in page

    likert = questionnaire.questions.get(type=QuestionType.LIKERT)
    response = client.post(url, {likert.field_name: "2", "draft": "1"}, follow=True)
    assert "Odpowiedzi zostały zapisane" in _text(response)
    resumed = client.get(url)
    assert resumed.context["form"].initial[likert.field_name] == "2"

    # Sending with required questions left empty: each is marked, nothing is sent.
    refused = client.post(url, {likert.field_name: "2", "send": "1"})
    assert "Odpowiedz na to pytanie: jest obowiązkowe." in _text(refused)
    assert survey.responses.count() == 0

    single = questionnaire.questions.get(type=QuestionType.SINGLE)
    grid = questionnaire.questions.get(type=QuestionType.GRID)
    full = {
        likert.field_name: "4",
        single.field_name: "1",
        f"{grid.field_name}_1": "5",
        f"{grid.field_name}_2": "3",
        "send": "1",
    }
    sent = client.post(url, full, follow=True)
    assert "Dziękujemy: odpowiedzi zostały wysłane." in _text(sent)
    assert survey.responses.count() == 1

    again = client.post(url, full)
    assert "Odpowiedzi można wysłać tylko raz." in _text(again)
    assert survey.responses.count() == 1
    assert "Ta ankieta została już przez Ciebie wypełniona." in _text(client.get(url))
    assert "wypełniona, dziękujemy" in _text(client.get(reverse("evaluation:my-surveys")))


def _pages(group, survey):
    return [
        reverse("evaluation:results-list"),
        reverse("evaluation:group-results", args=[group.pk]),
        reverse("evaluation:survey-results", args=[survey.pk]),
    ]


@pytest.mark.parametrize("reader", ["national", "regional", "trainer", "coordinator"])
def test_four_answers_show_nothing_and_five_show_the_results_on_every_page(
    client, world, request, reader
):
    group, version, questionnaire, survey = world
    people = invited(survey)
    word = questionnaire.questions.get(type=QuestionType.SHORT_TEXT)
    answer(
        survey,
        people[: results.MIN_ANSWERS - 1],
        lambda i, u: good_answers(questionnaire, likert="5") | {str(word.pk): "Ala ma kota"},
    )
    client.force_login(request.getfixturevalue(reader))
    for url in _pages(group, survey):
        response = client.get(url)
        assert response.status_code == 200, url
        page = _text(response)
        assert "zdecydowanie tak" not in page and "średnia" not in page, url
        assert "Ala ma kota" not in page, url
    survey_page = _text(client.get(_pages(group, survey)[2]))
    assert "Wyniki pokazujemy, gdy odpowie co najmniej 5 osób" in survey_page
    assert "4 z 8 osób (50%)" in survey_page

    answer(
        survey,
        people[results.MIN_ANSWERS - 1 : results.MIN_ANSWERS],
        lambda i, u: good_answers(questionnaire, likert="5"),
    )
    listing = _text(client.get(_pages(group, survey)[0]))
    assert "Zobacz wyniki" in listing
    shown = _text(client.get(_pages(group, survey)[2]))
    assert "średnia 5,00" in shown and "zdecydowanie tak" in shown
    assert "<svg" in shown and "<caption>Moduł był dla mnie przydatny</caption>" in shown
    assert "Ala ma kota" not in shown  # waits for a moderator
    assert "4 odpowiedzi czekają na moderatora." in shown


def test_a_group_below_the_threshold_shows_no_knowledge_gain(client, world, national):
    group, version, questionnaire, survey = world
    pre = knowledge_test(version, national, Kind.TEST_PRE)
    post = knowledge_test(version, national, Kind.TEST_POST, title="Test po")
    people = [p.user for p in group.participants.order_by("pk")]

    def data(test, right):
        q = list(test.questions.order_by("order"))
        return {str(q[0].pk): "1" if right else "2", str(q[1].pk): "4", str(q[2].pk): ["1", "3"]}

    pre_survey = given_survey(group, pre, people)
    post_survey = given_survey(group, post, people, module=2)
    answer(pre_survey, people[:4], lambda i, u: data(pre, False))
    answer(post_survey, people[:4], lambda i, u: data(post, True))
    client.force_login(national)
    url = reverse("evaluation:group-results", args=[group.pk])
    page = _text(client.get(url))
    assert "Przyrost wiedzy" in page and "Średnia przed" not in page

    answer(pre_survey, people[4:5], lambda i, u: data(pre, False))
    answer(post_survey, people[4:5], lambda i, u: data(post, True))
    page = _text(client.get(url))
    assert "Średnia przed" in page and "60,0%" in page and "100,0%" in page
    assert "40,0 pkt proc." in page

    client.force_login(people[0])
    own = _text(client.get(reverse("evaluation:my-surveys")))
    assert "3 z 5 pkt (60%)" in own and "5 z 5 pkt (100%)" in own and "40 pkt proc." in own


def test_a_participant_sees_no_results_and_another_groups_trainer_gets_404(
    client, world, participant, national, regional, expert
):
    group, version, questionnaire, survey = world
    client.force_login(invited(survey)[0])
    for url in _pages(group, survey):
        assert client.get(url).status_code == 403
    from akademia.accounts.roles import Role
    from akademia.accounts.tests.factories import make_user

    other = make_user("inny.trener@test.example.org", Role.TRAINER, voivodeships=["24"])
    client.force_login(other)
    assert client.get(_pages(group, survey)[2]).status_code == 404
    assert "Ocena modułu" not in _text(client.get(_pages(group, survey)[0]))


def test_a_moderator_approves_an_edited_answer_which_then_shows(client, world, regional):
    group, version, questionnaire, survey = world
    word = questionnaire.questions.get(type=QuestionType.SHORT_TEXT)
    answer(
        survey,
        invited(survey)[:5],
        lambda i, u: good_answers(questionnaire) | {str(word.pk): f"Pani Nowak {i}"},
    )
    client.force_login(regional)
    listing = _text(client.get(reverse("evaluation:moderation-list")))
    assert "Pani Nowak 0" in listing
    pending = survey.responses.first().answers.get(question=word)
    url = reverse("evaluation:answer-moderate", args=[pending.pk])
    done = client.post(url, {"decision": "approved", "text": "[trenerka] super"}, follow=True)
    assert "Odpowiedź została zmoderowana." in _text(done)
    page = _text(client.get(reverse("evaluation:survey-results", args=[survey.pk])))
    assert "[trenerka] super" in page and "Pani Nowak" not in page


def test_the_national_operator_writes_a_questionnaire_with_its_questions(client, world, national):
    group, version, questionnaire, survey = world
    client.force_login(national)
    response = client.post(
        reverse("evaluation:questionnaire-create"),
        {
            "version": version.pk,
            "kind": Kind.FINAL,
            "title": "Ewaluacja końcowa",
            "anonymous": "on",
        },
    )
    created = Questionnaire.objects.get(title="Ewaluacja końcowa")
    assert response["Location"] == reverse("evaluation:questionnaire-detail", args=[created.pk])
    url = reverse("evaluation:questionnaire-detail", args=[created.pk])
    refused = client.post(url, {"type": "single", "text": "Czy polecisz?", "options": "tak"})
    assert "Podaj co najmniej dwie odpowiedzi do wyboru" in _text(refused)
    client.post(
        url,
        {"type": "likert", "text": "Ocena", "options": "źle\nśrednio\ndobrze", "required": "on"},
    )
    question = Question.objects.get(questionnaire=created)
    assert question.options == ["źle", "średnio", "dobrze"] and question.required
    # Given to groups, the old one is locked: its page offers a new version instead.
    page = _text(client.get(reverse("evaluation:questionnaire-detail", args=[questionnaire.pk])))
    assert "Utwórz nową wersję do edycji" in page and "Dodaj pytanie" not in page
    copy = client.post(reverse("evaluation:questionnaire-new-version", args=[questionnaire.pk]))
    assert copy.status_code == 302
    assert Questionnaire.objects.filter(based_on=questionnaire, number=2).exists()
    assert services.questionnaire_edit_blocker(questionnaire)


def test_the_results_pages_take_the_same_queries_for_more_answers(client, world, national):
    """The count of queries does not grow with the answers (read in one query)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    group, version, questionnaire, survey = world
    people = invited(survey)
    client.force_login(national)
    pages = _pages(group, survey)

    def counts():
        found = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    answer(survey, people[:5], lambda i, u: good_answers(questionnaire))
    few = counts()
    answer(survey, people[5:], lambda i, u: good_answers(questionnaire))
    assert counts() == few
