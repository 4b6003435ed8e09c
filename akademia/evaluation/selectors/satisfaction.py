"""The average satisfaction of any set of surveys, for readers outside this app such as the
monitoring dashboard: every Likert answer of the satisfaction and final surveys that count (at
least `results.MIN_ANSWERS` responses), read from the counts stored when a survey closed and
counted live for the open ones (`aggregate.cells_by`), with the reports' own arithmetic
(`results.scale_means`). Three queries, whatever the data.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from akademia.evaluation import results
from akademia.evaluation.models import Kind, Question, QuestionType, Survey
from akademia.evaluation.selectors import aggregate


@dataclass(frozen=True)
class Satisfaction:
    average: float | None
    answers: int
    surveys: int


def satisfaction(surveys: QuerySet[Survey]) -> Satisfaction:
    """Of `surveys`, which the caller has already scoped to its reader."""
    rated = surveys.filter(questionnaire__kind__in=[Kind.SATISFACTION, Kind.FINAL])
    shown = aggregate.listed(aggregate.counting(rated).values_list("survey_id", flat=True))
    # The questions of every rated survey's questionnaire: those of a survey that does not
    # count have no cells below (and the ids of those that count are long enough to slow a page).
    questions = {
        q.pk: q
        for q in Question.objects.filter(
            type=QuestionType.LIKERT, questionnaire__in=rated.values("questionnaire_id")
        )
    }
    total = answers = 0
    for (question_id,), cells in aggregate.cells_by(shown, (), questions).items():
        mean, n = results.scale_means(questions[question_id], cells).get(None, (None, 0))
        if n:
            total, answers = total + mean * n, answers + n
    return Satisfaction(total / answers if answers else None, answers, len(set(shown) - {0}))
