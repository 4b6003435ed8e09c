import datetime as dt
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command

from akademia.core.errors import DomainError
from akademia.core.jobs import job_run
from akademia.core.models import Job, JobStatus
from akademia.planning import services
from akademia.planning.models import Meeting, Plan, PlanStatus, TrainingGroup, Venue
from akademia.planning.problem import build_problem
from akademia.planning.solver import validate_problem_data
from akademia.planning.tests.factories import SLASKIE_TEAMS, solved_plan
from akademia.territory.models import County

pytestmark = pytest.mark.django_db


def test_problem_has_the_enrolled_teams_venues_and_programme_rules(project):
    data = build_problem(project)
    teams = {t["id"]: t for t in data["teams"]}
    assert set(teams) == set(SLASKIE_TEAMS)
    kozieglowy = teams["2409023"]
    assert (kozieglowy["size"], kozieglowy["managers"], kozieglowy["kind"]) == (4, 1, "rural")
    assert kozieglowy["county"] == "2409"
    assert teams["2414011"]["kind"] == "urban"
    assert 50.5 < kozieglowy["lat"] < 50.7
    # Default venues: every county seat of Śląskie (36 counties), two rooms each.
    assert len(data["venues"]) == County.objects.filter(voivodeship__code="24").count() == 36
    assert {v["max_groups"] for v in data["venues"]} == {2}
    venue = Venue.objects.get(project=project, county__code="2469")
    assert venue.lat == County.objects.get(code="2469").inner_lat
    # Organisation parameters of the programme version (make_version's defaults).
    assert data["groups"]["min_size"] == 16 and data["groups"]["max_size"] == 25
    cal = data["calendar"]
    assert cal["modules"] == 1 and cal["days_per_module"] == 2 and cal["weekdays"] == [5, 6]
    assert (cal["min_gap_days"], cal["max_gap_days"]) == (21, 42)
    assert cal["holidays"] == "PL"
    assert validate_problem_data(data) == []


def test_blackout_and_trainers_go_into_the_problem(project, regional):
    services.trainer_save(
        actor=regional,
        project=project,
        name="Maria",
        lat=50.26,
        lon=19.02,
        unavailable=["2027-01-08"],
        max_days=20,
    )
    data = build_problem(project, {"blackout": ["2027-01-15"]})
    assert data["calendar"]["blackout"] == ["2027-01-15"]
    [trainer] = data["calendar"]["trainers"]
    assert trainer["unavailable"] == ["2027-01-08"] and trainer["max_days"] == 20
    assert data["calendar"]["trainers_per_meeting"] == 1


def test_plan_export_writes_a_valid_problem(project):
    out = io.StringIO()
    call_command("plan_export", str(project.pk), stdout=out)
    data = json.loads(out.getvalue())
    assert validate_problem_data(data) == []
    assert len(data["teams"]) == len(SLASKIE_TEAMS)


def test_the_job_solves_and_stores_the_plan(project, regional, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        plan = services.plan_start(actor=regional, project=project, parameters={"time_limit": 5})
    plan.refresh_from_db()
    assert plan.job.status == JobStatus.SUCCEEDED
    assert plan.status == PlanStatus.SOLVED
    assert plan.solver_status == "optimal"
    assert plan.violations == []
    assert plan.objective == pytest.approx(plan.result["objective"])
    assert sum(g["size"] for g in plan.result["groups"]) == 32
    assert all(len(g["meetings"]) == 1 for g in plan.result["groups"])
    assert f"/planowanie/plany/{plan.pk}/" in plan.job.result.values()


def test_a_cancelled_job_leaves_the_plan_unsolved(project, regional):
    plan = services.plan_create(actor=regional, project=project, parameters={"time_limit": 5})
    job = Job.objects.create(
        kind="planning.solve", label="x", params={"plan": plan.pk}, cancel_requested=True
    )
    job_run(str(job.pk))
    job.refresh_from_db()
    plan.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert plan.status == PlanStatus.DRAFT and plan.result is None


def test_a_regional_operator_cannot_plan_another_voivodeship(project, regional_other):
    with pytest.raises(DomainError):
        services.plan_create(actor=regional_other, project=project, parameters={})


def test_moving_a_team_makes_a_copy_and_the_checker_flags_group_size(project, regional):
    plan = solved_plan(project, regional)
    first, second = plan.result["groups"]
    copy = services.plan_move_team(
        actor=regional, plan=plan, team=first["teams"][0], group=second["id"]
    )
    assert copy.pk != plan.pk and copy.derived_from == plan
    assert {v["rule"] for v in copy.violations} == {"group_size"}
    sizes = sorted(g["size"] for g in copy.result["groups"])
    assert sizes == [12, 20]
    assert copy.objective != plan.objective
    assert not copy.can_publish
    # A second change edits the same copy; moving the team back makes it valid again.
    again = services.plan_move_team(
        actor=regional, plan=copy, team=first["teams"][0], group=first["id"]
    )
    assert again.pk == copy.pk and again.violations == []
    assert again.objective == pytest.approx(plan.objective)
    plan.refresh_from_db()
    assert plan.violations == []


def test_moving_a_meeting_to_a_holiday_is_flagged(project, regional):
    plan = solved_plan(project, regional)
    group = plan.result["groups"][0]["id"]
    copy = services.plan_move_meeting(
        actor=regional, plan=plan, group=group, module=1, start=dt.date(2027, 5, 3)
    )
    rules = {v["rule"] for v in copy.violations}
    assert "holiday" in rules and "weekday" in rules  # 3 May 2027 is a Monday holiday


def test_publishing_creates_groups_and_meetings_and_emails_the_coordinator(
    project, regional, coordinator, django_capture_on_commit_callbacks
):
    plan = solved_plan(project, regional)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_publish(actor=regional, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert TrainingGroup.objects.filter(plan=plan, active=True).count() == 2
    assert Meeting.objects.filter(group__plan=plan).count() == 2
    group = TrainingGroup.objects.get(plan=plan, teams__code="2409023")
    recipients = {m.to[0]: m for m in mail.outbox}
    assert len(recipients) == len(mail.outbox) >= len(SLASKIE_TEAMS)  # one per coordinator
    assert group.code in recipients[coordinator.email].body
    # A newer plan supersedes it.
    newer = solved_plan(project, regional, seed=1)
    services.plan_publish(actor=regional, plan=newer)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUPERSEDED
    assert not TrainingGroup.objects.filter(plan=plan, active=True).exists()
    assert Plan.objects.filter(project=project, status=PlanStatus.PUBLISHED).get() == newer


def test_a_plan_with_violations_cannot_be_published(project, regional):
    plan = solved_plan(project, regional)
    first, second = plan.result["groups"]
    copy = services.plan_move_team(
        actor=regional, plan=plan, team=first["teams"][0], group=second["id"]
    )
    with pytest.raises(DomainError):
        services.plan_publish(actor=regional, plan=copy)


def test_infeasible_problem_stores_the_reason(project, regional):
    Venue.objects.filter(project=project).update(max_groups=1, active=False)
    Venue.objects.filter(project=project, county__code="2469").update(active=True)
    plan = solved_plan(project, regional)
    assert plan.solver_status == "infeasible"
    assert plan.reason["code"] == "rooms"
    assert not plan.can_publish
