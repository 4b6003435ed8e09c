"""Evaluation's services: surveys open by themselves for the right people with one e-mail
each, a draft is kept and resumed, answers are sent once, questionnaires given to groups no
longer change, knowledge tests score, open answers wait for a moderator."""

import datetime as dt

import pytest
from django.utils import timezone

from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import OutboxEmail
from akademia.delivery import completion
from akademia.delivery import selectors as delivery_selectors
from akademia.delivery.completion import RuleKind, RuleState
from akademia.evaluation import results, selectors, services
from akademia.evaluation.models import (
    Answer,
    Draft,
    Invitation,
    Kind,
    Moderation,
    QuestionType,
    Response,
    Survey,
)
from akademia.evaluation.tests.factories import (
    answer,
    finished_group,
    given_survey,
    good_answers,
    invited,
    knowledge_test,
    open_surveys,
    satisfaction,
    survey_of,
)


@pytest.fixture
def world(national, regional, expert, trainer):
    group, version = finished_group(national, regional, expert, trainer)
    questionnaire = satisfaction(version, national)
    return group, version, questionnaire


def _people(group):
    return list(group.participants.order_by("pk"))


def test_a_survey_opens_after_the_module_for_the_people_present_on_its_last_day(
    national, regional, expert, trainer, coordinator
):
    group, version = finished_group(national, regional, expert, trainer)
    people = _people(group)
    # One person left before the last day's list was closed: marked absent on it.
    group2_absent = people[0]
    from akademia.delivery import services as delivery
    from akademia.delivery.models import TrainingDay

    last_day = TrainingDay.objects.filter(meeting__group=group).order_by("date").last()
    delivery.attendance_change(
        actor=trainer,
        mark=last_day.marks.get(participant=group2_absent),
        status="absent",
        note="",
        reason="wyszła przed zajęciami",
    )
    satisfaction(version, national)
    for kind, title in [(Kind.TRAINER, "Ankieta trenera"), (Kind.COORDINATOR, "Ankieta JST")]:
        q = services.questionnaire_create(
            actor=national, version=version, kind=kind, title=title, anonymous=True
        )
        services.question_add(
            actor=national, questionnaire=q, type=QuestionType.SHORT_TEXT, text="Uwagi"
        )

    first_day = last_day.date
    assert open_surveys(today=first_day) == 0  # the module's last day is not over yet

    open_surveys()
    survey = survey_of(group)
    assert survey.opens_on == first_day + dt.timedelta(days=1)
    assert survey.closes_on == survey.opens_on + dt.timedelta(days=13)
    expected = {p.user_id for p in people[1:]}
    assert {u.pk for u in invited(survey)} == expected
    assert [u.pk for u in invited(survey_of(group, Kind.TRAINER), "trainer")] == [trainer.pk]
    from akademia.accounts.selectors import coordinators_of_jsts

    coordinators = {u.pk for u in invited(survey_of(group, Kind.COORDINATOR), "coordinator")}
    assert coordinator.pk in coordinators
    assert coordinators == {u.pk for u in coordinators_of_jsts(group.teams.all())}
    mails = OutboxEmail.objects.filter(key__startswith=f"evaluation.invited:{survey.pk}:")
    assert mails.count() == len(expected)
    assert "Ocena modułu" in mails.first().subject

    # The daily task again (a second worker, a restart): nobody is invited or e-mailed twice.
    before = OutboxEmail.objects.count()
    assert open_surveys() == 0
    assert OutboxEmail.objects.count() == before
    assert Invitation.objects.filter(survey=survey).count() == len(expected)


def test_a_reminder_goes_once_to_those_who_have_not_answered(world, settings):
    group, version, questionnaire = world
    open_surveys()
    survey = survey_of(group)
    people = invited(survey)
    services.survey_submit(actor=people[0], survey=survey, data=good_answers(questionnaire))
    settings.EVALUATION_REMINDER_DAYS = 3
    assert services.reminders_queue(actor=SYSTEM) == 0  # not yet: it closes in two weeks
    near_the_end = survey.closes_on - dt.timedelta(days=2)
    assert services.reminders_queue(actor=SYSTEM, today=near_the_end) == len(people) - 1
    keys = set(
        OutboxEmail.objects.filter(key__startswith="evaluation.reminder:").values_list(
            "key", flat=True
        )
    )
    assert keys == {f"evaluation.reminder:{survey.pk}:{u.pk}" for u in people[1:]}
    assert services.reminders_queue(actor=SYSTEM, today=near_the_end) == 0


def test_a_draft_is_kept_resumed_and_deleted_when_the_answers_are_sent(world):
    group, version, questionnaire = world
    open_surveys()
    survey = survey_of(group)
    user = invited(survey)[0]
    likert = questionnaire.questions.get(type=QuestionType.LIKERT)
    services.draft_save(actor=user, survey=survey, data={str(likert.pk): "2", "junk": "x"})
    assert selectors.draft_of(user, survey) == {str(likert.pk): "2"}

    with pytest.raises(DomainError) as missing:  # the other required questions are empty
        services.survey_submit(actor=user, survey=survey, data={str(likert.pk): "2"})
    assert missing.value.field.startswith("q")
    assert Draft.objects.filter(survey=survey, user=user).exists()

    services.survey_submit(actor=user, survey=survey, data=good_answers(questionnaire))
    assert not Draft.objects.filter(survey=survey, user=user).exists()
    assert Invitation.objects.get(survey=survey, user=user).answered

    with pytest.raises(DomainError) as twice:
        services.survey_submit(actor=user, survey=survey, data=good_answers(questionnaire))
    assert "only once" in str(twice.value) or "tylko raz" in str(twice.value)
    with pytest.raises(DomainError):
        services.draft_save(actor=user, survey=survey, data={})
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_person_not_invited_cannot_answer(world, participant):
    group, version, questionnaire = world
    open_surveys()
    with pytest.raises(DomainError):
        services.survey_submit(
            actor=participant, survey=survey_of(group), data=good_answers(questionnaire)
        )


def test_a_question_hidden_by_its_condition_is_neither_required_nor_kept(world):
    group, version, questionnaire = world
    open_surveys()
    survey = survey_of(group)
    user = invited(survey)[0]
    why = questionnaire.questions.get(type=QuestionType.LONG_TEXT)
    why.required = True
    why.save()
    # "useful": 4, so "what was wrong" is not asked; its text is dropped.
    data = good_answers(questionnaire, likert="4") | {str(why.pk): "Jan Kowalski się spóźniał"}
    services.survey_submit(actor=user, survey=survey, data=data)
    assert not Answer.objects.filter(question=why).exists()

    other = invited(survey)[1]
    with pytest.raises(DomainError) as required:
        services.survey_submit(
            actor=other, survey=survey, data=good_answers(questionnaire, likert="1")
        )
    assert required.value.field == why.field_name


def test_a_questionnaire_given_to_a_group_changes_only_as_a_new_version(world, national):
    group, version, questionnaire = world
    open_surveys()
    with pytest.raises(DomainError):
        services.question_add(
            actor=national, questionnaire=questionnaire, type="short_text", text="Nowe"
        )
    copy = services.questionnaire_new_version(actor=national, questionnaire=questionnaire)
    assert (copy.number, copy.based_on_id) == (2, questionnaire.pk)
    old = list(questionnaire.questions.values_list("text", flat=True))
    assert list(copy.questions.values_list("text", flat=True)) == old
    condition = copy.questions.get(type=QuestionType.LONG_TEXT).show_if_question
    assert condition.questionnaire_id == copy.pk  # the condition follows the copy
    services.question_add(actor=national, questionnaire=copy, type="short_text", text="Nowe")
    assert selectors.current_questionnaires([version.pk])[(version.pk, Kind.SATISFACTION)] == copy
    assert questionnaire.questions.count() == len(old)


def test_an_expert_writes_questionnaires_only_for_their_programmes(world, expert, national):
    group, version, questionnaire = world
    from akademia.programmes.models import ProgrammeVersion

    other = ProgrammeVersion.objects.exclude(programme__authors=expert).first()
    mine = ProgrammeVersion.objects.filter(programme__authors=expert).first()
    services.questionnaire_create(
        actor=expert, version=mine, kind=Kind.FINAL, title="Ewaluacja końcowa", anonymous=True
    )
    if other is not None:
        with pytest.raises(DomainError):
            services.questionnaire_create(
                actor=expert, version=other, kind=Kind.FINAL, title="Obca", anonymous=True
            )


def test_a_knowledge_test_scores_each_person_and_shows_their_gain(world, national):
    group, version, _questionnaire = world
    pre = knowledge_test(version, national, Kind.TEST_PRE)
    post = knowledge_test(version, national, Kind.TEST_POST, title="Test po szkoleniu")
    people = [p.user for p in _people(group)]
    assert not pre.anonymous
    pre_survey = given_survey(group, pre, people)
    post_survey = given_survey(group, post, people, module=2)

    def data(test, first, second, third):
        q = list(test.questions.order_by("order"))
        return {str(q[0].pk): first, str(q[1].pk): second, str(q[2].pk): third}

    # Before: 1 correct of 3 (2 of 5 points); after: all correct (5 of 5), except the last
    # person, who did as before.
    answer(pre_survey, people, lambda i, u: data(pre, "1", "5", ["1"]))
    answer(
        post_survey,
        people,
        lambda i, u: (
            data(post, "1", "4", ["1", "3"]) if i < len(people) - 1 else data(post, "1", "5", ["1"])
        ),
    )
    response = Response.objects.get(survey=pre_survey, user=people[0])
    assert (response.score, response.max_score, response.submitted_on) == (
        2,
        5,
        timezone.localdate(),
    )
    own = selectors.my_scores(people[0])
    assert (own[0].pre.percent, own[0].post.percent, own[0].gain) == (40.0, 100.0, 60.0)
    last = selectors.my_scores(people[-1])[0]
    assert last.gain == 0.0

    report = selectors.group_results_for(national, group)
    assert report.gain.pairs == len(people) and report.gain.shown
    assert report.gain.gain == pytest.approx(60.0 * (len(people) - 1) / len(people))
    assert report.gain.improved == round(100 * (len(people) - 1) / len(people))


def test_the_final_test_rule_of_delivery_is_judged_from_the_test_after(world, national):
    group, version, _questionnaire = world
    person = _people(group)[0]
    rules = delivery_selectors.completion_rules_of(version)

    def state():
        participants = delivery_selectors.completion_participants(group)
        rule = completion.RULES[RuleKind.FINAL_TEST]
        loaded = rule.load(participants, rules)
        return rule.judge(participants.get(pk=person.pk), rules, loaded)

    assert state().state == RuleState.NOT_APPLICABLE  # the programme has no test "after"
    post = knowledge_test(version, national, Kind.TEST_POST)
    assert state().state == RuleState.NOT_YET
    survey = given_survey(group, post, [person.user])
    q = list(post.questions.order_by("order"))
    services.survey_submit(
        actor=person.user,
        survey=survey,
        data={str(q[0].pk): "1", str(q[1].pk): "4", str(q[2].pk): ["1"]},
    )
    result = state()
    assert result.state == RuleState.MET
    assert "3" in result.text and "5" in result.text
    Survey.objects.filter(pk=survey.pk).update(closes_on=timezone.localdate() - dt.timedelta(1))
    Response.objects.filter(survey=survey).delete()
    assert state().state == RuleState.FAILED


def test_open_answers_of_an_anonymous_survey_wait_for_a_moderator(world, national, regional):
    group, version, questionnaire = world
    open_surveys()
    survey = survey_of(group)
    people = invited(survey)[: results.MIN_ANSWERS]
    word = questionnaire.questions.get(type=QuestionType.SHORT_TEXT)
    answer(
        survey,
        people,
        lambda i, u: good_answers(questionnaire) | {str(word.pk): f"Pani Nowak była super {i}"},
    )
    waiting = list(selectors.moderation_queue_for(regional))
    assert len(waiting) == len(people)
    assert {a.moderation for a in waiting} == {Moderation.PENDING}

    def texts():
        counted = selectors.survey_results_get_for(national, survey.pk)
        report = selectors.survey_results_for(counted)
        return next(q for q in report.questions if q.question.pk == word.pk)

    assert texts().texts == [] and texts().waiting == len(people)
    services.answer_moderate(
        actor=regional, answer=waiting[0], decision="approved", text="[osoba] była super"
    )
    services.answer_moderate(actor=regional, answer=waiting[1], decision="rejected")
    assert texts().texts == ["[osoba] była super"] and texts().waiting == len(people) - 2
    with pytest.raises(DomainError):
        services.answer_moderate(actor=regional, answer=waiting[2], decision="approved", text="")
