"""The demo leaves the Śląskie project ready for its regional operator to plan."""

from akademia.accounts.models import User
from akademia.demo.planning import ensure_demo_planning
from akademia.demo.programmes import ensure_demo_programmes
from akademia.demo.recruitment import PILOT, REGIONAL, ensure_demo_recruitment
from akademia.demo.users import ensure_demo_users
from akademia.planning import services
from akademia.planning.models import Plan, PlanStatus
from akademia.recruitment.models import Project


def test_pilot_published_and_the_regional_project_ready_to_plan(db):
    ensure_demo_users()
    ensure_demo_programmes()
    ensure_demo_recruitment()
    ensure_demo_planning()
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
