"""The questionnaires of programme versions, as an author sees them."""

from django.db.models import QuerySet

from akademia.accounts.permissions import visible, visible_or_404
from akademia.evaluation.models import Question, Questionnaire, Response
from akademia.programmes.models import ProgrammeVersion


def questionnaire_list_for(user) -> QuerySet[Questionnaire]:
    rows = Questionnaire.objects.select_related("version__programme")
    return visible(rows, user).order_by(
        "version__programme__title", "version__number", "kind", "-number"
    )


def questionnaire_get_for(user, pk: int) -> Questionnaire:
    return visible_or_404(Questionnaire.objects.select_related("version__programme"), user, pk=pk)


def question_get_for(user, pk: int) -> Question:
    return visible_or_404(Question.objects.select_related("questionnaire"), user, pk=pk)


def questionnaire_questions(questionnaire: Questionnaire) -> list[Question]:
    return list(questionnaire.questions.select_related("show_if_question").order_by("order", "pk"))


def questionnaire_is_answered(questionnaire: Questionnaire) -> bool:
    """Answered once (or given to a group): its questions can no longer change."""
    return (
        Response.objects.filter(survey__questionnaire=questionnaire).exists()
        or questionnaire.surveys.exists()
    )


def versions_for_authoring(user) -> QuerySet[ProgrammeVersion]:
    """The programme versions the user may write questionnaires for: an expert those of the
    programmes they wrote (the `author` path), the national operator all."""
    rows = visible(ProgrammeVersion.objects.select_related("programme"), user)
    return rows.order_by("programme__title", "-number")


def current_questionnaires(version_ids) -> dict[tuple[int, str], Questionnaire]:
    """The newest questionnaire of each (version, kind), in one query; not scoped (the
    platform opens surveys with them)."""
    newest: dict[tuple[int, str], Questionnaire] = {}
    rows = Questionnaire.objects.filter(version_id__in=version_ids).order_by("-number")
    for row in rows:
        newest.setdefault((row.version_id, row.kind), row)
    return newest
