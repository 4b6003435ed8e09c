"""The demo (`make demo`) tells the story: the seed's consultation, the pilot's recruitment and
plan, the Śląskie project ready to plan.

The demo is built once for the module, as `load_demo` builds it, inside a transaction rolled
back at the end; each test runs in a savepoint of it. (Built per test, it took half a minute.)
"""

import pytest
from django.db import transaction
from django.utils import timezone

from akademia.accounts.models import User
from akademia.consultations.models import Comment, ConsultationRound, Decision
from akademia.delivery.models import AttendanceMark, CompletionRules, Participant, TrainingDay
from akademia.demo.advisory import ensure_demo_advisory
from akademia.demo.calendar import ensure_demo_calendar
from akademia.demo.certificates import ensure_demo_certificates
from akademia.demo.consultations import ensure_demo_consultation
from akademia.demo.delivery import ensure_demo_delivery, pilot_participant_email, story_groups
from akademia.demo.evaluation import ensure_demo_evaluation
from akademia.demo.planning import ensure_demo_planning
from akademia.demo.programmes import ensure_demo_programmes
from akademia.demo.recruitment import (
    PILOT,
    PILOT_CALL,
    REGIONAL,
    REGIONAL_CALL,
    REGIONAL_FIRST_CALL,
    ensure_demo_recruitment,
)
from akademia.demo.targets import ensure_demo_targets
from akademia.demo.team_tasks import ensure_demo_team_tasks
from akademia.demo.users import DEMO_PASSWORD, ensure_demo_users
from akademia.planning import services
from akademia.planning.models import Plan, PlanStatus
from akademia.recruitment import selectors
from akademia.recruitment.models import Application, Call, Enrolment, Project, SelectionRun


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from akademia.territory.tests.factories import load_registry

    with django_db_blocker.unblock():
        load_registry()  # a live-server test on this worker may have flushed the database
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_demo_users()
        ensure_demo_programmes()
        ensure_demo_consultation()
        ensure_demo_recruitment()
        ensure_demo_planning()
        ensure_demo_delivery()
        ensure_demo_team_tasks()
        ensure_demo_advisory()  # before the certificates: a rule reads its hours
        ensure_demo_evaluation()  # before the certificates: a rule reads the final test
        ensure_demo_certificates()
        ensure_demo_calendar()
        ensure_demo_targets()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    """The demo data, in a savepoint undone after the test."""


def test_demo_consultation_tells_the_seed_story_once(demo):
    ensure_demo_consultation()
    ensure_demo_consultation()  # a second `make demo` duplicates nothing

    consultation = ConsultationRound.objects.get()
    places = [(m.kind, m.place.name, m.start_date.isoformat()) for m in consultation.meetings.all()]
    assert places == [
        ("rural", "Koziegłowy", "2017-01-12"),
        ("urban", "Kutno", "2017-01-19"),
        ("county", "powiat jędrzejowski", "2017-01-26"),
    ]
    assert [r.start_date.isoformat() for r in consultation.reviews.all()][-1] == "2017-02-03"
    assert Comment.objects.count() == 70
    assert Decision.objects.count() == 70
    assert Decision.objects.exclude(change_paths=[]).count() >= 20
    assert len(set(Decision.objects.values_list("state__code", flat=True))) == 4


def test_demo_pilot_selects_30_jst_and_90_people_meeting_every_quota(demo):
    call = Call.objects.get(title=PILOT_CALL)
    assert call.is_published
    applications = call.applications.all()
    assert applications.count() == 60
    assert {a.jst.exchange_group for a in applications} == {"rural", "urban", "county"}
    assert len({a.jst.voivodeship_id for a in applications}) == 6
    assert len({a.score for a in applications}) >= 10
    run = SelectionRun.objects.get(call=call)
    assert run.status == "optimal"
    assert all(row["satisfied"] for row in run.result["quota_usage"])
    teams = selectors.enrolled_teams(call.project)
    assert len(teams) == 30
    assert sum(t["people"] for t in teams) == 90
    kinds = [t["jst"].exchange_group for t in teams]
    assert min(kinds.count(k) for k in ("rural", "urban", "county")) >= 8
    assert all(2 <= t["people"] <= 4 and t["managers"] >= 1 for t in teams)
    assert (
        applications.filter(status="waiting").count()
        == 30 - applications.filter(status="not_selected").count()
    )
    # The regional call is in progress, with Koziegłowy applying through the demo coordinator.
    regional = Call.objects.get(title=REGIONAL_CALL)
    assert regional.accepts_applications and regional.project.voivodeship.code == "24"
    kozieglowy = Application.objects.get(call=regional, jst__code="2409023")
    assert kozieglowy.coordinator.email == "koordynator@demo.example.org"
    assert set(regional.applications.values_list("status", flat=True)) == {
        "draft",
        "corrections",
        "complete",
        "submitted",
    }
    # Its first call is decided: 30 Śląskie JST enrolled for the regional operator to plan.
    first = Call.objects.get(title=REGIONAL_FIRST_CALL)
    assert first.is_published and first.project == regional.project
    teams = selectors.enrolled_teams(regional.project)
    assert len(teams) == 30
    assert {t["jst"].voivodeship.code for t in teams} == {"24"}
    assert {t["jst"].exchange_group for t in teams} == {"rural", "urban", "county"}
    # A second run duplicates nothing.
    counts = (Project.objects.count(), Application.objects.count(), Enrolment.objects.count())
    ensure_demo_recruitment()
    assert counts == (
        Project.objects.count(),
        Application.objects.count(),
        Enrolment.objects.count(),
    )


def test_pilot_published_and_the_regional_project_ready_to_plan(demo):
    assert Plan.objects.get(project__name=PILOT).status == PlanStatus.PUBLISHED
    regional = Project.objects.get(name=REGIONAL)
    assert not regional.plans.exists()
    # One venue per distinct county seat of śląskie: 36 county-level units, 4 of whose powiaty
    # (bielski, częstochowski, gliwicki, rybnicki) have their seat in a city with county rights.
    assert regional.venues.count() == 32
    assert regional.trainers.count() == 3

    operator = User.objects.get(email="slaskie@demo.example.org")
    plan = services.plan_create(actor=operator, project=regional, parameters={"time_limit": 10})
    plan = services.plan_solve(actor=operator, plan_id=plan.pk)
    assert plan.is_feasible and not plan.violations
    assert sum(len(g["teams"]) for g in plan.result["groups"]) == 30
    ensure_demo_planning()  # a second run plans nothing more
    assert regional.plans.count() == 1


def test_the_pilot_is_under_way_with_attendance_and_a_substitute(demo):
    today = timezone.localdate()
    plan = Plan.objects.get(project__name=PILOT, status=PlanStatus.PUBLISHED)
    days = TrainingDay.objects.filter(meeting__group__plan=plan)
    past = days.filter(date__lt=today)
    assert past.exists() and days.filter(date__gt=today).exists()  # half-way
    assert not past.filter(closed_at__isnull=True).exists()  # every past list closed
    statuses = set(AttendanceMark.objects.filter(day__in=past).values_list("status", flat=True))
    assert statuses == {"present", "late", "left_early", "excused", "absent"}
    assert not AttendanceMark.objects.filter(day__date__gte=today).exists()
    (substitute,) = Participant.objects.filter(group__plan=plan, replaces__isnull=False)
    assert substitute.replaces.status == "substituted"
    assert substitute.replaces.marks.exists() and substitute.marks.exists()  # both histories
    first_group = story_groups(plan)[0]
    assert not days.filter(meeting__group=first_group, date__gte=today).exists()  # finished
    login = User.objects.get(email=pilot_participant_email())
    assert login.check_password(DEMO_PASSWORD) and login.participations.exists()
    marks = AttendanceMark.objects.count()
    ensure_demo_delivery()  # a second run changes nothing
    assert AttendanceMark.objects.count() == marks


def test_the_pilots_teams_have_their_tasks_and_the_finished_groups_are_accepted(demo):
    from akademia.delivery.models import TaskAssignment, TaskStatus, TaskSubmission

    pilot = Project.objects.get(name=PILOT)
    tasks = TaskAssignment.objects.filter(group__project=pilot)
    teams = {jst for group in pilot.training_groups.all() for jst in group.teams.all()}
    assert {task.jst for task in tasks} == teams
    assert set(tasks.values_list("module", flat=True)) == {1, 2, 3, 4, 5}
    bedzin = ensure_demo_team_tasks()  # a second run adds nothing
    # Będzin's first answer was returned with feedback, the second one accepted.
    assert bedzin.jst.name == "Będzin" and bedzin.status == TaskStatus.ACCEPTED
    first, second = TaskSubmission.objects.filter(assignment=bedzin).order_by("round")
    assert first.files.get().name == "analiza-swot.pdf" and first.review.feedback
    assert first.review.decision == "returned" and second.review.decision == "accepted"
    # The finished group's teams did every task, before each due day; the others go on.
    finished = story_groups(Plan.objects.get(project=pilot, status=PlanStatus.PUBLISHED))[0]
    assert set(tasks.filter(group=finished).values_list("status", flat=True)) == {"accepted"}
    assert not any(
        answer.late for answer in TaskSubmission.objects.filter(assignment__group=finished)
    )
    assert tasks.exclude(group=finished).exclude(status=TaskStatus.ACCEPTED).exists()


def test_demo_versions_offered_by_calls_have_their_completion_rules_once(demo):
    assert ensure_demo_certificates() == 0  # a second `make demo` adds nothing
    rules = CompletionRules.objects.select_related("version")
    offered = {call_version for call in Call.objects.all() for call_version in call.versions.all()}
    assert offered and {r.version for r in rules} == offered
    assert {(r.min_attendance_percent, r.require_tasks) for r in rules} == {(80, True)}


def test_demo_calendar_has_a_participant_with_meetings_and_a_trainers_address(demo):
    from akademia.delivery.models import CalendarFeed
    from akademia.delivery.selectors import calendar_meetings_for
    from akademia.demo.users import DEMO_PASSWORD

    person = ensure_demo_calendar()
    assert ensure_demo_calendar() == person  # a second `make demo` duplicates nothing
    assert person.user.check_password(DEMO_PASSWORD)
    assert calendar_meetings_for(person.user).exists()
    assert CalendarFeed.objects.filter(user__email="trener@demo.example.org").count() == 1


def test_demo_advisory_shows_hours_confirmed_awaiting_and_planned_once(demo):
    from akademia.delivery import selectors as delivery
    from akademia.demo.planning import PILOT_COORDINATOR

    assignment = ensure_demo_advisory()
    ensure_demo_advisory()  # a second run duplicates nothing
    assert (assignment.jst.code, assignment.advisor.email) == ("2401011", "trener@demo.example.org")
    hours = delivery.advisory_assignment_hours(assignment)
    # Its hours were used during the training (the certificates need them), and the advisor
    # goes on: a session waits for confirmation, a visit is planned.
    assert (hours.due, hours.confirmed, hours.awaiting, hours.planned) == (16, 16, 1.5, 2)
    coordinator = User.objects.get(email=PILOT_COORDINATOR)
    assert [s.topic for s in delivery.advisory_to_confirm_for(coordinator)] == [
        "Wskaźniki wieloletniej prognozy finansowej"
    ]
    regional = User.objects.get(email="slaskie@demo.example.org")
    assert [
        line.project.name for line in delivery.advisory_report_for(regional).jsts if line.assignment
    ]


def test_the_finished_group_has_its_certificates_but_for_the_one_who_missed_days(demo):
    from akademia.delivery import completion
    from akademia.delivery import selectors as selectors_delivery
    from akademia.delivery.models import Certificate

    plan = Plan.objects.get(project__name=PILOT, status=PlanStatus.PUBLISHED)
    first = story_groups(plan)[0]
    people = first.participants.filter(status="active")
    certified = set(
        Certificate.objects.filter(participant__group=first).values_list("participant", flat=True)
    )
    missed = people.order_by("jst__name", "full_name").first()
    assert missed.pk not in certified and len(certified) >= people.count() - 3
    # The rules were checked: every team's tasks accepted, every JST's advisory hours used.
    book = completion.evaluate_group(first, selectors_delivery.completion_participants(first))
    for standing in book.people:
        kinds = {r.kind: r.state for r in standing.results}
        assert kinds["tasks"] == kinds["advisory"] == "met"
        assert (standing.certificate is not None) == standing.qualifies
    (reason,) = next(s for s in book.people if s.participant.pk == missed.pk).reasons
    assert reason.startswith("frekwencja:") or reason.startswith("attendance:")
    assert not Certificate.objects.exclude(participant__group=first).exists()  # others go on
    ensure_demo_certificates()  # a second run issues nothing twice
    assert Certificate.objects.count() == len(certified)


def test_demo_evaluation_has_results_a_group_under_the_threshold_and_test_gains(demo):
    from akademia.evaluation import results, selectors
    from akademia.evaluation.models import Kind, Response, Survey

    ensure_demo_evaluation()  # a second run changes nothing
    national = User.objects.get(email="krajowy@demo.example.org")
    groups = selectors.results_groups_for(national)
    plan = Plan.objects.get(project__name=PILOT, status=PlanStatus.PUBLISHED)
    first = story_groups(plan)[0]
    finished = next(line for line in groups if line.group.pk == first.pk)
    second = next(line for line in groups if line.group.pk != first.pk and line.surveys)
    satisfaction = [s for s in finished.surveys if s.questionnaire.kind == Kind.SATISFACTION]
    assert len(satisfaction) >= 2 and all(s.answered >= results.MIN_ANSWERS for s in satisfaction)
    assert second.surveys and all(s.answered < results.MIN_ANSWERS for s in second.surveys)
    report = selectors.group_results_for(national, finished.group)
    assert report.gain.shown and report.gain.gain > 0
    shown = selectors.survey_results_for(
        selectors.survey_results_get_for(national, satisfaction[0].pk)
    )
    assert shown.shown and shown.questions
    kinds = {s.questionnaire.kind for s in finished.surveys}
    assert {Kind.TRAINER, Kind.COORDINATOR, Kind.FINAL, Kind.TEST_PRE, Kind.TEST_POST} <= kinds
    assert Response.objects.filter(survey__in=Survey.objects.filter(group=finished.group)).exists()
    # The pilot's participant who signs in answered what closed and the final test (her
    # certificate asks for it); the other surveys open today wait for her.
    participant = User.objects.get(email=pilot_participant_email())
    today = timezone.localdate()
    mine = selectors.my_invitations(participant).filter(survey__closes_on__gte=today)
    assert not mine.exclude(survey__questionnaire__kind=Kind.TEST_POST).filter(answered=True)
    assert mine.filter(answered=False).exists()
    assert mine.get(survey__questionnaire__kind=Kind.TEST_POST).answered
    assert selectors.my_scores(participant)[0].pre is not None


def test_demo_targets_show_progress_against_90_30_and_3300_1000(demo):
    from akademia.reporting.filters import Filters
    from akademia.reporting.models import Target
    from akademia.reporting.selectors import dashboard_for

    ensure_demo_targets()  # a second `make demo` changes nothing
    pilot = Project.objects.get(name=PILOT)
    own = {(t.indicator, t.category): t.value for t in Target.objects.filter(project=pilot)}
    assert (own[("trained", "")], own[("jst", "")]) == (90, 30)
    national = {t.indicator: t.value for t in Target.objects.filter(project=None, category="")}
    assert (national["trained"], national["jst"]) == (3300, 1000)
    board = dashboard_for(User.objects.get(email="krajowy@demo.example.org"), Filters())
    assert board.totals.targets["target_people"] == 3300
    assert board.totals.counts["started"] > 0 and board.months
    regional = dashboard_for(User.objects.get(email="slaskie@demo.example.org"), Filters())
    assert [p.name for p in regional.projects] == [REGIONAL]
    assert regional.totals.targets["target_people"] == 200
