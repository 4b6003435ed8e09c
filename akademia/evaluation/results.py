"""Results of surveys and knowledge tests: the one place of their arithmetic. A survey's or a
report's figures come from counted values (`cells`: counted live, or stored once a survey has
closed), open texts from the answers as moderated, a gain from each person's scores.

**The threshold lives here, once**: `MIN_ANSWERS`. A survey with fewer responses shows no
distribution, average, text or score (only how many people were asked and answered, which
says nothing about what anyone answered); the knowledge gain needs as many people who took
both tests. Every page and every figure of this app asks `shown(count)`.
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from akademia.evaluation.models import TEXT_TYPES, Moderation, QuestionType

MIN_ANSWERS = 5


def shown(count: int) -> bool:
    """Whether results of `count` answers may be shown to anyone."""
    return count >= MIN_ANSWERS


def _percent(part: int, whole: int) -> int:
    """Rounded half up, as people round (62.5% is 63%)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int


@dataclass
class GridRow:
    label: str
    bars: list[Bar]
    average: float | None
    spread: float | None


@dataclass
class QuestionResult:
    question: object
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    rows: list[GridRow] = field(default_factory=list)
    average: float | None = None
    spread: float | None = None
    texts: list[str] = field(default_factory=list)
    waiting: int = 0  # open answers waiting for a moderator

    @property
    def kind(self) -> str:
        return self.question.type


@dataclass
class SurveyResults:
    survey: object
    invited: int
    answered: int
    questions: list[QuestionResult]

    @property
    def shown(self) -> bool:
        return shown(self.answered)

    @property
    def rate(self) -> int:
        return _percent(self.answered, self.invited)


def texts_result(question, rows: list[tuple], anonymous: bool) -> QuestionResult:
    """An open question's texts that may be read, from (value, moderation, published text) of
    every answer to it: a personal survey's as written, an anonymous one's as approved."""
    result = QuestionResult(question, answered=len(rows))
    for value, moderation, published in rows:
        if not anonymous:
            result.texts.append(value)
        elif moderation == Moderation.APPROVED:
            result.texts.append(published)
        elif moderation == Moderation.PENDING:
            result.waiting += 1
    return result


def survey_results(survey, questions, cells: dict, texts: list[tuple], invited: int, answered: int):
    """`cells`: question id → its cells (`cells`); `texts`: (question id, value, moderation,
    published text) of every open answer. Below the threshold the result has no question at all
    (nothing to leak into a template)."""
    results = SurveyResults(survey, invited, answered, [])
    if not shown(answered):
        return results
    by_question: dict[int, list[tuple]] = {}
    for question_id, value, moderation, published in texts:
        by_question.setdefault(question_id, []).append((value, moderation, published))
    results.questions = [
        texts_result(q, by_question.get(q.pk, []), survey.anonymous)
        if q.type in TEXT_TYPES
        else counted_result(q, cells.get(q.pk, {}))
        for q in questions
    ]
    return results


@dataclass
class Gain:
    """The knowledge gain of a group: paired per person (post − pre, in % of the maximum)."""

    pairs: int
    pre: float | None = None
    post: float | None = None
    gain: float | None = None
    improved: int | None = None  # share of the people who improved, %

    @property
    def shown(self) -> bool:
        return shown(self.pairs)


def percent_of(score, max_score) -> float | None:
    if score is None or not max_score:
        return None
    return float(100 * Decimal(score) / Decimal(max_score))


def _paired(pre: dict, post: dict) -> list:
    """The people with both scores."""
    return [u for u in pre if u in post and pre[u] is not None and post[u] is not None]


def gain(pre: dict, post: dict) -> Gain:
    """`pre`, `post`: user id → % of the maximum. Figures only above the threshold."""
    people = _paired(pre, post)
    result = Gain(pairs=len(people))
    if not result.shown:
        return result
    result.pre = statistics.fmean(pre[u] for u in people)
    result.post = statistics.fmean(post[u] for u in people)
    result.gain = result.post - result.pre
    result.improved = _percent(sum(1 for u in people if post[u] > pre[u]), len(people))
    return result


def rounded(value: float | None, places: int = 1) -> float | None:
    if value is None or math.isnan(value):
        return None
    return round(value, places)


# Figures from counted values (a project's or a programme version's answers are counted by the
# database, or stored once a survey has closed, never read one by one) -------------------------

# A question's counts are cells: (row, value) → answers, `row` 0 unless a grid's row; the cell
# (0, TOTAL) counts the answers to the question (a multiple choice's people, not its options).
TOTAL = ""
Cells = dict[tuple[int, str], int]


def cells(kind: str, counted) -> Cells:
    """The cells of whole answer values counted as (value, how many answers gave it): a grid's
    value split by row, a multiple choice's by option. The one split, for counting live and for
    storing (`services.surveys_count`), so both give the same figures."""
    found: Cells = defaultdict(int)
    for value, n in counted:
        found[(0, TOTAL)] += n
        if kind == QuestionType.GRID:
            for row, cell in (value or {}).items():
                if cell and str(row).isdigit():
                    found[(int(row), str(cell))] += n
        elif kind == QuestionType.MULTIPLE:
            for chosen in value or []:
                found[(0, str(chosen))] += n
        else:
            found[(0, str(value))] += n
    return found


def add_cells(into: Cells, more) -> None:
    for key, n in more.items():
        into[key] = into.get(key, 0) + n


def _weighted(pairs: list[tuple[float, int]]) -> tuple[float | None, float | None]:
    total = sum(n for _value, n in pairs)
    if not total:
        return None, None
    mean = sum(value * n for value, n in pairs) / total
    variance = sum(n * (value - mean) ** 2 for value, n in pairs) / total
    return mean, math.sqrt(variance)


def _counted_bars(options: list[str], counts: dict[str, int], whole: int) -> list[Bar]:
    return [
        Bar(label, counts.get(str(n), 0), _percent(counts.get(str(n), 0), whole))
        for n, label in enumerate(options, start=1)
    ]


def _row(found: Cells, row: int) -> dict[str, int]:
    return {value: n for (r, value), n in found.items() if r == row and value != TOTAL}


def _scale(counts: dict[str, int]) -> list[tuple[float, int]]:
    return [(float(v), n) for v, n in counts.items() if v.isdigit()]


def counted_result(question, found: Cells) -> QuestionResult:
    """A question's figures from its cells; texts are not counted here (a project's texts are
    read where they are sent on, `evaluation.feedback`)."""
    people = found.get((0, TOTAL), 0)
    result = QuestionResult(question, answered=people)
    kind = question.type
    if kind in (QuestionType.SINGLE, QuestionType.LIKERT, QuestionType.MULTIPLE):
        # A multiple choice: each option's share of the people (their sum may pass 100%).
        counts = _row(found, 0)
        result.bars = _counted_bars(question.options, counts, people)
        if kind == QuestionType.LIKERT:
            result.average, result.spread = _weighted(_scale(counts))
    elif kind == QuestionType.GRID:
        for number, label in enumerate(question.rows, start=1):
            counts = _row(found, number)
            average, spread = _weighted(_scale(counts))
            whole = sum(counts.values())
            result.rows.append(
                GridRow(label, _counted_bars(question.options, counts, whole), average, spread)
            )
    elif kind == QuestionType.NUMBER:
        result.average, result.spread = _weighted(_numbers(_row(found, 0)))
    return result


def _numbers(counts: dict[str, int]) -> list[tuple[float, int]]:
    """The answers that are numbers: the form accepts nothing else, but a value written around
    it (an import, the database by hand) must not take a whole report down."""
    found = []
    for value, n in counts.items():
        try:
            number = float(Decimal(value))
        except InvalidOperation:
            continue
        if math.isfinite(number):
            found.append((number, n))
    return found


def scale_means(question, found: Cells) -> dict[int | None, tuple]:
    """The scale items of a Likert or grid question: row (None for a Likert question) →
    (average, answers)."""
    grid = question.type == QuestionType.GRID
    sums: dict[int | None, list] = {}  # row → [Σ value × answers, answers]
    for (row, value), n in found.items():
        if value.isdigit() and (row != 0) == grid:
            total = sums.setdefault(row if grid else None, [0, 0])
            total[0] += int(value) * n
            total[1] += n
    return {row: (total / n if n else None, n) for row, (total, n) in sums.items()}


def pooled_gain(pairs_by_group: dict[int, tuple[dict, dict]]) -> Gain:
    """The gain of several groups together, from the groups whose own gain is shown (a group of
    fewer pairs is left out, or the difference would reveal it)."""
    pre: dict = {}
    post: dict = {}
    for group_pre, group_post in pairs_by_group.values():
        if shown(len(_paired(group_pre, group_post))):  # as `gain(…).shown`, without its means
            pre.update(group_pre)
            post.update(group_post)
    return gain(pre, post)
