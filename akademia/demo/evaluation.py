"""The pilot's evaluation: the questionnaires of its programme version (a satisfaction survey
after each module, the final evaluation, knowledge tests before and after, the trainer's and
the coordinators' surveys), written by the national operator; the surveys the daily task
opened as the training went on; the answers.

* The finished group answered the satisfaction survey of each module (more than 5 people:
  results shown, open answers partly moderated), the tests before and after (scores and
  gains), and its trainer and coordinators their surveys.
* The second group answered its module surveys by 3 people only: below the threshold, its
  results show nothing.
* The pilot participant who signs in (Będzin) answered the surveys that closed and the final
  test (her test before scored too), and still has the surveys open today to fill.
* The loop back: the programme's next version (a copy of the pilot's) went to consultation,
  and the national operator sent three approved open answers and the low-rated pace of the
  second module into its round ("Wnioski z ewaluacji pilotażu"), where they got blocks and
  decisions; one of them changed the version after it, so its trace leads back to the survey.

Time travel, as in `demo.delivery`: surveys open on the days they would have (the daily task
is run for each past day something ended), and people answer each survey as if on a day it
was open (its dates are widened for the moment of answering, then restored). A second run
changes nothing.
"""

import datetime as dt
import random

from django.db.models import Max, Min
from django.utils import timezone

from akademia.accounts.models import User
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.delivery.selectors import group_version
from akademia.demo.delivery import pilot_participant_email
from akademia.demo.recruitment import PILOT
from akademia.evaluation import services
from akademia.evaluation.models import Kind, QuestionType, Response, Survey
from akademia.planning.models import TrainingGroup

LIKERT = ["zdecydowanie nie", "raczej nie", "trudno powiedzieć", "raczej tak", "zdecydowanie tak"]
OPEN_ANSWERS = [
    "Więcej przykładów z małych gmin.",
    "Za mało czasu na warsztaty, za dużo wykładu.",
    "Materiały świetne, przydadzą się przy budżecie.",
    "Pan trener Kowalski mówił za szybko.",
    "Chciałabym więcej o konsultacjach z mieszkańcami.",
    "Sala za mała, ale atmosfera dobra.",
]
UNDER_THE_THRESHOLD = 3


def ensure_demo_evaluation() -> None:
    _ensure_surveys()
    # The surveys that have closed are counted, as the daily task would (a second run: none).
    services.surveys_count(actor=SYSTEM)


def _ensure_surveys() -> None:
    national = User.objects.filter(email="krajowy@demo.example.org").first()
    groups = list(
        TrainingGroup.objects.filter(project__name=PILOT, active=True)
        .annotate(first=Min("meetings__start_date"), last=Max("meetings__end_date"))
        .order_by("last", "code")  # the finished group first
    )
    if national is None or not groups or Survey.objects.filter(group__in=groups).exists():
        return
    version = group_version(groups[0])
    if version is None:
        return
    questionnaires = _questionnaires(national, version)
    _open_as_time_went(groups)
    rng = random.Random(14)
    skip = {pilot_participant_email()}
    finished, *others = groups
    for survey in Survey.objects.filter(group=finished).select_related("questionnaire"):
        _answer(survey, questionnaires, rng, skip=skip)
    for group in others[:1]:
        for survey in Survey.objects.filter(group=group).select_related("questionnaire"):
            _answer(survey, questionnaires, rng, skip=skip, limit=UNDER_THE_THRESHOLD)
    _moderate(national)
    _loop_back(national, version)


def _questionnaires(national, version) -> dict:
    add = services.question_add
    made = {}
    q = services.questionnaire_create(
        actor=national,
        version=version,
        kind=Kind.SATISFACTION,
        title="Ocena modułu",
        anonymous=True,
    )
    useful = add(
        actor=national,
        questionnaire=q,
        type=QuestionType.LIKERT,
        text="Moduł był dla mnie przydatny w pracy urzędu",
        options=LIKERT,
    )
    add(
        actor=national,
        questionnaire=q,
        type=QuestionType.GRID,
        text="Oceń prowadzenie zajęć",
        options=LIKERT,
        rows=["przygotowanie trenera", "tempo zajęć", "materiały"],
    )
    add(
        actor=national,
        questionnaire=q,
        type=QuestionType.MULTIPLE,
        text="Co było najcenniejsze?",
        options=["wykłady", "warsztaty", "studia przypadków", "wymiana doświadczeń"],
        required=False,
    )
    add(
        actor=national,
        questionnaire=q,
        type=QuestionType.LONG_TEXT,
        text="Co powinniśmy poprawić?",
        required=False,
        show_if=useful,
        show_if_value="2",
    )
    add(
        actor=national,
        questionnaire=q,
        type=QuestionType.SHORT_TEXT,
        text="Jedna rzecz, którą zabierasz do urzędu",
        required=False,
    )
    made[Kind.SATISFACTION] = q
    final = services.questionnaire_create(
        actor=national, version=version, kind=Kind.FINAL, title="Ewaluacja końcowa", anonymous=True
    )
    add(
        actor=national,
        questionnaire=final,
        type=QuestionType.SINGLE,
        text="Czy polecisz szkolenie innym urzędom?",
        options=["tak", "nie", "nie wiem"],
    )
    add(
        actor=national,
        questionnaire=final,
        type=QuestionType.NUMBER,
        text="Ile godzin tygodniowo poświęcasz na budżet gminy?",
        required=False,
    )
    made[Kind.FINAL] = final
    for kind, title in [
        (Kind.TEST_PRE, "Test wiedzy przed szkoleniem"),
        (Kind.TEST_POST, "Test wiedzy po szkoleniu"),
    ]:
        test = services.questionnaire_create(
            actor=national, version=version, kind=kind, title=title, anonymous=False
        )
        for text, options, correct, points, type_ in [
            ("Kto uchwala budżet gminy?", ["rada gminy", "wójt", "skarbnik"], ["1"], 2, "single"),
            ("Do kiedy wójt przedstawia projekt budżetu?", ["15 listopada", "31 grudnia",
             "31 marca"], ["1"], 2, "single"),
            ("Co jest dochodem własnym gminy?", ["podatek od nieruchomości", "subwencja",
             "opłata targowa"], ["1", "3"], 3, "multiple"),
            ("Ile lat obejmuje zwykle wieloletnia prognoza finansowa? (liczba)", [], ["4"], 1,
             "number"),
        ]:  # fmt: skip
            add(
                actor=national,
                questionnaire=test,
                type=type_,
                text=text,
                options=options,
                correct=correct,
                points=points,
            )
        made[kind] = test
    for kind, title, text in [
        (Kind.TRAINER, "Ankieta trenera", "Jak przygotowane były zespoły JST?"),
        (Kind.COORDINATOR, "Ankieta koordynatora JST", "Czy szkolenie pomogło urzędowi?"),
    ]:
        survey = services.questionnaire_create(
            actor=national, version=version, kind=kind, title=title, anonymous=True
        )
        add(
            actor=national,
            questionnaire=survey,
            type=QuestionType.LIKERT,
            text=text,
            options=LIKERT,
        )
        made[kind] = survey
    return made


def _open_as_time_went(groups) -> None:
    """The daily task on each day something began or ended, and today."""
    today = timezone.localdate()
    days = {today}
    for group in groups:
        for meeting in group.meetings.all():
            days.add(meeting.start_date)
            days.add(meeting.end_date + dt.timedelta(days=1))
    for day in sorted(d for d in days if d <= today):
        services.surveys_open(actor=SYSTEM, today=day)


def _data(survey, questions, rng: random.Random, index: int) -> dict:
    kind = survey.questionnaire.kind
    data = {}
    for question in questions:
        key = str(question.pk)
        if question.type == QuestionType.LIKERT:
            data[key] = str(rng.choice([2, 3, 4, 4, 5, 5]))
        elif question.type == QuestionType.GRID:
            # The pace of the second module was too fast for many (a low-rated item).
            low = survey.module == 2 and kind == Kind.SATISFACTION
            data[key] = {
                str(n): str(rng.choice([1, 2, 2, 3] if low and n == 2 else [3, 4, 4, 5]))
                for n in range(1, 4)
            }
        elif question.type == QuestionType.MULTIPLE:
            if kind in (Kind.TEST_PRE, Kind.TEST_POST):
                right = kind == Kind.TEST_POST and rng.random() < 0.8
                data[key] = ["1", "3"] if right else ["1"]
            else:
                data[key] = sorted(rng.sample(["1", "2", "3", "4"], 2))
        elif question.type == QuestionType.SINGLE:
            if kind in (Kind.TEST_PRE, Kind.TEST_POST):
                chance = 0.9 if kind == Kind.TEST_POST else 0.5
                data[key] = "1" if rng.random() < chance else "2"
            else:
                data[key] = rng.choice(["1", "1", "1", "3"])
        elif question.type == QuestionType.NUMBER:
            if kind in (Kind.TEST_PRE, Kind.TEST_POST):
                data[key] = "4" if rng.random() < (0.8 if kind == Kind.TEST_POST else 0.3) else "3"
            else:
                data[key] = str(rng.choice([2, 4, 5, 8]))
        elif question.type in (QuestionType.LONG_TEXT, QuestionType.SHORT_TEXT) and index % 2 == 0:
            data[key] = OPEN_ANSWERS[(index // 2) % len(OPEN_ANSWERS)]
    return data


def _answer(survey, questionnaires, rng, *, skip, limit=None) -> None:
    """Everyone invited answers (but `skip`), or the first `limit`: on a day the survey was
    open (its dates widened for the moment, then restored)."""
    today = timezone.localdate()
    opens, closes = survey.opens_on, survey.closes_on
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=min(opens, today), closes_on=max(closes, today)
    )
    questions = list(survey.questionnaire.questions.order_by("order", "pk"))
    # The participant who signs in answered what closed and took the final test (her group's
    # certificates ask for it); the other surveys open today wait for her.
    waits = closes >= today and survey.questionnaire.kind != Kind.TEST_POST
    skip = skip if waits else set()
    people = [
        i.user for i in survey.invitations.select_related("user").order_by("pk")
        if i.user.email not in skip
    ]  # fmt: skip
    for index, user in enumerate(people[:limit] if limit else people):
        try:
            services.survey_submit(
                actor=user, survey=survey, data=_data(survey, questions, rng, index)
            )
        except DomainError:
            continue  # an account of another role (reused by e-mail) answers no survey
    Survey.objects.filter(pk=survey.pk).update(opens_on=opens, closes_on=closes)
    # A personal test's day is the day the survey opened, as if answered then.
    Response.objects.filter(survey=survey, anonymous=False).update(submitted_on=opens)


def _moderate(national) -> None:
    """The operator went through the open answers of the first module: names removed."""
    from akademia.evaluation.models import Answer, Moderation

    pending = Answer.objects.filter(
        moderation=Moderation.PENDING, response__survey__module=1
    ).order_by("pk")
    for answer in pending:
        if "Kowalski" in answer.value:
            services.answer_moderate(
                actor=national, answer=answer, decision="approved", text="[Trener] mówił za szybko."
            )
        else:
            services.answer_moderate(
                actor=national, answer=answer, decision="approved", text=answer.value
            )


FEEDBACK_ROUND = "Wnioski z ewaluacji pilotażu"
SENT_TEXTS = (
    "Więcej przykładów z małych gmin.",
    "Za mało czasu na warsztaty, za dużo wykładu.",
    "Chciałabym więcej o konsultacjach z mieszkańcami.",
)


def _loop_back(national, version) -> None:
    """The next version goes to consultation; chosen answers go into its round and are decided
    (one changes the version after it: the trace leads back to the survey)."""
    from akademia.consultations import services as consultations
    from akademia.consultations.models import Block, DecisionState
    from akademia.consultations.trace import next_version_changes
    from akademia.demo.programmes import _author
    from akademia.evaluation import selectors
    from akademia.programmes import services as programmes
    from akademia.programmes.models import VersionStatus

    expert = _author()
    if expert is None or version.successors.exists():
        return
    consulted = programmes.version_new(actor=expert, version=version)
    programmes.version_set_status(
        actor=national, version=consulted, status=VersionStatus.IN_CONSULTATION
    )
    candidates = selectors.feedback_candidates(national, version)
    texts = {t.text: t for t in candidates.texts}
    chosen = [str(texts[text].answer_id) for text in SENT_TEXTS if text in texts]
    pace = [i.key for i in candidates.items if i.where.module == 2 and "tempo" in i.label][:1]
    comments = services.feedback_send(
        actor=national,
        version=version,
        answer_ids=chosen,
        item_keys=pace,
        title=FEEDBACK_ROUND,
    )
    if not comments:
        return
    # The authors answer with the next version: more workshop time in the first module.
    newer = programmes.version_new(actor=expert, version=consulted)
    modules = [
        {
            "id": m.pk,
            "title": m.title,
            "hours": m.hours + (2 if m.order == 1 else 0),
            "methods": list(m.methods),
            "learning_outcomes": m.learning_outcomes,
            "intersession_task": m.intersession_task,
        }
        for m in newer.modules.order_by("order")
    ]
    programmes.version_update(actor=expert, version=newer, fields={}, modules=modules)
    consultation = comments[0].round
    _target, changes = next_version_changes(consultation)
    states = {s.code: s for s in DecisionState.objects.all()}
    blocks = {b.code: b for b in Block.objects.all()}
    for comment in comments:
        if comment.suggested_block_id:
            consultations.block_set(actor=national, comment=comment, block=comment.suggested_block)
        elif "methods" in blocks:
            consultations.block_set(actor=national, comment=comment, block=blocks["methods"])
    decisions = [
        ("accepted", "Pierwszy moduł wydłużono o 2 godziny warsztatów.", True),
        ("partly_accepted", "Przykłady z małych gmin dodano do materiałów modułów 1 i 2.", False),
        ("explained", "Konsultacje z mieszkańcami omawia moduł 4.", False),
        ("accepted", "Trenerzy dostali wskazówki co do tempa; drugi moduł ma mniej treści.", False),
    ]
    hours = [c.path for c in changes if c.path.startswith("module:")][:1]
    for comment, (code, text, changed) in zip(comments, decisions, strict=False):
        state = states.get(code) or next(iter(states.values()))
        paths = hours if changed and state.changes_programme else []
        consultations.decision_record(
            actor=national,
            comment=comment,
            state=state,
            rationale="" if state.changes_programme else text,
            reflection=text if state.changes_programme else "",
            change_version=newer if paths else None,
            change_paths=paths,
        )
