"""What an answer is, per type of question, and how a test answer scores.

Answers travel as a dict by question pk (as a string), the same in a draft and when submitted:

* single choice, Likert: the chosen option's position as a string ("1"…"n");
* multiple choice: a list of positions;
* grid: {row position: option position};
* number: a decimal written as a string ("4.5");
* text: the text.

`clean` keeps what the questions allow (a draft may be partial); `missing` names the first
required question a submission leaves unanswered (a question hidden by its show-if condition
is not asked, so neither required nor kept); `score` gives a test's points.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from akademia.core.errors import DomainError
from akademia.evaluation.models import CHOICE_TYPES, TEXT_TYPES, QuestionType

TEXT_MAX = 4000


def _one(question, value) -> str | None:
    allowed = {str(n) for n in range(1, len(question.options) + 1)}
    value = str(value) if value not in (None, "") else None
    return value if value in allowed else None


def _value(question, raw):
    kind = question.type
    if kind in (QuestionType.SINGLE, QuestionType.LIKERT):
        return _one(question, raw)
    if kind == QuestionType.MULTIPLE:
        values = raw if isinstance(raw, list) else [raw]
        chosen = sorted({v for v in (_one(question, item) for item in values) if v}, key=int)
        return chosen or None
    if kind == QuestionType.GRID:
        if not isinstance(raw, dict):
            return None
        rows = {str(n) for n in range(1, len(question.rows) + 1)}
        kept = {row: _one(question, v) for row, v in raw.items() if str(row) in rows}
        kept = {str(row): v for row, v in kept.items() if v}
        return kept or None
    if kind == QuestionType.NUMBER:
        if raw in (None, ""):
            return None
        try:
            number = Decimal(str(raw).replace(",", ".").strip())
        except InvalidOperation as wrong:
            raise DomainError(_("Write a number."), field=question.field_name) from wrong
        if not number.is_finite():
            raise DomainError(_("Write a number."), field=question.field_name)
        return str(number.normalize()) if number == number.to_integral() else str(number)
    if kind in TEXT_TYPES:
        text = str(raw or "").strip()[:TEXT_MAX]
        return text or None
    return None


def clean(questions, data: dict) -> dict:
    """The answers the questions allow, by question pk (str); those hidden by a show-if
    condition are dropped (conditions refer to earlier questions)."""
    kept: dict = {}
    for question in questions:
        value = _value(question, data.get(str(question.pk)))
        if value is not None and question.shown(kept):
            kept[str(question.pk)] = value
    return kept


def complete(question, value) -> bool:
    if value is None:
        return False
    if question.type == QuestionType.GRID:
        return len(value) == len(question.rows)
    return True


def missing(questions, answers: dict):
    """The first required question (shown, given the answers) left unanswered, or None."""
    for question in questions:
        if not question.required or not question.shown(answers):
            continue
        if not complete(question, answers.get(str(question.pk))):
            return question
    return None


def points_for(question, value) -> Decimal | None:
    """A test question's points for this answer (None: not a scored question)."""
    if not question.points or not question.correct:
        return None
    correct = {str(c) for c in question.correct}
    if question.type in CHOICE_TYPES and question.type != QuestionType.MULTIPLE:
        right = value is not None and str(value) in correct
    elif question.type == QuestionType.MULTIPLE:
        right = value is not None and set(value) == correct
    elif question.type == QuestionType.NUMBER:
        try:
            right = value is not None and Decimal(value) in {Decimal(c) for c in correct}
        except InvalidOperation:
            right = False
    else:
        return None
    return Decimal(question.points if right else 0)


def score(questions, answers: dict) -> tuple[Decimal, Decimal]:
    """(points scored, points possible) of a test."""
    got = total = Decimal(0)
    for question in questions:
        possible = points_for(question, None)
        if possible is None:
            continue
        total += question.points
        got += points_for(question, answers.get(str(question.pk))) or 0
    return got, total
