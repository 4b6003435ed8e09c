"""Counting a survey's answers once it has closed: after its last day nobody may send answers
(`survey_submit_blocker`), so the counts of its answers never change again and are stored
(`models.AnswerCount`); reports of many groups add them up instead of counting every answer
on every page (`selectors.aggregate`). Open surveys are counted live, by the same code
(`selectors.aggregate.cells_by`), so stored and live counts give the same figures.

Run by the daily task (`tasks.surveys_daily`), at the end of `load_demo` and `load_national`,
and by `akademia count_answers` (`--rebuild` counts every closed survey again). Twice is
harmless: a survey is counted once (`Survey.counted`, its row locked), and its values are
unique per survey, question and row.
"""

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.services import service
from akademia.evaluation import results
from akademia.evaluation.models import AnswerCount, Invitation, Response, Survey
from akademia.evaluation.selectors.aggregate import ID, _countable, _questions, cells_by


@service
def surveys_count(*, actor: Actor, today: dt.date | None = None, rebuild: bool = False) -> int:
    """Store the counts of the answers of the surveys closed before `today` and not counted
    yet (with `rebuild`, of every closed survey again). A survey below the threshold stores
    none: its answers are never shown. Returns how many surveys were counted."""
    today = today or timezone.localdate()
    due = Survey.objects.filter(closes_on__lt=today)
    if not rebuild:
        due = due.filter(counted=False)
    surveys = list(
        due.select_for_update(of=("self",))
        .select_related("questionnaire", "group__project__voivodeship")
        .order_by("pk")
    )
    if not surveys:
        return 0
    ids = [survey.pk for survey in surveys]
    # Someone who began sending on the last day holds their invitation: wait for them.
    list(Invitation.objects.select_for_update().filter(survey__in=ids).values_list("pk"))
    AnswerCount.objects.filter(survey__in=ids).delete()
    Survey.objects.filter(pk__in=ids).update(counted=False)  # counted live below
    shown = (
        Response.objects.filter(survey__in=ids)
        .values("survey_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=results.MIN_ANSWERS)
        .values("survey_id")
    )
    questions = _questions({survey.questionnaire_id for survey in surveys})
    rows = [
        AnswerCount(survey_id=survey_id, question_id=question_id, row=row, value=value, answers=n)
        for (survey_id, question_id), found in cells_by(shown, (ID,), _countable(questions)).items()
        for (row, value), n in found.items()
    ]
    AnswerCount.objects.bulk_create(rows, batch_size=5000)
    Survey.objects.filter(pk__in=ids).update(counted=True)
    audit.record_many(actor, "evaluation.survey.counted", surveys, {"rebuilt": rebuild})
    return len(surveys)
