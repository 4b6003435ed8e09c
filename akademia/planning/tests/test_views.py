import pytest
from django.urls import reverse

from akademia.planning.models import Plan, PlanStatus
from akademia.planning.tests.factories import solved_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(project, regional):
    return solved_plan(project, regional)


def test_operator_of_another_voivodeship_gets_404(client, plan, regional_other):
    client.force_login(regional_other)
    for name in ("planning:plan-detail", "planning:plan-map-data", "planning:plan-compare"):
        assert client.get(reverse(name, args=[plan.pk])).status_code == 404
    url = reverse("planning:project-detail", args=[plan.project.pk])
    assert client.get(url).status_code == 404


def test_the_pilot_is_national_only(client, national, regional, expert):
    from akademia.planning.tests.factories import enrolled_project

    pilot = enrolled_project(national, regional, expert, codes=["2409023"], venues=False)
    pilot.voivodeship = None
    pilot.save()
    client.force_login(regional)
    assert client.get(reverse("planning:project-detail", args=[pilot.pk])).status_code == 404
    client.force_login(national)
    assert client.get(reverse("planning:project-detail", args=[pilot.pk])).status_code == 200


def test_plan_page_shows_figures_map_and_calendar(client, regional, plan):
    client.force_login(regional)
    response = client.get(reverse("planning:plan-detail", args=[plan.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Travel per person" in html and "Longest trip" in html
    assert 'class="map plan-map"' in html
    assert "G01" in html and "Module 1" in html
    data = client.get(reverse("planning:plan-map-data", args=[plan.pk])).json()
    assert len(data["teams"]) == 8
    assert {t["group"] for t in data["teams"]} == {"G01", "G02"}


def test_starting_the_planner_solves_and_shows_the_plan(
    client, regional, project, django_capture_on_commit_callbacks
):
    client.force_login(regional)
    version = project.calls.get().versions.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("planning:plan-start", args=[project.pk]),
            {"version": version.pk, "time_limit": 5, "fixed_cost": 300, "blackout": ""},
        )
    plan = Plan.objects.get(project=project)
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:plan-detail", args=[plan.pk])
    assert plan.status == PlanStatus.SOLVED


def test_moving_a_team_lists_the_violated_rule(client, regional, plan):
    client.force_login(regional)
    first, second = plan.result["groups"]
    response = client.post(
        reverse("planning:plan-move-team", args=[plan.pk]),
        {"team-team": first["teams"][0], "team-group": second["id"]},
        follow=True,
    )
    html = response.content.decode()
    assert "breaks 1 rule" in html  # the group left with 12 people (16-25 allowed)
    assert 'data-rule="group_size"' in html
    copy = Plan.objects.get(derived_from=plan)
    compare = client.get(reverse("planning:plan-compare", args=[copy.pk]))
    assert "Teams that changed group" in compare.content.decode()
    assert first["teams"][0] not in compare.content.decode()  # shown by name, not code


def test_publish_then_the_coordinator_sees_the_dates(client, regional, coordinator, plan):
    client.force_login(regional)
    response = client.post(reverse("planning:plan-publish", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    client.force_login(coordinator)
    html = client.get(reverse("planning:my-dates")).content.decode()
    meeting = plan.training_groups.get(teams__code="2409023").meetings.get()
    assert meeting.group.venue.name in html
    assert str(meeting.start_date.year) in html


def test_infeasible_plan_shows_the_translated_reason(client, regional, project):
    project.venues.update(active=False)
    project.venues.filter(county__code="2469").update(active=True, max_groups=1)
    plan = solved_plan(project, regional)
    client.force_login(regional)
    html = client.get(reverse("planning:plan-detail", args=[plan.pk])).content.decode()
    assert "venues have 1 rooms in total but at least 2 groups are needed" in html


def test_venue_and_trainer_forms(client, regional, project):
    client.force_login(regional)
    response = client.post(
        reverse("planning:venue-create", args=[project.pk]),
        {
            "name": "Sala",
            "lat": 50.2,
            "lon": 19.0,
            "max_groups": 1,
            "active": "on",
            "unavailable": "2027-01-01..2027-01-03",
        },
    )
    assert response.status_code == 302
    assert project.venues.get(name="Sala").unavailable == ["2027-01-01", "2027-01-02", "2027-01-03"]
    response = client.post(
        reverse("planning:trainer-create", args=[project.pk]), {"name": "Bez domu"}
    )
    assert response.status_code == 200 and "home" in response.content.decode()
    response = client.post(
        reverse("planning:trainer-create", args=[project.pk]),
        {"name": "Trener", "home_jst": "2409023"},
    )
    assert response.status_code == 302
