import datetime as dt
import io
import json
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.jobs import job_run, jobs_reap
from akademia.core.models import AuditEntry, Job, JobStatus
from akademia.core.tests.factories import clear_mail
from akademia.planning import services
from akademia.planning.models import Meeting, Plan, PlanStatus, Trainer, TrainingGroup, Venue
from akademia.planning.problem import build_problem
from akademia.planning.solver import validate_problem_data
from akademia.planning.tests.factories import SLASKIE_TEAMS, add_trainers, solved_plan
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
    # Default venues: one per distinct county seat of Śląskie, two rooms each: 36 county-level
    # units, but powiaty bielski, częstochowski, gliwicki and rybnicki have their seat in the
    # city with county rights of the same name, so 32 towns.
    assert County.objects.filter(voivodeship__code="24").count() == 36
    assert len(data["venues"]) == 32
    assert {v["max_groups"] for v in data["venues"]} == {2}
    venue = Venue.objects.get(project=project, county__code="2469")
    assert venue.name == "Katowice"
    assert venue.lat == County.objects.get(code="2469").seat.inner_lat
    # Organisation parameters of the programme version (make_version's defaults).
    assert data["groups"]["min_size"] == 16 and data["groups"]["max_size"] == 25
    cal = data["calendar"]
    assert cal["modules"] == 1 and cal["days_per_module"] == 2 and cal["weekdays"] == [5, 6]
    assert (cal["min_gap_days"], cal["max_gap_days"]) == (21, 42)
    assert cal["holidays"] == "PL"
    assert validate_problem_data(data) == []


def test_default_venues_are_the_seat_towns_one_per_town(project):
    venues = {v.name: v for v in Venue.objects.filter(project=project).select_related("county")}
    assert len(venues) == Venue.objects.filter(project=project).count()  # no two alike
    # Powiat bielski and the city Bielsko-Biała share one venue, in the city, at its point.
    bielsko = venues["Bielsko-Biała"]
    assert bielsko.county.code == "2461"
    assert bielsko.lat == County.objects.get(code="2402").seat.inner_lat
    assert "powiat bielski" not in venues
    # Powiat będziński: in Będzin, the seat, linked to the powiat.
    assert venues["Będzin"].county.code == "2401"
    assert venues["Lubliniec"].county.name == "lubliniecki"


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
    assert plan.job.result == {"plan": plan.pk, "solver_status": plan.solver_status}


def test_a_plan_job_whose_worker_died_is_solved_once_on_the_next_attempt(
    project, regional, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # queued; no worker has run it yet
        plan = services.plan_start(actor=regional, project=project, parameters={"time_limit": 5})
    # A worker claimed the job, reported progress, and was killed (kill -9) mid-solve.
    beat = timezone.now()
    Job.objects.filter(pk=plan.job_id).update(
        status=JobStatus.RUNNING, attempt=1, started_at=beat, heartbeat_at=beat, progress=10
    )
    later = beat + dt.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT + 1)
    with django_capture_on_commit_callbacks(execute=True):  # the inline queue runs it at once
        assert jobs_reap(now=later) == 1
    plan.refresh_from_db()
    assert (plan.job.status, plan.job.attempt) == (JobStatus.SUCCEEDED, 2)
    assert plan.status == PlanStatus.SOLVED and plan.is_feasible
    # Had the first worker only stalled, its solve coming late would change nothing (and its
    # finish is dropped: core/tests/test_reaper.py).
    services.plan_solve(actor=SYSTEM, plan_id=plan.pk)
    assert Plan.objects.filter(project=project).count() == 1
    assert AuditEntry.objects.filter(action="planning.plan.solved").count() == 1


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
    with pytest.raises(DomainError, match="cannot plan this project"):
        services.plan_create(actor=regional_other, project=project, parameters={})


def test_the_worker_stores_the_result_as_the_platform_naming_the_starter(project, regional):
    plan = services.plan_create(actor=regional, project=project, parameters={"time_limit": 5})
    services.plan_solve(actor=SYSTEM, plan_id=plan.pk)
    entry = AuditEntry.objects.get(action="planning.plan.solved")
    assert entry.actor is None and entry.voivodeship_code == "24"
    assert entry.data["started_by"] == regional.pk


def test_a_person_storing_a_result_must_plan_the_project(project, regional, regional_other):
    plan = services.plan_create(actor=regional, project=project, parameters={"time_limit": 5})
    with pytest.raises(DomainError, match="cannot plan this project"):  # before any solving
        services.plan_store(actor=regional_other, plan_id=plan.pk, problem=None, result=None)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.result is None
    assert not AuditEntry.objects.filter(action="planning.plan.solved").exists()


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
    clear_mail()
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
    assert recipients[coordinator.email].subject.startswith("Twoje terminy szkoleń")  # Polish
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
    with pytest.raises(
        DomainError, match="Only a solved plan that breaks no rule can be published"
    ):
        services.plan_publish(actor=regional, plan=copy)


def test_infeasible_problem_stores_the_reason(project, regional):
    Venue.objects.filter(project=project).update(max_groups=1, active=False)
    Venue.objects.filter(project=project, county__code="2469").update(active=True)
    plan = solved_plan(project, regional)
    assert plan.solver_status == "infeasible"
    assert plan.reason["code"] == "rooms"
    assert not plan.can_publish


# Deleting venues and trainers ----------------------------------------------------------------


def _venue_of(plan, index=0) -> Venue:
    return Venue.objects.get(pk=int(plan.result["groups"][index]["venue"].removeprefix("V")))


def test_deleting_a_venue_of_a_draft_plan_is_audited_and_blocks_only_its_publication(
    project, regional
):
    plan = solved_plan(project, regional)
    venue = _venue_of(plan)
    venue_id, name = venue.pk, venue.name
    services.venue_delete(actor=regional, venue=venue)
    assert not Venue.objects.filter(pk=venue_id).exists()
    entry = AuditEntry.objects.get(action="planning.venue.deleted")
    assert entry.target_id == str(venue_id) and entry.data["name"] == name
    assert entry.voivodeship_code == "24" and entry.actor == regional
    # The plan keeps its stored problem; publishing it would need the venue.
    plan.refresh_from_db()
    assert plan.result["groups"][0]["venue"] == f"V{venue_id}"
    deleted = re.escape(f"deleted since it was made: {name}. Change the plan")
    with pytest.raises(DomainError, match=deleted):
        services.plan_publish(actor=regional, plan=plan)
    assert not TrainingGroup.objects.exists()
    assert f"V{venue_id}" not in {v["id"] for v in build_problem(project)["venues"]}


def test_deleting_a_trainer_of_a_draft_plan(project, regional):
    anna, bartosz = add_trainers(project, regional)
    plan = solved_plan(project, regional)
    used = plan.result["groups"][0]["meetings"][0]["trainer"]
    person = anna if used == anna.solver_id else bartosz
    services.trainer_delete(actor=regional, trainer=person)
    assert not Trainer.objects.filter(pk=person.pk).exists()
    assert AuditEntry.objects.filter(action="planning.trainer.deleted").count() == 1
    deleted = re.escape(f"deleted since it was made: {person.name}. Change the plan")
    with pytest.raises(DomainError, match=deleted):
        services.plan_publish(actor=regional, plan=plan)


def test_a_venue_or_trainer_of_a_published_plan_cannot_be_deleted(project, regional):
    add_trainers(project, regional)
    plan = solved_plan(project, regional)
    services.plan_publish(actor=regional, plan=plan)
    group = TrainingGroup.objects.filter(plan=plan).first()
    with pytest.raises(DomainError, match="This venue cannot be deleted"):
        services.venue_delete(actor=regional, venue=group.venue)
    with pytest.raises(DomainError, match="This trainer cannot be deleted"):
        services.trainer_delete(actor=regional, trainer=group.trainer)
    # The superseded plan's groups still hold them: deleting stays refused.
    services.plan_publish(actor=regional, plan=solved_plan(project, regional, seed=1))
    with pytest.raises(DomainError, match="This venue cannot be deleted"):
        services.venue_delete(actor=regional, venue=group.venue)
    assert Venue.objects.filter(pk=group.venue_id).exists()
    assert Trainer.objects.filter(pk=group.trainer_id).exists()
    assert not AuditEntry.objects.filter(action__endswith=".deleted").exists()


def test_an_operator_of_another_voivodeship_cannot_delete(project, regional, regional_other):
    [person] = add_trainers(project, regional, names=["Anna"])
    venue = project.venues.first()
    with pytest.raises(DomainError, match="cannot plan this project"):
        services.venue_delete(actor=regional_other, venue=venue)
    with pytest.raises(DomainError, match="cannot plan this project"):
        services.trainer_delete(actor=regional_other, trainer=person)
    assert Venue.objects.filter(pk=venue.pk).exists()
    assert Trainer.objects.filter(pk=person.pk).exists()


# Changing a meeting's trainer ----------------------------------------------------------------


def _trainer_of(plan, group: str) -> str:
    groups = {g["id"]: g for g in plan.result["groups"]}
    return groups[group]["meetings"][0]["trainer"]


def _same_days(plan, regional):
    """A copy of the plan whose two groups meet on the same days."""
    first, second = plan.result["groups"]
    start = dt.date.fromisoformat(first["meetings"][0]["dates"][0])
    if second["meetings"][0]["dates"][0] == start.isoformat():
        return plan
    return services.plan_move_meeting(
        actor=regional, plan=plan, group=second["id"], module=1, start=start
    )


def test_changing_the_trainer_is_recorded_and_a_clash_is_flagged(project, regional):
    anna, bartosz = add_trainers(project, regional)
    plan = solved_plan(project, regional)
    copy = _same_days(plan, regional)
    first, second = (g["id"] for g in copy.result["groups"])
    other = {anna.solver_id, bartosz.solver_id} - {_trainer_of(copy, first)}
    if _trainer_of(copy, second) == _trainer_of(copy, first):  # the move made the clash
        copy = services.plan_change_trainer(
            actor=regional, plan=copy, group=second, module=1, trainer=other.pop()
        )
        assert "trainer_double_booking" not in {v["rule"] for v in copy.violations}
    before = _trainer_of(copy, second)
    copy = services.plan_change_trainer(
        actor=regional, plan=copy, group=second, module=1, trainer=_trainer_of(copy, first)
    )
    assert copy.derived_from == plan and copy.status == PlanStatus.SOLVED
    meeting = copy.result["groups"][1]["meetings"][0]
    assert meeting["trainer"] == _trainer_of(copy, first)
    assert meeting["trainers"] == [meeting["trainer"]]  # the result format is kept
    assert copy.changes[-1] == {
        "move": "trainer",
        "group": second,
        "module": 1,
        "from": before,
        "to": meeting["trainer"],
    }
    assert "trainer_double_booking" in {v["rule"] for v in copy.violations}
    assert not copy.can_publish
    entry = AuditEntry.objects.filter(action="planning.plan.edited").latest("pk")
    assert entry.data["move"] == "trainer"
    plan.refresh_from_db()
    assert plan.changes == [] and plan.violations == []


def test_a_trainer_added_after_planning_joins_the_copy_with_their_days_off(project, regional):
    add_trainers(project, regional)
    plan = solved_plan(project, regional)
    group = plan.result["groups"][0]
    dates = group["meetings"][0]["dates"]
    late = services.trainer_save(
        actor=regional, project=project, name="Celina", lat=50.3, lon=19.1, unavailable=dates
    )
    copy = services.plan_change_trainer(
        actor=regional, plan=plan, group=group["id"], module=1, trainer=late.solver_id
    )
    assert late.solver_id in {t["id"] for t in copy.problem["calendar"]["trainers"]}
    assert late.solver_id not in {t["id"] for t in plan.problem["calendar"]["trainers"]}
    assert {v["rule"] for v in copy.violations} == {"trainer_unavailable"}


def test_changing_the_trainer_refuses_unknown_input(project, regional, national, expert):
    [anna] = add_trainers(project, regional, names=["Anna"])
    plan = solved_plan(project, regional)
    group = plan.result["groups"][0]["id"]
    cases = [
        ({"group": "G99", "module": 1, "trainer": anna.solver_id}, "group", "Unknown group."),
        (
            {"group": group, "module": 7, "trainer": anna.solver_id},
            "module",
            "This group has no such module.",
        ),
        ({"group": group, "module": 1, "trainer": "T999999"}, "trainer", "Unknown trainer."),
        (  # already hers
            {"group": group, "module": 1, "trainer": anna.solver_id},
            "trainer",
            "This trainer already leads this meeting.",
        ),
    ]
    for arguments, field, message in cases:
        with pytest.raises(DomainError, match=re.escape(message)) as refused:
            services.plan_change_trainer(actor=regional, plan=plan, **arguments)
        assert refused.value.field == field
    assert not Plan.objects.filter(derived_from=plan).exists()  # no copy left behind


def test_a_plan_made_without_trainers_gets_none_by_hand(project, regional):
    plan = solved_plan(project, regional)
    [anna] = add_trainers(project, regional, names=["Anna"])
    group = plan.result["groups"][0]["id"]
    with pytest.raises(DomainError, match="This plan was made without trainers") as refused:
        services.plan_change_trainer(
            actor=regional, plan=plan, group=group, module=1, trainer=anna.solver_id
        )
    assert refused.value.field == "trainer"


def test_a_trainer_switched_off_is_left_out_of_the_next_plan(project, regional):
    from akademia.planning import problem as problems

    add_trainers(project, regional)
    trainer = project.trainers.first()
    services.trainer_save(
        actor=regional, project=project, trainer=trainer, name=trainer.name, active=False
    )
    ids = {t["id"] for t in problems.build_problem(project)["calendar"]["trainers"]}
    assert trainer.solver_id not in ids and ids


def test_the_dates_e_mail_is_in_the_language_the_coordinator_chose(
    project, regional, coordinator, django_capture_on_commit_callbacks
):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    plan = solved_plan(project, regional)
    clear_mail()
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_publish(actor=regional, plan=plan)
    (message,) = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert message.subject.startswith("Your training dates")


@pytest.mark.parametrize(
    ("lat", "lon"), [(1e308, 19.0), (50.2, float("nan")), (50.2, float("inf")), (0.0, 0.0)]
)
def test_the_services_refuse_coordinates_outside_poland(project, regional, lat, lon):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.venue_save(actor=regional, project=project, name="Sala", lat=lat, lon=lon)
    with pytest.raises(ValidationError):
        services.trainer_save(actor=regional, project=project, name="Daleko", lat=lat, lon=lon)
    assert not project.venues.filter(name="Sala").exists()
    assert not project.trainers.filter(name="Daleko").exists()


def test_one_run_per_project_at_a_time(project, regional, national):
    # In this test nothing commits, so the first run's job stays queued, as behind a busy worker.
    first = services.plan_start(actor=regional, project=project, parameters={"time_limit": 5})
    assert first.job.status == JobStatus.QUEUED
    for actor in (regional, regional, national):  # the same click again, or a second operator
        busy = re.escape(f"already working on this project (plan no. {first.number})")
        with pytest.raises(DomainError, match=busy):
            services.plan_start(actor=actor, project=project, parameters={"time_limit": 5})
    assert Plan.objects.filter(project=project).count() == 1
    assert Job.objects.filter(kind="planning.solve").count() == 1

    # Running still blocks; once the job has finished (or was cancelled) a new run may start.
    Job.objects.filter(pk=first.job.pk).update(status=JobStatus.RUNNING)
    with pytest.raises(DomainError, match="already working on this project"):
        services.plan_start(actor=regional, project=project, parameters={"time_limit": 5})
    Job.objects.filter(pk=first.job.pk).update(status=JobStatus.CANCELLED)
    second = services.plan_start(actor=regional, project=project, parameters={"time_limit": 5})
    assert second.number == first.number + 1


def test_plan_start_all_skips_a_project_whose_run_is_on_its_way(project, national):
    services.plan_start(actor=national, project=project, parameters={})
    assert "already working on this project" in services.plan_start_all_refusal(project)
    with pytest.raises(DomainError, match="No project can be planned now"):
        services.plan_start_all(actor=national, projects=[project], parameters={})
    assert Plan.objects.filter(project=project).count() == 1


def test_only_the_national_operator_plans_every_project_at_once(project, regional):
    with pytest.raises(DomainError, match="You are not allowed to do this"):
        services.plan_start_all(actor=regional, projects=[project], parameters={})
    assert not Plan.objects.filter(project=project).exists()
