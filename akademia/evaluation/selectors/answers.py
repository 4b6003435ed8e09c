"""A project's answers, one row per response, for the XLSX (`exports.answers_xlsx`).

Only surveys with at least `results.MIN_ANSWERS` responses; rows name no person and no day
and come in the order of their random keys (which says nothing about who answered when); an
open answer of an anonymous survey appears as the moderator approved it, or not at all.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from akademia.evaluation.models import (
    TEXT_TYPES,
    Answer,
    Moderation,
    QuestionType,
    Response,
)
from akademia.evaluation.selectors.aggregate import (
    _counts,
    _questions,
    listed,
    project_surveys,
)
from akademia.planning.models import TrainingGroup


@dataclass
class AnswerSheet:
    title: str
    headers: list[str]
    rows: Iterator[list]


def _columns(question) -> list[str]:
    if question.type == QuestionType.GRID:
        return [f"{question.text}: {row}" for row in question.rows]
    return [question.text]


def _cells(question, value, moderation, published, anonymous) -> list:
    kind = question.type
    if kind == QuestionType.GRID:
        value = value or {}
        return [_label(question, value.get(str(n))) for n in range(1, len(question.rows) + 1)]
    if value is None:
        return [None]
    if kind in (QuestionType.SINGLE, QuestionType.LIKERT):
        return [_label(question, value)]
    if kind == QuestionType.MULTIPLE:
        return ["; ".join(_label(question, v) or "" for v in value)]
    if kind == QuestionType.NUMBER:
        return [float(value)]
    if kind in TEXT_TYPES:
        if not anonymous:
            return [value]
        return [published if moderation == Moderation.APPROVED else None]
    return [None]


def _label(question, value) -> str | None:
    if value in (None, ""):
        return None
    index = int(value) - 1
    return question.options[index] if 0 <= index < len(question.options) else str(value)


def project_answers(user, project) -> list[AnswerSheet]:
    """A sheet per questionnaire: group, module (the score of a test), then each question."""
    surveys = project_surveys(user, project)
    counts = _counts(surveys)
    shown = counts.shown()
    questions = _questions(listed({s[1] for s in shown}))
    by_questionnaire: dict[int, list] = {}
    for question in questions.values():
        by_questionnaire.setdefault(question.questionnaire_id, []).append(question)
    codes = dict(
        TrainingGroup.objects.filter(pk__in={s[2] for s in shown}).values_list("pk", "code")
    )
    sheets = []
    for questionnaire_id, asked in by_questionnaire.items():
        questionnaire = asked[0].questionnaire
        surveys = {s[0]: s for s in shown if s[1] == questionnaire_id}
        headers = ["Grupa", "Moduł"]
        if questionnaire.is_test:
            headers += ["Wynik (pkt)", "Maksimum (pkt)"]
        for question in asked:
            headers += _columns(question)
        title = f"{questionnaire.title} (v{questionnaire.number})"
        rows = _rows(surveys, asked, codes, questionnaire.anonymous, questionnaire.is_test)
        sheets.append(AnswerSheet(title, headers, rows))
    return sheets


def _rows(surveys: dict, asked: list, codes: dict, anonymous: bool, test: bool):
    """The rows, streamed: responses by their random keys, each with its answers."""
    responses = (
        Response.objects.filter(survey_id__in=list(surveys))
        .order_by("pk")
        .values_list("pk", "survey_id", "score", "max_score")
    )
    answers = (
        Answer.objects.filter(response__survey_id__in=list(surveys))
        .order_by("response_id")
        .values_list("response_id", "question_id", "value", "moderation", "published_text")
    )
    by_question = {q.pk: q for q in asked}
    pending = iter(answers.iterator(chunk_size=5000))
    carry = next(pending, None)
    for pk, survey_id, score, max_score in responses.iterator(chunk_size=2000):
        found: dict[int, tuple] = {}
        while carry is not None and carry[0] == pk:
            found[carry[1]] = carry[2:]
            carry = next(pending, None)
        survey = surveys[survey_id]
        row = [codes.get(survey[2], ""), survey[5]]
        if test:
            row += [_number(score), _number(max_score)]
        for question_id, question in by_question.items():
            value, moderation, published = found.get(question_id, (None, "", ""))
            row += _cells(question, value, moderation, published, anonymous)
        yield row


def _number(value):
    return float(value) if value is not None else None
