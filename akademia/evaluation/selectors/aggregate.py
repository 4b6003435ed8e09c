"""Results of many groups together: a group's report, a project's, a programme version's, and
the comparisons between groups, projects and versions.

**Only surveys with at least `results.MIN_ANSWERS` responses count, everywhere here**: a
survey below the threshold adds nothing to a project's figures, a comparison's cell or an
export (or the difference between a project's figures with and without it would show what
its few people answered); a knowledge gain counts only groups with enough pairs. The answers
are counted by the database, grouped by the unit compared (or the module) and the question:
a closed survey's counts were stored once (`models.AnswerCount`), so the database adds up
those; an open survey's answers (few, and still coming) are counted live. A whole country's
answers come back as a few thousand rows, in a number of queries that does not depend on the
data (`tests/test_page_queries.py`).
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, IntegerField, Q, QuerySet, Sum, TextField, Value
from django.db.models.functions import Cast
from django.http import Http404

from akademia.accounts.permissions import visible, visible_or_404
from akademia.evaluation import results
from akademia.evaluation.models import (
    PARTICIPANT_KINDS,
    SCALE_TYPES,
    TESTS,
    TEXT_TYPES,
    Answer,
    AnswerCount,
    Invitation,
    Kind,
    Moderation,
    Question,
    Response,
    Survey,
)
from akademia.planning.models import Trainer, TrainingGroup
from akademia.programmes.models import ProgrammeVersion
from akademia.recruitment.models import Project

# What counts are grouped by, as a path from a survey: the units compared, the module, the survey.
GROUP, PROJECT, MODULE, ID = "group_id", "group__project_id", "module", "id"


@dataclass
class Section:
    """One questionnaire (after one module, for the satisfaction survey): its figures."""

    title: str
    kind: str
    module: int | None
    surveys: int = 0
    answered: int = 0
    questions: list = field(default_factory=list)  # results.QuestionResult


@dataclass
class Item:
    """A column of a comparison: a Likert question or a grid's row."""

    key: str
    label: str
    scale: int = 5  # the number of points of its scale


@dataclass
class Unit:
    """A row of a comparison: a group, a project or a version."""

    pk: int
    label: str
    answered: int = 0
    means: dict = field(default_factory=dict)  # item key → average (None: nothing shown)
    gain: results.Gain | None = None
    row: list = field(default_factory=list)  # (average, % of the scale) per item, for the page

    def cells(self, items: list[Item]) -> list:
        return [self.means.get(item.key) for item in items]


@dataclass
class Comparison:
    items: list[Item]
    units: list[Unit]


@dataclass
class Report:
    """What a reader may see of a set of surveys."""

    title: str
    surveys: int = 0  # surveys opened
    shown_surveys: int = 0  # of them with enough answers to count
    invited: int = 0
    answered: int = 0
    sections: list[Section] = field(default_factory=list)
    gain: results.Gain | None = None
    texts: int = 0  # open answers that may be read (approved, or of personal surveys)
    comparison: Comparison | None = None  # between the units below this one
    versions: Comparison | None = None  # between versions of the programme

    @property
    def rate(self) -> int:
        return results._percent(self.answered, self.invited)

    @property
    def hidden_surveys(self) -> int:
        return self.surveys - self.shown_surveys


# Whom a reader may see ---------------------------------------------------------------------


def project_get_for(user, pk: int) -> Project:
    """A project whose surveys the reader may see (404 otherwise)."""
    projects = Project.objects.filter(
        pk__in=visible(Survey.objects.all(), user).values("group__project_id")
    )
    project = projects.filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


def version_get_for(user, pk: int) -> ProgrammeVersion:
    return visible_or_404(ProgrammeVersion.objects.select_related("programme"), user, pk=pk)


def trainer_get_for(user, pk: int) -> Trainer:
    """A trainer whose results the reader may see: the trainer themself, or an operator of the
    trainer's project's scope (404 otherwise)."""
    trainers = Trainer.objects.select_related("project")
    return trainers.filter(pk=pk, user=user).first() or visible_or_404(trainers, user, pk=pk)


def group_surveys(user, group) -> QuerySet[Survey]:
    return visible(Survey.objects.filter(group=group), user)


def project_surveys(user, project) -> QuerySet[Survey]:
    return visible(Survey.objects.filter(group__project=project), user)


def programme_surveys(user, version) -> QuerySet[Survey]:
    """The surveys of every version of the version's programme the reader may see."""
    return visible(
        Survey.objects.filter(questionnaire__version__programme=version.programme_id), user
    )


# Counting -----------------------------------------------------------------------------------


@dataclass
class _Counts:
    surveys: list  # (pk, questionnaire, group_id, project_id, version_id, module)
    answered: dict[int, int]
    invited: dict[int, int]

    def shown(self) -> list:
        return [s for s in self.surveys if results.shown(self.answered.get(s[0], 0))]


def _counts(surveys: QuerySet[Survey]) -> _Counts:
    """Three queries, however many surveys: the surveys, their responses, their invitations."""
    rows = list(
        surveys.select_related("questionnaire").values_list(
            "pk", "questionnaire_id", "group_id", "group__project_id",
            "questionnaire__version_id", "module",
        ).order_by("pk")
    )  # fmt: skip
    ids = surveys.values("pk")
    answered = dict(
        Response.objects.filter(survey__in=ids)
        .values("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    invited = dict(
        Invitation.objects.filter(survey__in=ids)
        .values("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    return _Counts(rows, answered, invited)


def counting(surveys: QuerySet[Survey]) -> QuerySet:
    """The ids of `surveys` with enough responses to count, as a subquery (for readers of a few
    figures; a report reads them once for all its parts instead, `_counts`)."""
    return (
        Response.objects.filter(survey__in=surveys.values("pk"))
        .values("survey_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=results.MIN_ANSWERS)
        .values("survey_id")
    )


def listed(ids) -> list[int]:
    """Ids for an `__in` lookup, never an empty list: Django skips the query of an empty one,
    and a page's queries would then depend on the data (`tests/test_page_queries.py`)."""
    return list(ids) or [0]


@lru_cache(maxsize=4096)
def _decode(text: str):
    """An answer's value from its JSON text (shared: callers only read it)."""
    return json.loads(text)


# The row of a value counted live (not a grid's row): its whole value, split in Python.
_LIVE = -1


def cells_by(survey_ids, by: tuple[str, ...], questions: dict) -> dict[tuple, results.Cells]:
    """(*units, question) → the cells (`results.cells`) of the answers to `questions` (by id;
    never texts) in the surveys `survey_ids` (`listed`), `by` the paths from a survey to the
    units (`GROUP`, `PROJECT`, `MODULE`, `ID`): the stored counts of the surveys counted, summed
    by the database, and the answers of the others counted live, in one statement (a survey
    being counted meanwhile is in exactly one of the two parts)."""
    asked = listed(questions)
    stored = (
        AnswerCount.objects.filter(survey__in=survey_ids, question__in=asked)
        .values_list(*(f"survey__{path}" for path in by), "question_id", "row", "value")
        .annotate(n=Sum("answers"))
        .order_by()
    )
    # The value as its JSON text: a few hundred distinct texts are decoded (`_decode`), not
    # every row's value (the JSON field's own conversion was most of a country's page).
    live = (
        Answer.objects.filter(
            response__survey__in=survey_ids, response__survey__counted=False, question__in=asked
        )
        .annotate(live=Value(_LIVE, IntegerField()), text=Cast("value", TextField()))
        .values_list(*(f"response__survey__{path}" for path in by), "question_id", "live", "text")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found: dict[tuple, results.Cells] = defaultdict(dict)
    whole: dict[tuple, list] = defaultdict(list)
    for *key, row, value, n in stored.union(live, all=True):
        if row == _LIVE:
            whole[tuple(key)].append((_decode(value), n))
        else:  # summed by the database: one row per cell
            found[tuple(key)][(row, value)] = n
    for key, counted in whole.items():
        results.add_cells(found[key], results.cells(questions[key[-1]].type, counted))
    return found


def _regroup(found: dict[tuple, results.Cells], key_of) -> dict[tuple, results.Cells]:
    """The cells summed under other keys (`key_of(key)`; None leaves a key out)."""
    summed: dict[tuple, results.Cells] = defaultdict(dict)
    for key, cells in found.items():
        new = key_of(key)
        if new is not None:
            results.add_cells(summed[new], cells)
    return summed


def _countable(questions: dict, types=None) -> dict:
    """The questions whose answers are counted (not the texts), of `types` only if given."""
    return {
        pk: q
        for pk, q in questions.items()
        if q.type not in TEXT_TYPES and (types is None or q.type in types)
    }


def _questions(questionnaire_ids) -> dict[int, Question]:
    """The questions of these questionnaires (ids, or a subquery of them)."""
    rows = Question.objects.filter(questionnaire_id__in=questionnaire_ids)
    return {q.pk: q for q in rows.select_related("questionnaire").order_by("order", "pk")}


def _sections(by_module, questions, counts: _Counts, shown: list, within) -> list[Section]:
    """A section per questionnaire (per module for the module surveys), from the cells by
    module and question of the versions in `within` (None: all)."""
    questionnaires = {q.questionnaire_id: q.questionnaire for q in questions.values()}
    sections: dict[tuple, Section] = {}
    by_question: dict[tuple, results.Cells] = defaultdict(dict)
    for survey in shown:
        questionnaire = questionnaires.get(survey[1])
        if questionnaire is None or (within is not None and survey[4] not in within):
            continue
        key = _section_key(questionnaire, survey[5])
        section = sections.setdefault(key, Section(questionnaire.title, questionnaire.kind, key[1]))
        section.surveys += 1
        section.answered += counts.answered.get(survey[0], 0)
    for (module, question_id), found in by_module.items():
        question = questions.get(question_id)
        if question is None or (within is not None and _version(question) not in within):
            continue
        key = (_section_key(question.questionnaire, module), question_id)
        results.add_cells(by_question[key], found)
    for (key, question_id), found in by_question.items():
        if key in sections:
            sections[key].questions.append((questions[question_id], found))
    ordered = sorted(sections.items(), key=lambda kv: (_KIND_ORDER.get(kv[1].kind, 9), kv[0]))
    for _key, section in ordered:
        pairs = sorted(section.questions, key=lambda pair: (pair[0].order, pair[0].pk))
        section.questions = [results.counted_result(q, found) for q, found in pairs]
    return [section for _key, section in ordered]


def _version(question) -> int:
    return question.questionnaire.version_id


_KIND_ORDER = {k: n for n, k in enumerate([*PARTICIPANT_KINDS, Kind.TRAINER, Kind.COORDINATOR])}


def _section_key(questionnaire, module) -> tuple:
    # The module surveys by module; the others once (whichever module they followed).
    module = module if questionnaire.kind == Kind.SATISFACTION else None
    return (questionnaire.pk, module if module is not None else 0)


def _comparison(by_unit, questions, units: dict[int, Unit], answered: dict[int, int]):
    """Average of each scale item per unit (`by_unit`: (unit, question) → cells), over the
    surveys that count; items are matched by their text across questionnaires (versions of a
    programme ask them again)."""
    items: dict[str, Item] = {}
    sums: dict[tuple, list] = defaultdict(list)
    for (unit, question_id), found in by_unit.items():
        question = questions.get(question_id)
        if question is None or question.type not in SCALE_TYPES or unit not in units:
            continue
        if question.questionnaire.kind not in (Kind.SATISFACTION, Kind.FINAL):
            continue
        for row, (average, n) in results.scale_means(question, found).items():
            label = question.text if row is None else f"{question.text}: {question.rows[row - 1]}"
            key = label
            items.setdefault(key, Item(key, label, len(question.options) or 5))
            if average is not None:
                sums[(unit, key)].append((average, n))
    order = {
        q.text: (q.questionnaire.kind != Kind.SATISFACTION, q.order) for q in questions.values()
    }
    for (unit, key), pairs in sums.items():
        total = sum(n for _a, n in pairs)
        units[unit].means[key] = sum(a * n for a, n in pairs) / total if total else None
    for unit in units.values():
        unit.answered = answered.get(unit.pk, 0)
        if not results.shown(unit.answered):  # nothing of a unit below the threshold
            unit.means = {}
    ranked = sorted(
        items.values(), key=lambda i: (order.get(i.label.split(": ")[0], (9, 0)), i.label)
    )
    for unit in units.values():
        unit.row = [
            (mean, round(100 * mean / item.scale) if mean is not None else 0)
            for mean, item in zip(unit.cells(ranked), ranked, strict=True)
        ]
    return Comparison(ranked, list(units.values()))


def _test_rows(shown_ids) -> list[tuple]:
    """(survey, kind, group, person, score, maximum) of the knowledge tests that count."""
    return list(
        Response.objects.filter(
            survey__in=shown_ids, survey__questionnaire__kind__in=TESTS, anonymous=False
        ).values_list(
            "survey_id", "survey__questionnaire__kind", "survey__group_id", "user_id", "score",
            "max_score",
        )
    )  # fmt: skip


def _pairs(rows: list[tuple], surveys: dict[int, tuple], unit_index: int):
    """Per group, its (pre, post) scores keyed by group and person, so nobody is paired across
    groups; and each group's unit (at `unit_index` of its survey's tuple)."""
    by_group: dict[int, tuple[dict, dict]] = defaultdict(lambda: ({}, {}))
    unit_of_group = {}
    for survey_id, kind, group_id, user_id, score, max_score in rows:
        survey = surveys.get(survey_id)
        if survey is None:
            continue
        unit_of_group[group_id] = survey[unit_index]
        side = 0 if kind == Kind.TEST_PRE else 1
        by_group[group_id][side][(group_id, user_id)] = results.percent_of(score, max_score)
    return dict(by_group), unit_of_group


def _gains(rows: list[tuple], surveys: dict[int, tuple], unit_index: int):
    """The paired gain per unit and over all, of the tests of `surveys` (a group with too few
    pairs counts nowhere)."""
    by_group, unit_of_group = _pairs(rows, surveys, unit_index)
    if not by_group:
        return {}, None
    per_unit: dict[int, dict] = defaultdict(dict)
    for group_id, pair in by_group.items():
        per_unit[unit_of_group[group_id]][group_id] = pair
    gains = {unit: results.pooled_gain(groups) for unit, groups in per_unit.items()}
    return gains, results.pooled_gain(by_group)


def report_for(
    surveys: QuerySet[Survey],
    *,
    title: str,
    unit: str | None = None,
    labels: dict[int, str] | None = None,
    version=None,
) -> Report:
    """The report of `surveys` (already scoped to the reader): its sections, its gain and, with
    `unit`, the comparison of the groups/projects in it (`labels`: their names). With
    `version`, `surveys` are the programme's and the sections are those of `version`, compared
    with the programme's other versions. The same queries whatever it finds: which surveys
    count is read once (`_counts`), the later queries take their ids (`listed`)."""
    counts = _counts(surveys)
    report = Report(title)
    mine = [s for s in counts.surveys if version is None or s[4] == version.pk]
    report.surveys = len(mine)
    report.invited = sum(counts.invited.get(s[0], 0) for s in mine)
    report.answered = sum(counts.answered.get(s[0], 0) for s in mine)
    shown = counts.shown()
    shown_mine = [s for s in shown if version is None or s[4] == version.pk]
    report.shown_surveys = len(shown_mine)
    shown_ids = listed(s[0] for s in shown)
    mine_ids = listed(s[0] for s in shown_mine)
    questions = _questions(listed({s[1] for s in shown}))
    index = {GROUP: 2, PROJECT: 3}
    countable = _countable(questions)
    # One pass over the counts, by module and unit: the sections add up the units, the
    # comparisons the modules.
    counted = cells_by(shown_ids, (MODULE,) if unit is None else (MODULE, unit), countable)
    by_module = _regroup(counted, lambda key: (key[0], key[-1]))
    within = {version.pk} if version is not None else None
    report.sections = _sections(by_module, questions, counts, shown, within)
    tests = _test_rows(shown_ids)
    everything = {s[0]: s for s in shown}
    mine_by_id = {s[0]: s for s in shown_mine}
    gains, report.gain = _gains(tests, mine_by_id, index[unit or GROUP])
    report.texts = _readable_texts(mine_ids, questions)
    if unit is not None:
        answered: dict[int, int] = defaultdict(int)
        for s in _satisfaction(shown_mine, questions):
            answered[s[index[unit]]] += counts.answered.get(s[0], 0)
        units = {pk: Unit(pk, label) for pk, label in (labels or {}).items()}

        def mine_by_unit(key):  # the units' answers to `version`'s questions
            question = countable[key[-1]]
            return key[1:] if within is None or _version(question) in within else None

        report.comparison = _comparison(_regroup(counted, mine_by_unit), questions, units, answered)
        for row in report.comparison.units:
            row.gain = gains.get(row.pk)
    if version is not None:
        answered = defaultdict(int)
        for s in _satisfaction(shown, questions):
            answered[s[4]] += counts.answered.get(s[0], 0)
        by_version = _regroup(by_module, lambda key: (_version(countable[key[-1]]), key[-1]))
        versions = _version_units(version)
        report.versions = _comparison(by_version, questions, versions, answered)
        version_gains, _all = _gains(tests, everything, 4)
        for row in report.versions.units:
            row.gain = version_gains.get(row.pk)
    return report


def _satisfaction(surveys: list, questions) -> list:
    kinds = {q.questionnaire_id: q.questionnaire.kind for q in questions.values()}
    return [s for s in surveys if kinds.get(s[1]) in (Kind.SATISFACTION, Kind.FINAL)]


def _version_units(version) -> dict[int, Unit]:
    rows = ProgrammeVersion.objects.filter(programme=version.programme_id).order_by("number")
    return {v.pk: Unit(v.pk, str(v)) for v in rows}


def _readable_texts(shown_ids, questions: dict) -> int:
    """How many open answers may be read: approved ones, and every one of personal surveys."""
    # The open questions by id: the database then finds their answers by the question's index
    # (by their type it scanned every answer).
    asked = listed(pk for pk, question in questions.items() if question.type in TEXT_TYPES)
    rows = Answer.objects.filter(response__survey__in=shown_ids, question__in=asked)
    return rows.filter(moderation__in=[Moderation.APPROVED, Moderation.NOT_NEEDED]).count()


# The reports of the pages -----------------------------------------------------------------


def group_report(user, group) -> Report:
    return report_for(group_surveys(user, group), title=group.code)


def project_report(user, project) -> Report:
    """The project's figures and the comparison of its groups (each under the threshold shows
    nothing)."""
    surveys = project_surveys(user, project)
    labels = dict(surveys.values_list("group_id", "group__code").distinct().order_by("group__code"))
    return report_for(surveys, title=project.name, unit=GROUP, labels=labels)


def trainer_report(user, trainer: Trainer) -> Report:
    """The figures of the groups the trainer taught (as their trainer or at a meeting of
    theirs) and the comparison of those groups (each under the threshold shows nothing)."""
    taught = TrainingGroup.objects.filter(Q(trainer=trainer) | Q(meetings__trainer=trainer))
    surveys = visible(Survey.objects.filter(group__in=taught.values("pk")), user)
    labels = dict(surveys.values_list("group_id", "group__code").distinct().order_by("group__code"))
    return report_for(surveys, title=trainer.name, unit=GROUP, labels=labels)


def version_report(user, version) -> Report:
    """The version's figures, the comparison of its projects and of the programme's versions."""
    surveys = programme_surveys(user, version)
    labels = dict(
        surveys.filter(questionnaire__version=version)
        .values_list("group__project_id", "group__project__name")
        .distinct()
        .order_by("group__project__name")
    )
    return report_for(surveys, title=str(version), unit=PROJECT, labels=labels, version=version)
