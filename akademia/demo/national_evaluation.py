"""The national dataset's evaluation (issue #14): every past module of every group surveyed and
answered, the knowledge tests before and after, about 250 000 answer values in all.

The questionnaires are written through the services (a satisfaction survey of 15 questions, the
tests of `demo.evaluation`). The surveys, invitations, responses and answers are then written in
bulk, row for row what the services write (`services.distribution._due` decides who is asked,
with the dates it would give; `services.answering.survey_submit` what a response is): an
anonymous response names nobody and no day and has a random key, a test's response names the
person and the day and keeps its score, an open answer of an anonymous survey waits for a
moderator, and each person's invitation is `answered`. The e-mails the daily task would have
queued are not written (they were sent long ago). Going through `survey_submit` one person at a
time would take an hour for the country; the bulk path takes a minute.
"""

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from django.db.models import Max

from akademia.core.audit import SYSTEM
from akademia.delivery.selectors import group_version
from akademia.evaluation import answers as rules
from akademia.evaluation import selectors, services
from akademia.evaluation.models import (
    TEXT_TYPES,
    Answer,
    Invitation,
    Kind,
    Moderation,
    QuestionType,
    Response,
    Survey,
)
from akademia.evaluation.services.distribution import _due
from akademia.planning.models import TrainingGroup

LIKERT = ["zdecydowanie nie", "raczej nie", "trudno powiedzieć", "raczej tak", "zdecydowanie tak"]
SATISFACTION_ITEMS = [
    "Cele modułu były jasne",
    "Treści odpowiadały potrzebom mojego urzędu",
    "Zajęcia były dobrze zorganizowane",
    "Materiały były przydatne",
    "Trener dobrze przygotował zajęcia",
    "Trener angażował uczestników",
    "Ćwiczenia pomogły zrozumieć temat",
    "Czas zajęć był dobrze wykorzystany",
    "Wykorzystam zdobytą wiedzę w pracy",
    "Moduł był dla mnie przydatny w pracy urzędu",
]
OPEN = [
    "Więcej przykładów z małych gmin.",
    "Za mało czasu na warsztaty.",
    "Dobre tempo, konkretne przykłady.",
    "Przydałyby się materiały w wersji elektronicznej.",
    "Chciałabym więcej o współpracy z mieszkańcami.",
]
BATCH = 5000


@dataclass
class EvaluationSummary:
    surveys: int = 0
    invitations: int = 0
    responses: int = 0
    answers: int = 0
    counted: int = 0


def _questionnaires(national, version) -> dict:
    """The version's questionnaires: a satisfaction survey of 15 questions (its next version
    when the current one is shorter), the tests, the trainer's and coordinators' surveys."""
    current = _current(version)
    if Kind.TEST_PRE not in current or Kind.TEST_POST not in current:
        # A version without the demo's questionnaires (a dataset without the demo) gets them.
        from akademia.demo.evaluation import _questionnaires as demo_questionnaires

        demo_questionnaires(national, version)
        current = _current(version)
    satisfaction = current.get(Kind.SATISFACTION)
    if satisfaction is None or satisfaction.questions.count() < 15:
        satisfaction = services.questionnaire_create(
            actor=national,
            version=version,
            kind=Kind.SATISFACTION,
            title="Ocena modułu",
            anonymous=True,
        )
        add = lambda **kw: services.question_add(  # noqa: E731
            actor=national, questionnaire=satisfaction, **kw
        )
        for text in SATISFACTION_ITEMS:
            add(type=QuestionType.LIKERT, text=text, options=LIKERT)
        add(
            type=QuestionType.GRID,
            text="Oceń prowadzenie zajęć",
            options=LIKERT,
            rows=["przygotowanie trenera", "tempo zajęć", "materiały"],
        )
        add(
            type=QuestionType.MULTIPLE,
            text="Co było najcenniejsze?",
            options=["wykłady", "warsztaty", "studia przypadków", "wymiana doświadczeń"],
            required=False,
        )
        add(
            type=QuestionType.SINGLE,
            text="Czy polecisz moduł innym urzędom?",
            options=["tak", "nie", "nie wiem"],
        )
        add(
            type=QuestionType.NUMBER,
            text="Ile godzin zajęło Ci zadanie między zjazdami?",
            required=False,
        )
        add(
            type=QuestionType.SHORT_TEXT,
            text="Jedna rzecz, którą zabierasz do urzędu",
            required=False,
        )
    return {
        Kind.SATISFACTION: satisfaction,
        Kind.TEST_PRE: current[Kind.TEST_PRE],
        Kind.TEST_POST: current[Kind.TEST_POST],
    }


def _current(version) -> dict:
    newest = selectors.current_questionnaires([version.pk])
    return {kind: q for (_version, kind), q in newest.items()}


def _value(question, rng: random.Random, kind: str, skill: float):
    """A plausible answer (a test's by the person's `skill`, better after the training)."""
    if question.type == QuestionType.LIKERT:
        return str(rng.choice([2, 3, 4, 4, 4, 5, 5, 5]))
    if question.type == QuestionType.GRID:
        return {str(n): str(rng.choice([3, 4, 4, 5, 5])) for n in range(1, len(question.rows) + 1)}
    if question.correct and question.points:
        chance = skill + (0.3 if kind == Kind.TEST_POST else 0.0)
        if rng.random() < chance:
            return (
                list(question.correct)
                if question.type == QuestionType.MULTIPLE
                else (question.correct[0])
            )
        if question.type == QuestionType.NUMBER:
            return "3"
        wrong = [
            str(n) for n in range(1, len(question.options) + 1) if str(n) not in question.correct
        ]
        return [wrong[0]] if question.type == QuestionType.MULTIPLE else wrong[0]
    if question.type == QuestionType.MULTIPLE:
        return sorted(rng.sample([str(n) for n in range(1, len(question.options) + 1)], 2), key=int)
    if question.type == QuestionType.SINGLE:
        return rng.choice(["1", "1", "1", "3"])
    if question.type == QuestionType.NUMBER:
        return str(rng.choice([2, 3, 4, 6]))
    if question.type in TEXT_TYPES:
        return rng.choice(OPEN) if rng.random() < 0.2 else None
    return None


def evaluate(*, national, rng: random.Random, log=print) -> EvaluationSummary:
    """Survey every past module of every active group and answer it (see the module's doc)."""
    summary = EvaluationSummary()
    today = dt.date.today()
    groups = list(
        TrainingGroup.objects.filter(active=True, surveys__isnull=True)
        .annotate(last=Max("meetings__end_date"))
        .select_related("project", "plan", "trainer__user")
        .order_by("pk")
    )
    versions = {g.pk: group_version(g) for g in groups}
    by_version: dict[int, dict] = {}
    skill: dict[int, float] = {}
    questions_of: dict[int, list] = {}
    for group in groups:
        version = versions[group.pk]
        if version is None:
            continue
        if version.pk not in by_version:
            by_version[version.pk] = _questionnaires(national, version)
        mine = by_version[version.pk]
        surveys, invitations, responses, answer_rows = [], [], [], []
        for questionnaire, module, opens, closes, role, people in _due(group, mine, today):
            if role != "participant":
                continue
            survey = Survey(
                questionnaire=questionnaire,
                group=group,
                module=module,
                opens_on=opens,
                closes_on=max(closes, opens),
            )
            surveys.append((survey, people))
        Survey.objects.bulk_create([s for s, _people in surveys])
        for survey, people in surveys:
            questionnaire = survey.questionnaire
            if questionnaire.pk not in questions_of:
                questions_of[questionnaire.pk] = list(
                    questionnaire.questions.order_by("order", "pk")
                )
            questions = questions_of[questionnaire.pk]
            answering = survey.closes_on < today or rng.random() < 0.5
            for user_id, user in sorted(people.items()):
                answered = answering and rng.random() < 0.9
                invitations.append(
                    Invitation(survey=survey, user=user, role="participant", answered=answered)
                )
                if not answered:
                    continue
                level = skill.setdefault(user_id, rng.uniform(0.3, 0.6))
                data = {}
                for question in questions:
                    value = _value(question, rng, questionnaire.kind, level)
                    if value is not None:
                        data[str(question.pk)] = value
                kept = rules.clean(questions, data)
                response = Response(
                    id=uuid.uuid4(), survey=survey, anonymous=questionnaire.anonymous
                )
                if not questionnaire.anonymous:
                    response.user = user
                    response.submitted_on = survey.opens_on
                if questionnaire.is_test:
                    response.score, response.max_score = rules.score(questions, kept)
                responses.append(response)
                for question in questions:
                    value = kept.get(str(question.pk))
                    if value is None:
                        continue
                    moderated = questionnaire.anonymous and question.type in TEXT_TYPES
                    answer_rows.append(
                        Answer(
                            response=response,
                            question=question,
                            value=value,
                            points=rules.points_for(question, value),
                            moderation=Moderation.PENDING if moderated else Moderation.NOT_NEEDED,
                        )
                    )
        Invitation.objects.bulk_create(invitations, batch_size=BATCH)
        # Random keys, inserted in key order: the table's physical order says nothing either.
        responses.sort(key=lambda r: r.id)
        answer_rows.sort(key=lambda a: a.id)
        Response.objects.bulk_create(responses, batch_size=BATCH)
        Answer.objects.bulk_create(answer_rows, batch_size=BATCH)
        summary.surveys += len(surveys)
        summary.invitations += len(invitations)
        summary.responses += len(responses)
        summary.answers += len(answer_rows)
    # The surveys that have closed are counted, as the daily task would.
    summary.counted = services.surveys_count(actor=SYSTEM)
    log(
        f"evaluation: {summary.surveys} surveys, {summary.responses} responses, "
        f"{summary.answers} answer values, {summary.counted} closed surveys counted"
    )
    return summary
