"""What of a programme version's surveys may go back into its consultation (the loop): the
open answers that may be read (approved by a moderator, or of a personal survey) and the
low-rated items (a Likert question or a grid's row whose average in one group's survey is at
most `below`), each low item with the open answers of the people who rated it low. Only
surveys above the threshold and in the reader's scope; each candidate says whether it was
sent already (`FeedbackSource.key`)."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from akademia.accounts.permissions import visible, visible_or_404
from akademia.consultations.models import ConsultationRound, RoundStatus
from akademia.evaluation import results
from akademia.evaluation.models import (
    SCALE_TYPES,
    TESTS,
    TEXT_TYPES,
    Answer,
    FeedbackSource,
    Moderation,
    Survey,
)
from akademia.evaluation.selectors.aggregate import (
    ID,
    _countable,
    _counts,
    _questions,
    cells_by,
    listed,
)
from akademia.planning.models import TrainingGroup

LOW_AVERAGE = 3.5  # of a 5-point scale: "rather yes" or worse on average
LOW_ANSWER = 2  # an answer this low or lower is a low rating
_TEXT_FIELDS = (
    "pk", "response_id", "response__survey_id", "question_id", "value", "published_text",
    "moderation",
)  # fmt: skip


def answer_key(answer_id) -> str:
    """The idempotency key of an open answer: a digest of its key, so that the comment's
    source names the answer without holding its key (no table but the answers' own does)."""
    return "open:" + hashlib.sha256(f"evaluation.answer:{answer_id}".encode()).hexdigest()[:40]


def item_key(survey_id: int, question_id: int, row: int | None) -> str:
    return f"low:{survey_id}:{question_id}:{row or 0}"


@dataclass
class Where:
    """A survey as a source: never a person."""

    survey_id: int
    title: str
    module: int
    group: str
    project: str

    @property
    def label(self) -> str:
        return f"Ankieta „{self.title}”, moduł {self.module}, grupa {self.group}, {self.project}"


@dataclass(frozen=True)
class Sent:
    round: str
    number: int


@dataclass
class OpenText:
    answer_id: object
    key: str
    text: str
    question: object
    where: Where
    sent: object = None  # the comment it became


@dataclass
class LowItem:
    key: str
    question: object
    row: int | None
    label: str
    average: float
    answers: int
    where: Where
    comments: list[str] = field(default_factory=list)
    sent: object = None

    @property
    def text(self) -> str:
        average = f"{self.average:.2f}".replace(".", ",")
        lines = [
            f"Niska ocena w ankiecie: „{self.label}” – średnia {average} "
            f"na skali 1–{len(self.question.options)} ({self.answers} odpowiedzi)."
        ]
        lines += [f"– {comment}" for comment in self.comments]
        return "\n".join(lines)


@dataclass
class Candidates:
    texts: list[OpenText]
    items: list[LowItem]
    below: float


def _wheres(shown: list, questionnaires: dict) -> dict[int, Where]:
    groups = TrainingGroup.objects.filter(pk__in={s[2] for s in shown}).values_list(
        "pk", "code", "project__name"
    )
    by_group = {pk: (code, project) for pk, code, project in groups}
    return {
        s[0]: Where(s[0], questionnaires[s[1]].title, s[5], *by_group.get(s[2], ("", "")))
        for s in shown
        if s[1] in questionnaires
    }


def feedback_candidates(user, version, *, below: float = LOW_AVERAGE) -> Candidates:
    """The candidates of the version's surveys the user may see (above the threshold)."""
    surveys = visible(Survey.objects.filter(questionnaire__version=version), user)
    counts = _counts(surveys)
    shown = counts.shown()
    questions = _questions(listed({s[1] for s in shown}))
    questionnaires = {q.questionnaire_id: q.questionnaire for q in questions.values()}
    wheres = _wheres(shown, questionnaires)
    ids = listed(wheres)
    sent = {
        key: Sent(title, number)
        for key, title, number in FeedbackSource.objects.filter(survey_id__in=ids).values_list(
            "key", "comment__round__title", "comment__number"
        )
    }
    # Readable open texts, with their responses (to go with the low ratings of the same people).
    # The open questions by id (by their type the database scanned every answer).
    asked = listed(pk for pk, question in questions.items() if question.type in TEXT_TYPES)
    rows = (
        Answer.objects.filter(response__survey_id__in=ids, question__in=asked)
        .filter(Q(moderation=Moderation.APPROVED) | Q(moderation=Moderation.NOT_NEEDED))
        .values_list(*_TEXT_FIELDS)
        .order_by("response__survey_id", "question__order", "pk")
    )
    texts, by_response = [], defaultdict(list)
    for pk, response_id, survey_id, question_id, value, published, moderation in rows:
        shown_text = published if moderation == Moderation.APPROVED else value
        key = answer_key(pk)
        texts.append(
            OpenText(pk, key, shown_text, questions[question_id], wheres[survey_id], sent.get(key))
        )
        by_response[response_id].append(shown_text)
    by_survey = cells_by(ids, (ID,), _countable(questions, SCALE_TYPES))
    items = _low_items(by_survey, questions, wheres, below, by_response, sent)
    return Candidates(texts, items, below)


def _low_items(by_survey, questions, wheres, below, by_response, sent) -> list[LowItem]:
    """`by_survey`: (survey, question) → cells (`aggregate.cells_by`)."""
    low: dict[tuple, LowItem] = {}
    for (survey_id, question_id), found in by_survey.items():
        question = questions.get(question_id)
        if question is None or question.type not in SCALE_TYPES or survey_id not in wheres:
            continue
        if question.questionnaire.kind in TESTS:
            continue
        for row, (average, n) in results.scale_means(question, found).items():
            if average is None or average > below:
                continue
            label = question.text if row is None else f"{question.text}: {question.rows[row - 1]}"
            key = item_key(survey_id, question_id, row)
            low[(survey_id, question_id, row)] = LowItem(
                key, question, row, label, average, n, wheres[survey_id], sent=sent.get(key)
            )
    if low and by_response:
        _comments_of_low_raters(low, by_response)
    return sorted(low.values(), key=lambda i: (i.average, i.where.project, i.where.group))


def _comments_of_low_raters(low: dict, by_response: dict) -> None:
    """Each low item gets the open answers of the responses that rated it low (at most 5)."""
    surveys = {k[0] for k in low}
    questions = {k[1] for k in low}
    rows = Answer.objects.filter(
        response__survey_id__in=surveys, question_id__in=questions
    ).values_list("response_id", "response__survey_id", "question_id", "value")
    for response_id, survey_id, question_id, value in rows:
        if response_id not in by_response:
            continue
        for row, cell in _cells(value):
            item = low.get((survey_id, question_id, row))
            if item is not None and cell <= LOW_ANSWER and len(item.comments) < 5:
                item.comments.extend(by_response[response_id][: 5 - len(item.comments)])


def _cells(value) -> list[tuple[int | None, int]]:
    if isinstance(value, dict):
        return [(int(r), int(c)) for r, c in value.items() if str(r).isdigit() and str(c).isdigit()]
    return [(None, int(value))] if str(value).isdigit() else []


def open_rounds_of(user, version):
    """The consultation rounds of the version's programme still collecting comments."""
    rows = ConsultationRound.objects.filter(
        version__programme=version.programme_id, status=RoundStatus.OPEN
    ).select_related("version")
    return visible(rows, user).order_by("-created_at")


def feedback_source_get_for(user, pk: int) -> FeedbackSource:
    return visible_or_404(
        FeedbackSource.objects.select_related(
            "comment__round__version__programme",
            "survey__questionnaire",
            "survey__group__project",
            "question",
        ),
        user,
        pk=pk,
    )
