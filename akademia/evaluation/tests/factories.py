"""Test data for evaluation: questionnaires written through the services, a finished group
(delivery's factories) whose surveys the daily task opens, and answers sent as people do."""

import datetime as dt

from django.utils import timezone

from akademia.core.audit import SYSTEM
from akademia.delivery import selectors as delivery_selectors
from akademia.delivery.tests.factories import finished_training, mark_days
from akademia.evaluation import services
from akademia.evaluation.models import Invitation, Kind, QuestionType, Survey

LIKERT = ["zdecydowanie nie", "raczej nie", "trudno powiedzieć", "raczej tak", "zdecydowanie tak"]


def satisfaction(version, actor, *, anonymous=True, title="Ocena modułu"):
    """A satisfaction questionnaire with every type of question and a show-if condition."""
    questionnaire = services.questionnaire_create(
        actor=actor, version=version, kind=Kind.SATISFACTION, title=title, anonymous=anonymous
    )
    add = lambda **kw: services.question_add(actor=actor, questionnaire=questionnaire, **kw)  # noqa: E731
    overall = add(type=QuestionType.LIKERT, text="Moduł był dla mnie przydatny", options=LIKERT)
    add(
        type=QuestionType.SINGLE,
        text="Czy polecisz szkolenie innym?",
        options=["tak", "nie"],
    )
    add(
        type=QuestionType.MULTIPLE,
        text="Co było najcenniejsze?",
        options=["wykłady", "warsztaty", "materiały"],
        required=False,
    )
    add(
        type=QuestionType.GRID,
        text="Oceń trenera",
        options=LIKERT,
        rows=["przygotowanie", "komunikatywność"],
    )
    add(type=QuestionType.NUMBER, text="Ile godzin przygotowań zajęło Ci zadanie?", required=False)
    add(
        type=QuestionType.LONG_TEXT,
        text="Co było nie tak?",
        required=False,
        show_if=overall,
        show_if_value="1",
    )
    add(type=QuestionType.SHORT_TEXT, text="Jedno słowo o module", required=False)
    return questionnaire


def knowledge_test(version, actor, kind=Kind.TEST_PRE, title="Test wiedzy"):
    """Three scored questions: 2 + 1 + 2 points (5 in all)."""
    questionnaire = services.questionnaire_create(
        actor=actor, version=version, kind=kind, title=title, anonymous=False
    )
    for text, options, correct, points, type_ in [
        ("Kto uchwala budżet gminy?", ["rada gminy", "wójt", "starosta"], ["1"], 2, "single"),
        ("Ile wynosi 2 + 2?", [], ["4"], 1, "number"),
        ("Co jest dochodem gminy?", ["podatek od nieruchomości", "VAT", "opłata targowa"],
         ["1", "3"], 2, "multiple"),
    ]:  # fmt: skip
        services.question_add(
            actor=actor,
            questionnaire=questionnaire,
            type=type_,
            text=text,
            options=options,
            correct=correct,
            points=points,
        )
    return questionnaire


def good_answers(questionnaire, *, likert="4", recommend="1", text="") -> dict:
    """Answers to every required question of `satisfaction` (by question pk)."""
    data = {}
    for question in questionnaire.questions.order_by("order"):
        key = str(question.pk)
        if question.type == QuestionType.LIKERT:
            data[key] = likert
        elif question.type == QuestionType.SINGLE:
            data[key] = recommend
        elif question.type == QuestionType.GRID:
            data[key] = {"1": "5", "2": "4"}
        elif question.type == QuestionType.LONG_TEXT and text:
            data[key] = text
    return data


def finished_group(national, regional, expert, trainer, *, size=4, absent_last_day=()):
    """A group (two teams of `size`) whose one module ended yesterday, everyone present except
    `absent_last_day` (participants) on the last day. Returns (group, version)."""
    group = finished_training(national, regional, expert, trainer, days=2, size=size)
    days = mark_days(trainer, group, {})
    if absent_last_day:
        from akademia.delivery import services as delivery

        for person in absent_last_day:
            mark = days[-1].marks.get(participant=person)
            delivery.attendance_change(
                actor=trainer, mark=mark, status="absent", note="", reason="pomyłka"
            )
    return group, delivery_selectors.group_version(group)


def open_surveys(today=None) -> int:
    return services.surveys_open(actor=SYSTEM, today=today)


def survey_of(group, kind=Kind.SATISFACTION) -> Survey:
    return Survey.objects.get(group=group, questionnaire__kind=kind)


def invited(survey, role="participant"):
    rows = Invitation.objects.filter(survey=survey, role=role).select_related("user")
    return [row.user for row in rows.order_by("pk")]


def given_survey(group, questionnaire, people, *, module=1, days_open=7) -> Survey:
    """A survey open from today for `people` (a test's shortcut past the daily task)."""
    today = timezone.localdate()
    survey = Survey.objects.create(
        questionnaire=questionnaire,
        group=group,
        module=module,
        opens_on=today,
        closes_on=today + dt.timedelta(days=days_open),
    )
    Invitation.objects.bulk_create(
        [Invitation(survey=survey, user=u, role="participant") for u in people]
    )
    return survey


def answer(survey, users, data_for) -> list:
    """Each user sends `data_for(index, user)`."""
    return [
        services.survey_submit(actor=user, survey=survey, data=data_for(index, user))
        for index, user in enumerate(users)
    ]
