"""The completion rules that are checked: every task between meetings of the person's team
accepted, the advisory hours of their JST confirmed, and the final test shown as not checked
until evaluation registers its judge; a group's completion page in a constant number of
queries whatever its size."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.delivery import completion, selectors, services
from akademia.delivery.completion import RuleKind, RuleState
from akademia.delivery.models import Certificate, TaskAssignment
from akademia.delivery.tests.factories import (
    BESTWINA,
    KOZIEGLOWY,
    advisory_hours,
    held,
    mark_days,
    project_with_teams,
    publish,
    team_member,
    trainer_of,
    with_tasks,
)
from akademia.planning.models import TrainingGroup
from akademia.planning.tests.factories import SLASKIE_TEAMS
from akademia.territory.models import Jst

TODAY = timezone.localdate()
FIRST = TODAY - dt.timedelta(days=30)
MEETINGS = [(FIRST, 2), (FIRST + dt.timedelta(days=21), 2)]  # both over


def _finished(project, regional, trainer, teams_per_group):
    """The groups of `teams_per_group` (lists of JST codes), two meetings each, both over,
    everyone present every day; participants and their teams' tasks made."""
    teacher = trainer_of(project, regional, trainer)
    plan = publish(
        project,
        regional,
        [
            {
                "teams": codes,
                "meetings": [(first + dt.timedelta(days=3 * n), days) for first, days in MEETINGS],
                "trainer": teacher,
            }
            for n, codes in enumerate(teams_per_group)
        ],
    )
    services.participants_sync(actor=SYSTEM, project=project)
    groups = list(TrainingGroup.objects.filter(plan=plan).order_by("code"))
    for group in groups:
        group.participants.update(since=FIRST)
        mark_days(trainer, group, {})
    return groups


@pytest.fixture
def group(national, regional, expert, trainer):
    """Koziegłowy and Bestwina, two modules with tasks, 4 hours of advisory due per JST."""
    project = project_with_teams(national, regional, expert, size=2)
    with_tasks(project)
    advisory_hours(project, 4, "both")
    return _finished(project, regional, trainer, [[KOZIEGLOWY, BESTWINA]])[0]


def _standing(group):
    book = completion.evaluate_group(group, selectors.completion_participants(group))
    return {c.participant.pk: c for c in book.people}


def _rule(standing, kind):
    return next(r for r in standing.results if r.kind == kind)


def _person(group, code):
    return group.participants.filter(jst__code=code).order_by("pk").first()


def _answer(group, code, module, decision, trainer):
    task = TaskAssignment.objects.get(group=group, jst__code=code, module=module)
    services.task_submit(actor=team_member(group, code), assignment=task, text="Odpowiedź")
    feedback = "" if decision == "accepted" else "Uzupełnijcie dane."
    services.task_review(actor=trainer, assignment=task, decision=decision, feedback=feedback)


def _advisory_done(regional, trainer, coordinator, group, hours="4"):
    assignment = services.advisory_assign(
        actor=regional,
        project=group.project,
        jst=Jst.objects.get(code=KOZIEGLOWY),
        advisor=trainer,
    )
    session = held(trainer, assignment, hours=hours, date=TODAY - dt.timedelta(days=2))
    services.advisory_confirm(actor=coordinator, session=session)
    return assignment


# Tasks between meetings ---------------------------------------------------------------------


def test_every_task_accepted_meets_the_rule_and_one_returned_does_not(
    client, group, trainer, regional, coordinator
):
    completion_rules = selectors.completion_rules_of(selectors.group_version(group))
    completion_rules.require_advisory = False
    completion_rules.save()
    for module in (1, 2):
        _answer(group, KOZIEGLOWY, module, "accepted", trainer)
    _answer(group, BESTWINA, 1, "accepted", trainer)
    _answer(group, BESTWINA, 2, "returned", trainer)
    standing = _standing(group)
    done, short = _person(group, KOZIEGLOWY), _person(group, BESTWINA)

    rule = _rule(standing[done.pk], RuleKind.TASKS)
    assert (rule.state, rule.text, rule.percent) == (RuleState.MET, "Tasks accepted: 2 of 2.", 100)
    assert standing[done.pk].qualifies

    rule = _rule(standing[short.pk], RuleKind.TASKS)
    assert rule.state == RuleState.NOT_YET
    assert rule.text == "Tasks accepted: 1 of 2 (returned for corrections: 1)."
    assert rule.percent == 50
    assert not standing[short.pk].qualifies
    with pytest.raises(DomainError, match="Tasks accepted: 1 of 2"):
        services.certificate_issue(actor=regional, participant=short)
    certificate, made = services.certificate_issue(actor=regional, participant=done)
    assert made and {"kind": "tasks", "state": "met", "text": "Tasks accepted: 2 of 2."} in (
        certificate.completion
    )
    # The participant's page keeps showing the rules, as they stood when it was issued.
    client.force_login(done.user)
    page = client.get(reverse("delivery:my-training")).content.decode()
    assert certificate.number in page
    assert "The completion rules as they stood when it was issued:" in page
    assert "Tasks accepted: 2 of 2." in page


def test_tasks_not_sent_or_waiting_are_counted_and_a_programme_without_tasks_passes(
    national, regional, expert, trainer
):
    project = project_with_teams(national, regional, expert, size=2)
    with_tasks(project)
    group = _finished(project, regional, trainer, [[KOZIEGLOWY, BESTWINA]])[0]
    task = TaskAssignment.objects.get(group=group, jst__code=KOZIEGLOWY, module=1)
    services.task_submit(actor=team_member(group), assignment=task, text="Odpowiedź")
    rule = _rule(_standing(group)[_person(group, KOZIEGLOWY).pk], RuleKind.TASKS)
    assert rule.text == (
        "Tasks accepted: 0 of 2 (awaiting the trainer's review: 1; not sent yet: 1)."
    )
    assert (rule.state, rule.percent) == (RuleState.NOT_YET, 0)

    # The same rules for a programme whose modules give no task: not applicable, passes.
    other = project_with_teams(national, regional, expert, codes=[SLASKIE_TEAMS[2]], size=2)
    plain = _finished(other, regional, trainer, [[SLASKIE_TEAMS[2]]])[0]
    standing = _standing(plain)[plain.participants.first().pk]
    rule = _rule(standing, RuleKind.TASKS)
    assert (rule.state, rule.text) == (
        RuleState.NOT_APPLICABLE,
        "The programme has no tasks between meetings.",
    )
    assert standing.qualifies


# Advisory hours -----------------------------------------------------------------------------


def test_advisory_hours_short_of_those_due_do_not_meet_the_rule(
    group, trainer, regional, coordinator
):
    rules = selectors.completion_rules_of(selectors.group_version(group))
    rules.require_tasks = False
    rules.save()
    assignment = _advisory_done(regional, trainer, coordinator, group, hours="2.5")
    held(trainer, assignment, hours="1", date=TODAY - dt.timedelta(days=1))  # not confirmed yet
    kozieglowy, bestwina = _person(group, KOZIEGLOWY), _person(group, BESTWINA)
    standing = _standing(group)
    rule = _rule(standing[kozieglowy.pk], RuleKind.ADVISORY)
    assert rule.state == RuleState.NOT_YET
    assert rule.text == (
        "Advisory hours confirmed by the JST: 2.5 of 4 "
        "(awaiting the coordinator's confirmation: 1)."
    )
    assert rule.percent == 62
    assert not standing[kozieglowy.pk].qualifies
    rule = _rule(standing[bestwina.pk], RuleKind.ADVISORY)
    assert rule.text == (
        "Advisory hours confirmed by the JST: 0 of 4 (no advisor assigned to the JST yet)."
    )
    with translation.override("pl"):  # hours with a decimal comma
        rule = _rule(_standing(group)[kozieglowy.pk], RuleKind.ADVISORY)
        assert rule.text.startswith("Godziny doradztwa potwierdzone przez JST: 2,5 z 4")

    session = assignment.sessions.get(status="reported")
    services.advisory_confirm(actor=coordinator, session=session)
    session = held(trainer, assignment, hours="0.5", date=TODAY)
    services.advisory_confirm(actor=coordinator, session=session)  # 4 of 4 confirmed
    standing = _standing(group)[kozieglowy.pk]
    rule = _rule(standing, RuleKind.ADVISORY)
    assert (rule.state, rule.text) == (
        RuleState.MET,
        "Advisory hours confirmed by the JST: 4 of 4.",
    )
    assert standing.qualifies


def test_a_programme_without_advisory_hours_makes_the_rule_not_applicable(
    national, regional, expert, trainer
):
    project = project_with_teams(national, regional, expert, size=2)
    group = _finished(project, regional, trainer, [[KOZIEGLOWY, BESTWINA]])[0]
    rule = _rule(_standing(group)[_person(group, KOZIEGLOWY).pk], RuleKind.ADVISORY)
    assert (rule.state, rule.text) == (
        RuleState.NOT_APPLICABLE,
        "The programme has no advisory hours.",
    )


# The final test ----------------------------------------------------------------------------


def test_the_final_test_is_shown_not_checked_until_evaluation_registers_its_judge(
    client, group, trainer, regional, coordinator, final_test_unjudged
):
    for code in (KOZIEGLOWY, BESTWINA):
        for module in (1, 2):
            _answer(group, code, module, "accepted", trainer)
    rules = selectors.completion_rules_of(selectors.group_version(group))
    rules.require_advisory = False
    rules.save()
    person = _person(group, KOZIEGLOWY)
    standing = _standing(group)[person.pk]
    rule = _rule(standing, RuleKind.FINAL_TEST)
    assert (rule.state, rule.text) == (
        RuleState.NOT_APPLICABLE,
        "The final test is not yet available on the platform: not checked.",
    )
    assert standing.qualifies  # not checked: it does not block, and every page says so
    client.force_login(regional)
    notice = (
        "The final test is not yet available on the platform: not checked. Certificates issued "
        "now do not wait for it."
    )
    page = client.get(reverse("delivery:group-completion", args=[group.pk])).content.decode()
    assert notice in page
    page = client.get(reverse("delivery:certificates-issue", args=[group.pk])).content.decode()
    assert notice in page

    class FinalTestRule(completion.Rule):  # what evaluation will register
        kind = RuleKind.FINAL_TEST

        def load(self, participants, rules):
            return {p.pk for p in participants if p.jst.code == KOZIEGLOWY}

        def judge(self, participant, rules, loaded):
            if participant.pk in loaded:
                return completion.RuleResult(self.kind, RuleState.MET, "Test taken: 72%.")
            return completion.RuleResult(self.kind, RuleState.NOT_YET, "Test not taken yet.")

    placeholder = completion.RULES[RuleKind.FINAL_TEST]
    completion.register(FinalTestRule())
    try:
        standing = _standing(group)
        assert standing[person.pk].qualifies
        other = _person(group, BESTWINA)
        assert "final test: Test not taken yet." in standing[other.pk].reasons
        page = client.get(reverse("delivery:group-completion", args=[group.pk])).content.decode()
        assert notice not in page and "Test not taken yet." in page
    finally:
        completion.register(placeholder)


# Pages ------------------------------------------------------------------------------------


def test_the_participant_and_the_operator_see_each_rule_with_its_progress(
    client, group, trainer, regional, coordinator
):
    _answer(group, KOZIEGLOWY, 1, "accepted", trainer)
    _advisory_done(regional, trainer, coordinator, group, hours="1.5")
    person = _person(group, KOZIEGLOWY)
    client.force_login(person.user)
    page = client.get(reverse("delivery:my-training")).content.decode()
    assert "Tasks accepted: 1 of 2 (not sent yet: 1)." in page
    assert "Advisory hours confirmed by the JST: 1.5 of 4." in page
    assert "4 of 4 days attended" in page
    client.force_login(regional)
    page = client.get(reverse("delivery:group-completion", args=[group.pk])).content.decode()
    assert page.count("Tasks accepted: 1 of 2 (not sent yet: 1).") == 2  # both of Koziegłowy
    assert page.count("Tasks accepted: 0 of 2 (not sent yet: 2).") == 2
    assert "0 people qualify" in page
    assert not Certificate.objects.exists()


def test_the_completion_page_takes_the_same_queries_for_3_and_12_people(
    client, national, regional, expert, trainer, coordinator
):
    """A group of one team of 3 and a group of four teams of 3, with tasks (some accepted,
    one returned) and advisory (some confirmed, some awaiting)."""
    codes = SLASKIE_TEAMS[:5]
    project = project_with_teams(national, regional, expert, codes=codes, size=3)
    with_tasks(project)
    advisory_hours(project, 4, "both")
    small, large = _finished(project, regional, trainer, [codes[:1], codes[1:]])
    for group in (small, large):
        for jst in group.teams.all():
            _answer(group, jst.code, 1, "accepted", trainer)
        _answer(group, group.teams.order_by("code").first().code, 2, "returned", trainer)
    _advisory_done(regional, trainer, coordinator, small)
    waiting = services.advisory_assign(
        actor=regional, project=project, jst=Jst.objects.get(code=codes[1]), advisor=trainer
    )
    held(trainer, waiting, hours="2", date=TODAY - dt.timedelta(days=1))
    assert small.participants.count() == 3 and large.participants.count() == 12
    client.force_login(regional)

    def queries(group):
        url = reverse("delivery:group-completion", args=[group.pk])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries(small)  # warm what is cached per process (sessions, content types)
    assert queries(large) == queries(small)
