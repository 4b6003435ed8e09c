"""Results of the groups' surveys and knowledge tests, for whoever may read them (operators of
their scope, the group's trainer, the coordinators of its JST). What a page shows of a survey
below the threshold is decided in `evaluation.results`, never here."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from akademia.accounts.permissions import visible, visible_or_404
from akademia.core.collation import polish_alphabet_key
from akademia.evaluation import results
from akademia.evaluation.models import TEXT_TYPES, Answer, Invitation, Kind, Response, Survey
from akademia.evaluation.selectors.aggregate import ID, _countable, cells_by, listed
from akademia.planning.models import Meeting, Trainer, TrainingGroup
from akademia.programmes.models import ProgrammeVersion
from akademia.recruitment.models import Project


def _count_of(model) -> Coalesce:
    """How many rows of `model` a survey has, as a subquery per survey (its index): joining
    both responses and invitations multiplied them (a country's list counted 300 000 rows)."""
    rows = model.objects.filter(survey=OuterRef("pk")).order_by().values("survey")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def _counted(rows: QuerySet[Survey]) -> QuerySet[Survey]:
    return rows.select_related("questionnaire__version__programme", "group__project").annotate(
        answered=_count_of(Response), invited=_count_of(Invitation)
    )


@dataclass
class GroupSurveys:
    group: TrainingGroup
    surveys: list


def results_group_ids(user) -> list[int]:
    """The groups with surveys the user may read, in the list's order (project, code)."""
    rows = (
        visible(Survey.objects.all(), user)
        .values_list("group_id", "group__project__name", "group__code")
        .distinct()
        .order_by("group__project__name", "group__code", "group_id")
    )
    return [row[0] for row in rows]


def results_groups_for(user, group_ids=None) -> list[GroupSurveys]:
    """The groups with surveys the user may read (of `group_ids`, a page of them, if given),
    each with its surveys and their counts."""
    surveys = visible(Survey.objects.all(), user)
    if group_ids is not None:
        surveys = surveys.filter(group__in=listed(group_ids))
    surveys = _counted(surveys).order_by(
        "group__project__name", "group__code", "module", "questionnaire__kind", "pk"
    )
    groups: dict[int, GroupSurveys] = {}
    for survey in surveys:
        groups.setdefault(survey.group_id, GroupSurveys(survey.group, [])).surveys.append(survey)
    return list(groups.values())


def report_links_for(user) -> tuple[list, list]:
    """The projects and programme versions of the surveys the user may read."""
    surveys = visible(Survey.objects.all(), user)
    projects = Project.objects.filter(pk__in=surveys.values("group__project_id")).order_by("name")
    versions = (
        ProgrammeVersion.objects.filter(pk__in=surveys.values("questionnaire__version_id"))
        .select_related("programme")
        .order_by("programme__title", "number")
    )
    return list(projects), list(versions)


def trainer_links_for(user) -> list[Trainer]:
    """The trainers whose results (`aggregate.trainer_report`) the user may read: the user as a
    trainer, and the trainers of the groups with surveys in an operator's scope."""
    groups = visible(Survey.objects.all(), user).values("group_id")
    taught = TrainingGroup.objects.filter(pk__in=groups)
    by_meeting = Meeting.objects.filter(group__in=groups).values("trainer_id")
    either = Q(pk__in=taught.values("trainer_id")) | Q(pk__in=by_meeting)
    others = visible(Trainer.objects.filter(either), user).exclude(user=user)
    mine = Trainer.objects.filter(user=user)
    return sorted({*mine.select_related("project"), *others.select_related("project")}, key=_name)


def _name(trainer: Trainer) -> tuple:
    key = polish_alphabet_key
    return (key(trainer.project.name), key(trainer.name), trainer.pk)


def group_get_for(user, pk: int) -> TrainingGroup:
    return visible_or_404(TrainingGroup.objects.select_related("project"), user, pk=pk)


def survey_results_get_for(user, pk: int) -> Survey:
    return visible_or_404(_counted(Survey.objects.all()), user, pk=pk)


def survey_results_for(survey: Survey) -> results.SurveyResults:
    """The survey's results (its counts annotated by `survey_results_get_for`); no answer is
    read below the threshold. Its figures come from its counts (stored once it has closed),
    as a report's do."""
    if not results.shown(survey.answered):
        return results.survey_results(survey, [], {}, [], survey.invited, survey.answered)
    questions = list(survey.questionnaire.questions.order_by("order", "pk"))
    by_id = {q.pk: q for q in questions}
    found = cells_by(listed([survey.pk]), (ID,), _countable(by_id))
    texts = Answer.objects.filter(
        response__survey=survey,
        question__in=listed(q.pk for q in questions if q.type in TEXT_TYPES),
    ).values_list("question_id", "value", "moderation", "published_text")
    cells = {question_id: cells for (_survey, question_id), cells in found.items()}
    return results.survey_results(
        survey, questions, cells, list(texts), survey.invited, survey.answered
    )


@dataclass
class GroupResults:
    group: TrainingGroup
    surveys: list
    gain: results.Gain | None


def group_results_for(user, group: TrainingGroup) -> GroupResults:
    """The group's surveys the user may read with their counts, and the paired knowledge gain
    of its pre and post tests (figures only above the threshold)."""
    surveys = list(
        _counted(visible(Survey.objects.filter(group=group), user)).order_by(
            "module", "questionnaire__kind", "pk"
        )
    )
    kinds = {s.questionnaire.kind for s in surveys}
    # Read whether or not the group has both tests: the same queries in every state.
    scores: dict[str, dict] = {Kind.TEST_PRE: {}, Kind.TEST_POST: {}}
    rows = Response.objects.filter(
        survey__group=group, survey__questionnaire__kind__in=list(scores)
    ).values_list("survey__questionnaire__kind", "user_id", "score", "max_score")
    for kind, user_id, score, max_score in rows:
        scores[kind][user_id] = results.percent_of(score, max_score)
    gain = None
    if Kind.TEST_PRE in kinds and Kind.TEST_POST in kinds:
        gain = results.gain(scores[Kind.TEST_PRE], scores[Kind.TEST_POST])
    return GroupResults(group, surveys, gain)
