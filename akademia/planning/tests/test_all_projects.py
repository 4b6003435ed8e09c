"""The national operator plans every regional project at once: one job per project, queued in
the database and run by whichever worker takes it."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.models import JobStatus
from akademia.planning.models import Plan, PlanStatus
from akademia.planning.tests.factories import SLASKIE_TEAMS, enrolled_project
from akademia.recruitment import services as recruitment
from akademia.territory.models import Voivodeship

LODZKIE_TEAMS = ["1002011", "1001011", "1001022", "1001032"]  # Kutno and three more: 16 people
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# Live-database tests (`registry`) cannot run inside the module's shared personas (planning's
# conftest): these make their own.
@pytest.fixture
def national(registry):
    return make_user("krajowy@test.example.org", Role.NATIONAL_OPERATOR)


@pytest.fixture
def regional(registry):
    return make_user("slaskie@test.example.org", Role.REGIONAL_OPERATOR, voivodeships=["24"])


@pytest.fixture
def expert(registry):
    return make_user("ekspert@test.example.org", Role.EXPERT)


@pytest.fixture
def projects(registry, national, regional, regional_other, expert):
    slaskie = enrolled_project(national, regional, expert, codes=SLASKIE_TEAMS[:4])
    lodzkie = enrolled_project(
        national, regional_other, expert, codes=LODZKIE_TEAMS, voivodeship="10"
    )
    empty = recruitment.project_create(
        actor=national, name="Projekt bez naboru", voivodeship=Voivodeship.objects.get(code="02")
    )
    return slaskie, lodzkie, empty


# `registry` first: a live-database test starts empty, and the personas need the voivodeships.
def test_one_queued_job_per_project_then_workers_solve_them(registry, client, national, projects):
    slaskie, lodzkie, empty = projects
    client.force_login(national)
    with override_settings(TASKS=DATABASE_QUEUE):
        response = client.post(reverse("planning:plan-start-all"), follow=True)
        assert "The planner was started for 2 projects." in response.content.decode()
        plans = {plan.project_id: plan for plan in Plan.objects.select_related("job")}
        assert set(plans) == {slaskie.pk, lodzkie.pk}  # nothing to plan in the empty project
        assert DBTaskResult.objects.count() == 2
        assert all(plan.job.status == JobStatus.QUEUED for plan in plans.values())

        # Two workers in turn, as if on two machines: each takes what is left in the queue.
        call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")
        call_command("worker", "--batch", "--interval", "0", "--no-startup-delay")

    for plan in Plan.objects.select_related("job"):
        assert plan.status == PlanStatus.SOLVED
        assert plan.job.status == JobStatus.SUCCEEDED
        assert plan.is_feasible and not plan.violations
    lodzkie_plan = Plan.objects.get(project=lodzkie)
    assert {t for g in lodzkie_plan.result["groups"] for t in g["teams"]} == set(LODZKIE_TEAMS)


def test_the_project_list_shows_each_plan_to_its_own_operator_only(
    registry, client, national, regional, projects
):
    slaskie, lodzkie, _empty = projects
    client.force_login(national)
    with override_settings(TASKS=DATABASE_QUEUE):
        client.post(reverse("planning:plan-start-all"))
    lodzkie_plan = Plan.objects.get(project=lodzkie)
    client.force_login(regional)
    html = client.get(reverse("planning:project-list")).content.decode()
    assert slaskie.name in html and lodzkie.name not in html
    assert client.get(reverse("planning:plan-detail", args=[lodzkie_plan.pk])).status_code == 404
