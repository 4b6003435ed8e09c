"""Open answers of anonymous surveys waiting for a moderator (never with a person: there is
none to show), in an order that says nothing (their random keys)."""

from django.db.models import QuerySet

from akademia.accounts.permissions import visible, visible_or_404
from akademia.evaluation.models import Answer, Moderation

_WITH = ("question", "response__survey__questionnaire", "response__survey__group__project")


def moderation_queue_for(user) -> QuerySet[Answer]:
    rows = Answer.objects.filter(moderation=Moderation.PENDING).select_related(*_WITH)
    return visible(rows, user).order_by("response__survey_id", "question__order", "pk")


def answer_get_for_moderation(user, pk) -> Answer:
    return visible_or_404(Answer.objects.select_related(*_WITH), user, pk=pk)
