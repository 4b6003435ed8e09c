"""Reports of many groups, their documents, and the loop back into the consultation: a group
of 4 answers shows in no report, comparison, export or candidate list, 5 do; a project's
answers come without a person or a day; chosen open answers become comments of a new round
with a suggested block and their source, once; the trace leads back to the survey."""

import io
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from akademia.consultations.models import AuthorKind, Comment, Source
from akademia.evaluation import results, selectors, services
from akademia.evaluation.models import Answer, FeedbackSource, Kind, Moderation, QuestionType
from akademia.evaluation.tests.factories import (
    answer,
    good_answers,
    invited,
    knowledge_test,
)
from akademia.programmes import services as programmes
from akademia.programmes.models import VersionStatus


@pytest.fixture(autouse=True)
def polish(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _pages(group, version) -> list[str]:
    project = group.project_id
    return [
        reverse("evaluation:project-results", args=[project]),
        reverse("evaluation:version-results", args=[version.pk]),
    ]


def _documents(group, version) -> list[str]:
    project = group.project_id
    return [
        reverse("evaluation:group-xlsx", args=[group.pk]),
        reverse("evaluation:project-xlsx", args=[project]),
        reverse("evaluation:project-answers-xlsx", args=[project]),
        reverse("evaluation:version-xlsx", args=[version.pk]),
    ]


def _cells(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return " | ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _pdf_text(content: bytes) -> str:
    """The PDF's text (pdftotext, as delivery's tests read the attendance list)."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) not installed")
    found = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return re.sub(r"\s+", " ", found.stdout.decode())


def _answers(questionnaire, word, likert="5", text="Ala ma kota"):
    return lambda i, u: good_answers(questionnaire, likert=likert) | {str(word.pk): text}


@pytest.mark.parametrize("reader", ["national", "regional", "expert"])
def test_four_answers_count_in_no_report_comparison_or_export_and_five_do(
    client, world, request, reader
):
    group, version, questionnaire, survey = world
    people = invited(survey)
    word = questionnaire.questions.get(type=QuestionType.SHORT_TEXT)
    answer(survey, people[:4], _answers(questionnaire, word))
    Answer.objects.filter(moderation=Moderation.PENDING).update(
        moderation=Moderation.APPROVED, published_text="Ala ma kota"
    )
    client.force_login(request.getfixturevalue(reader))
    for url in _pages(group, version):
        page = _text(client.get(url))
        assert "zdecydowanie tak" not in page and "5,00" not in page, url
        assert "za mało odpowiedzi" in page or "Wyniki pokazujemy" in page, url
    for url in _documents(group, version)[1 if reader == "expert" else 0 :]:
        response = client.get(url)
        assert response.status_code == 200, url
        cells = _cells(response.content)
        assert "zdecydowanie tak" not in cells and "Ala ma kota" not in cells, url
    pdf = client.get(reverse("evaluation:project-pdf", args=[group.project_id]))
    assert "zdecydowanie tak" not in _pdf_text(pdf.content)
    if reader != "regional":
        candidates = _text(client.get(reverse("evaluation:feedback-select", args=[version.pk])))
        assert "Ala ma kota" not in candidates

    answer(survey, people[4:5], _answers(questionnaire, word))
    Answer.objects.filter(moderation=Moderation.PENDING).update(
        moderation=Moderation.APPROVED, published_text="Ala ma kota"
    )
    project_page = _text(client.get(_pages(group, version)[0]))
    assert "zdecydowanie tak" in project_page and "średnia 5,00" in project_page
    assert "Porównanie grup" in project_page
    assert group.code in project_page
    version_page = _text(client.get(_pages(group, version)[1]))
    assert "zdecydowanie tak" in version_page
    answers = _cells(client.get(_documents(group, version)[2]).content)
    assert "zdecydowanie tak" in answers and "Ala ma kota" in answers
    pdf = _pdf_text(client.get(reverse("evaluation:project-pdf", args=[group.project_id])).content)
    assert "zdecydowanie tak" in pdf


def test_a_projects_answers_name_no_person_and_no_day_in_no_order(client, world, national):
    group, version, questionnaire, survey = world
    people = invited(survey)
    word = questionnaire.questions.get(type=QuestionType.SHORT_TEXT)
    answer(survey, people, _answers(questionnaire, word, text="Jan Kowalski tu był"))
    client.force_login(national)
    content = client.get(_documents(group, version)[2]).content
    book = load_workbook(io.BytesIO(content), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + len(people)
    everything = _cells(content)
    for person in people:
        assert person.full_name not in everything and person.email not in everything
    assert "Jan Kowalski" not in everything  # not moderated: not there
    assert not re.search(r"\d{4}-\d{2}-\d{2}", everything)
    ids = list(survey.responses.order_by("pk").values_list("pk", flat=True))
    assert len(ids) == len(people)


def test_the_paired_gain_and_the_comparison_of_groups(client, world, national):
    group, version, questionnaire, survey = world
    pre = knowledge_test(version, national, Kind.TEST_PRE)
    post = knowledge_test(version, national, Kind.TEST_POST, title="Test po")
    from akademia.evaluation.tests.factories import given_survey

    people = invited(survey)
    pre_survey = given_survey(group, pre, people, module=1)
    post_survey = given_survey(group, post, people, module=2)

    def test_answers(test, right):
        data = {}
        for question in test.questions.all():
            if question.type == QuestionType.NUMBER:
                data[str(question.pk)] = "4" if right else "5"
            elif question.type == QuestionType.MULTIPLE:
                data[str(question.pk)] = ["1", "3"]
            else:
                data[str(question.pk)] = "1"
        return lambda i, u: data

    answer(pre_survey, people, test_answers(pre, False))  # 4 of 5 points
    answer(post_survey, people, test_answers(post, True))  # 5 of 5
    answer(survey, people, lambda i, u: good_answers(questionnaire, likert="4"))
    report = selectors.project_report(national, group.project)
    assert report.gain.shown and report.gain.pairs == len(people)
    assert report.gain.gain == pytest.approx(20.0) and report.gain.improved == 100
    row = report.comparison.units[0]
    assert row.label == group.code and row.gain.gain == pytest.approx(20.0)
    assert row.means["Moduł był dla mnie przydatny"] == pytest.approx(4.0)
    client.force_login(national)
    page = _text(client.get(_pages(group, version)[0]))
    assert "Przyrost wiedzy" in page and "20,0" in page and "<svg" in page


def _next_version_in_consultation(expert, national, version):
    draft = programmes.version_new(actor=expert, version=version)
    programmes.version_set_status(
        actor=national, version=draft, status=VersionStatus.IN_CONSULTATION
    )
    return draft


def test_open_answers_become_comments_of_a_new_round_once_and_the_trace_leads_back(
    client, world, national, expert
):
    group, version, questionnaire, survey = world
    people = invited(survey)
    word = questionnaire.questions.get(type=QuestionType.SHORT_TEXT)
    answer(survey, people[:6], _answers(questionnaire, word, likert="2", text="Za mało warsztatów"))
    for pending in Answer.objects.filter(moderation=Moderation.PENDING):
        services.answer_moderate(
            actor=national, answer=pending, decision="approved", text="Za mało warsztatów"
        )
    client.force_login(national)
    select = reverse("evaluation:feedback-select", args=[version.pk])
    page = _text(client.get(select))
    assert "Za mało warsztatów" in page and "Niska ocena" not in page
    # No version in consultation yet: the confirmation page says what to do.
    candidates = selectors.feedback_candidates(national, version)
    chosen = [str(candidates.texts[0].answer_id), str(candidates.texts[1].answer_id)]
    low = [candidates.items[0].key]
    send = reverse("evaluation:feedback-send", args=[version.pk])
    refused = _text(client.get(send, {"answer": chosen, "item": low}))
    assert "Żadna wersja tego programu nie jest w konsultacjach" in refused

    _next_version_in_consultation(expert, national, version)
    confirm = _text(client.get(send, {"answer": chosen, "item": low}))
    assert "3 uwagi zostaną dodane" in confirm
    data = {"answer_ids": ",".join(chosen), "item_keys": low[0], "round": "", "title": "Wnioski"}
    response = client.post(send, data)
    assert response.status_code == 302
    comments = list(Comment.objects.filter(source=Source.SURVEY).order_by("number"))
    assert len(comments) == 3
    for comment in comments:
        assert comment.author_kind == AuthorKind.SURVEY and comment.author_user_id is None
        assert group.code in comment.author_display and "moduł 1" in comment.author_display
        assert comment.suggested_block_id is not None
    assert "Niska ocena" in comments[2].text and "Za mało warsztatów" in comments[2].text
    for person in people:
        assert person.full_name not in " ".join(c.author_display + c.text for c in comments)
    # Twice: nothing new.
    client.post(send, data)
    assert Comment.objects.filter(source=Source.SURVEY).count() == 3
    assert "Przekazano: uwaga 1" in _text(client.get(select))

    # Decided with a change in the next version; its trace leads back to the survey.
    consultation = comments[0].round
    from akademia.consultations import services as consultations
    from akademia.consultations.models import DecisionState
    from akademia.consultations.trace import next_version_changes

    newer = programmes.version_new(actor=expert, version=consultation.version)
    names = ("title", "learning_outcomes", "hours", "methods", "intersession_task")
    modules = [
        {"id": m.pk, **{f: getattr(m, f) for f in names}} for m in newer.modules.order_by("order")
    ]
    programmes.version_update(
        actor=expert, version=newer, fields={"group_max": 20}, modules=modules
    )
    _target, changes = next_version_changes(consultation)
    state = DecisionState.objects.filter(changes_programme=True).first()
    consultations.decision_record(
        actor=national,
        comment=comments[0],
        state=state,
        reflection="Więcej warsztatów",
        change_version=newer,
        change_paths=[changes[0].path],
    )
    trace = _text(client.get(reverse("consultations:round-changes", args=[consultation.pk])))
    source = FeedbackSource.objects.get(comment=comments[0])
    link = reverse("evaluation:feedback-source", args=[source.pk])
    assert link in trace
    origin = _text(client.get(link))
    assert "Za mało warsztatów" in origin and group.code in origin
    assert reverse("evaluation:survey-results", args=[survey.pk]) in origin


def test_an_expert_sends_only_into_an_open_round(world, national, expert):
    group, version, questionnaire, survey = world
    assert "Tylko operator krajowy otwiera nową rundę" in services.feedback_send_blocker(
        expert, version, None
    )


@pytest.mark.parametrize("name", ["project-results", "version-results"])
def test_the_report_pages_take_the_same_queries_for_more_answers(client, world, national, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    group, version, questionnaire, survey = world
    people = invited(survey)
    client.force_login(national)
    url = reverse(
        f"evaluation:{name}", args=[group.project_id if "project" in name else version.pk]
    )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    answer(survey, people[:5], lambda i, u: good_answers(questionnaire))
    few = count()
    answer(survey, people[5:], lambda i, u: good_answers(questionnaire, likert="2"))
    assert count() == few
    assert results.MIN_ANSWERS == 5


@pytest.mark.parametrize("reader", ["trainer", "regional"])
def test_a_trainers_results_show_their_groups_above_the_threshold_only(
    client, world, request, reader
):
    group, version, questionnaire, survey = world
    people = invited(survey)
    word = questionnaire.questions.get(type=QuestionType.SHORT_TEXT)
    answer(survey, people[:4], _answers(questionnaire, word))
    client.force_login(request.getfixturevalue(reader))
    listing = _text(client.get(reverse("evaluation:results-list")))
    url = reverse("evaluation:trainer-results", args=[group.trainer_id])
    assert f'href="{url}"' in listing and "Ewaluacja grup trenera" in listing
    page = _text(client.get(url))
    assert "zdecydowanie tak" not in page and "5,00" not in page
    assert "za mało odpowiedzi" in page or "Wyniki pokazujemy" in page

    answer(survey, people[4:5], _answers(questionnaire, word))
    page = _text(client.get(url))
    assert "zdecydowanie tak" in page and "średnia 5,00" in page
    assert "Porównanie grup" in page and group.code in page
