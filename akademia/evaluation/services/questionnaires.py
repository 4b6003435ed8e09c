"""Writing questionnaires: a questionnaire of a kind for a programme version, its questions,
and its next version once it was given to groups (an answered version never changes)."""

from django.db.models import Max
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.evaluation import selectors
from akademia.evaluation.models import (
    CHOICE_TYPES,
    TESTS,
    TEXT_TYPES,
    Kind,
    Question,
    Questionnaire,
    QuestionType,
)


def questionnaire_edit_blocker(questionnaire: Questionnaire) -> str:
    if selectors.questionnaire_is_answered(questionnaire):
        return _(
            "This questionnaire has already been given to groups, so its questions no longer "
            "change. Make a new version to edit them."
        )
    return ""


def _next_number(version, kind) -> int:
    top = Questionnaire.objects.filter(version=version, kind=kind).aggregate(top=Max("number"))
    return (top["top"] or 0) + 1


@service
def questionnaire_create(
    *, actor: Actor, version, kind: str, title: str, anonymous: bool
) -> Questionnaire:
    """A new questionnaire of `kind` for the version (its next number if one exists)."""
    require(actor, Capability.AUTHOR_QUESTIONNAIRES, version)
    if kind not in Kind.values:
        raise DomainError(_("Choose a kind of questionnaire from the list."), field="kind")
    if not title.strip():
        raise DomainError(_("Give the questionnaire a title."), field="title")
    questionnaire = Questionnaire.objects.create(
        version=version,
        kind=kind,
        title=title.strip(),
        number=_next_number(version, kind),
        anonymous=anonymous and kind not in TESTS,
        created_by=actor,
    )
    audit.record(actor, "evaluation.questionnaire.created", questionnaire)
    return questionnaire


def _check_question(questionnaire, *, type, text, options, rows, correct, points, show_if, value):
    if type not in QuestionType.values:
        raise DomainError(_("Choose a type of question from the list."), field="type")
    if not text.strip():
        raise DomainError(_("Write the question."), field="text")
    if type in (*CHOICE_TYPES, QuestionType.GRID) and len(options) < 2:
        raise DomainError(_("Give at least two options, one per line."), field="options")
    if type == QuestionType.GRID and not rows:
        raise DomainError(_("Give the grid's items, one per line."), field="rows")
    allowed = {str(n) for n in range(1, len(options) + 1)}
    if correct or points:
        if questionnaire.kind not in TESTS:
            raise DomainError(
                _("Only a knowledge test has correct answers and points."), field="correct"
            )
        if type in TEXT_TYPES or type == QuestionType.GRID:
            raise DomainError(_("This type of question cannot be scored."), field="correct")
        if not correct or not points:
            raise DomainError(
                _("A scored question needs its correct answers and points."), field="points"
            )
        if type != QuestionType.NUMBER and not set(correct) <= allowed:
            raise DomainError(
                _("Correct answers are numbers of the options (1, 2, …)."), field="correct"
            )
    if show_if is not None:
        if show_if.questionnaire_id != questionnaire.pk:
            raise DomainError(
                _("Choose an earlier question of this questionnaire."), field="show_if"
            )
        if show_if.type not in CHOICE_TYPES:
            raise DomainError(
                _("A condition can only follow a question with options."), field="show_if"
            )
        if value not in {str(n) for n in range(1, len(show_if.options) + 1)}:
            raise DomainError(
                _("Choose the number of one of that question's options."), field="show_if_value"
            )


@service
def question_add(
    *,
    actor: Actor,
    questionnaire: Questionnaire,
    type: str,
    text: str,
    help: str = "",
    required: bool = True,
    options: list[str] = (),
    rows: list[str] = (),
    correct: list[str] = (),
    points: int = 0,
    show_if: Question | None = None,
    show_if_value: str = "",
) -> Question:
    require(actor, Capability.AUTHOR_QUESTIONNAIRES, questionnaire)
    blocker = questionnaire_edit_blocker(questionnaire)
    if blocker:
        raise DomainError(blocker)
    options, rows, correct = list(options), list(rows), [str(c) for c in correct]
    _check_question(
        questionnaire,
        type=type,
        text=text,
        options=options,
        rows=rows,
        correct=correct,
        points=points,
        show_if=show_if,
        value=show_if_value,
    )
    top = questionnaire.questions.aggregate(top=Max("order"))["top"] or 0
    question = Question.objects.create(
        questionnaire=questionnaire,
        order=top + 1,
        type=type,
        text=text.strip(),
        help=help.strip(),
        required=required,
        options=options if type not in (QuestionType.NUMBER, *TEXT_TYPES) else [],
        rows=rows if type == QuestionType.GRID else [],
        correct=correct,
        points=points or 0,
        show_if_question=show_if,
        show_if_value=show_if_value if show_if else "",
    )
    audit.record(actor, "evaluation.questionnaire.changed", questionnaire, {"added": question.pk})
    return question


@service
def question_delete(*, actor: Actor, question: Question) -> None:
    questionnaire = question.questionnaire
    require(actor, Capability.AUTHOR_QUESTIONNAIRES, questionnaire)
    blocker = questionnaire_edit_blocker(questionnaire)
    if blocker:
        raise DomainError(blocker)
    removed = question.pk
    question.delete()
    audit.record(actor, "evaluation.questionnaire.changed", questionnaire, {"removed": removed})


@service
def questionnaire_new_version(*, actor: Actor, questionnaire: Questionnaire) -> Questionnaire:
    """A copy of the questionnaire with its questions, numbered next: the one to edit; groups
    that got the old one keep it, new surveys get the newest."""
    require(actor, Capability.AUTHOR_QUESTIONNAIRES, questionnaire)
    copy = Questionnaire.objects.create(
        version=questionnaire.version,
        kind=questionnaire.kind,
        title=questionnaire.title,
        number=_next_number(questionnaire.version, questionnaire.kind),
        based_on=questionnaire,
        anonymous=questionnaire.anonymous,
        created_by=actor,
    )
    copies: dict[int, Question] = {}
    for question in questionnaire.questions.order_by("order", "pk"):
        old_pk, condition = question.pk, question.show_if_question_id
        question.pk = None
        question.questionnaire = copy
        question.show_if_question = copies.get(condition)
        question.save()
        copies[old_pk] = question
    audit.record(
        actor, "evaluation.questionnaire.new_version", copy, {"based_on": questionnaire.pk}
    )
    return copy
