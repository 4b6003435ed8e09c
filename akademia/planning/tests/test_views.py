import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.models import Job, JobStatus
from akademia.planning import services
from akademia.planning.models import Plan, PlanStatus, Trainer, Venue
from akademia.planning.tests.factories import add_trainers, solved_plan

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

    # Knurów: a JST the module's project has not enrolled (a JST takes part once).
    pilot = enrolled_project(national, regional, expert, codes=["2405011"], venues=False)
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
    # Made without trainers: no trainer can be given by hand.
    assert reverse("planning:plan-change-trainer", args=[plan.pk]) not in html
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


def test_publish_then_the_coordinator_sees_the_dates(
    client, regional, coordinator, plan, mailoutbox, django_capture_on_commit_callbacks
):
    # An account made by confirming an application's e-mail, not verified by an operator.
    applicant = make_user(
        "wnioskodawca@example.org", Role.JST_COORDINATOR, jst="2409023", jst_verified_at=None
    )
    client.force_login(regional)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("planning:plan-publish", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    client.force_login(coordinator)
    html = client.get(reverse("planning:my-dates")).content.decode()
    meeting = plan.training_groups.get(teams__code="2409023").meetings.get()
    assert meeting.group.venue.name in html
    assert str(meeting.start_date.year) in html
    assert coordinator.email in {m.to[0] for m in mailoutbox}
    assert applicant.email not in {m.to[0] for m in mailoutbox}
    client.force_login(applicant)
    html = client.get(reverse("planning:my-dates")).content.decode()
    assert meeting.group.venue.name not in html
    assert "signed letter of intent" in html


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


# Deleting venues and trainers ----------------------------------------------------------------


def test_project_page_links_to_deleting(client, regional, project):
    [anna] = add_trainers(project, regional, names=["Anna"])
    client.force_login(regional)
    html = client.get(reverse("planning:project-detail", args=[project.pk])).content.decode()
    assert reverse("planning:venue-delete", args=[project.venues.first().pk]) in html
    assert reverse("planning:trainer-delete", args=[anna.pk]) in html


def test_deleting_a_venue_asks_first_and_its_draft_plan_still_renders(client, regional, plan):
    venue = Venue.objects.get(pk=int(plan.result["groups"][0]["venue"].removeprefix("V")))
    url = reverse("planning:venue-delete", args=[venue.pk])
    client.force_login(regional)
    page = client.get(url)
    assert page.status_code == 200 and Venue.objects.filter(pk=venue.pk).exists()
    assert f"Delete the venue “{venue.name}”?" in page.content.decode()
    assert 'class="button-danger"' in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:project-detail", args=[plan.project.pk])
    assert not Venue.objects.filter(pk=venue.pk).exists()
    detail = client.get(reverse("planning:plan-detail", args=[plan.pk]))
    assert detail.status_code == 200
    assert venue.name in detail.content.decode()  # named from the plan's stored problem
    # The page says why the plan cannot be published instead of offering the button.
    assert "deleted since it was made" in detail.content.decode()
    assert "Publish this plan" not in detail.content.decode()
    for name in ("planning:plan-map-data", "planning:plan-compare"):
        assert client.get(reverse(name, args=[plan.pk])).status_code == 200
    published = client.post(reverse("planning:plan-publish", args=[plan.pk]), follow=True)
    assert "deleted since it was made" in published.content.decode()


def test_deleting_a_trainer_keeps_their_draft_plan_readable(client, regional, project):
    add_trainers(project, regional)
    plan = solved_plan(project, regional)
    used = Trainer.objects.get(
        pk=int(plan.result["groups"][0]["meetings"][0]["trainer"].removeprefix("T"))
    )
    client.force_login(regional)
    response = client.post(reverse("planning:trainer-delete", args=[used.pk]))
    assert response.status_code == 302 and not Trainer.objects.filter(pk=used.pk).exists()
    detail = client.get(reverse("planning:plan-detail", args=[plan.pk]))
    assert detail.status_code == 200 and "G01" in detail.content.decode()
    assert client.get(reverse("planning:plan-compare", args=[plan.pk])).status_code == 200


def test_a_venue_and_trainer_of_a_published_plan_are_kept(client, regional, project):
    add_trainers(project, regional)
    plan = solved_plan(project, regional)
    services.plan_publish(actor=regional, plan=plan)
    group = plan.training_groups.first()
    client.force_login(regional)
    venue_url = reverse("planning:venue-delete", args=[group.venue_id])
    html = client.get(venue_url).content.decode()
    assert "Switch it off instead" in html and 'class="button-danger"' not in html
    assert reverse("planning:venue-edit", args=[group.venue_id]) in html
    response = client.post(venue_url)
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert "Switch it off instead" in response.content.decode()
    response = client.post(reverse("planning:trainer-delete", args=[group.trainer_id]))
    assert response.status_code == 200 and "published plan" in response.content.decode()
    assert Venue.objects.filter(pk=group.venue_id).exists()
    assert Trainer.objects.filter(pk=group.trainer_id).exists()


def test_deleting_in_another_voivodeship_gets_404(client, regional, regional_other, project):
    [anna] = add_trainers(project, regional, names=["Anna"])
    venue = project.venues.first()
    client.force_login(regional_other)
    for url in (
        reverse("planning:venue-delete", args=[venue.pk]),
        reverse("planning:trainer-delete", args=[anna.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert Venue.objects.filter(pk=venue.pk).exists()
    assert Trainer.objects.filter(pk=anna.pk).exists()


# Changing a meeting's trainer ----------------------------------------------------------------


@pytest.fixture
def staffed_plan(project, regional):
    """A plan whose two groups meet on the same days, each with a trainer of its own."""
    anna, bartosz = add_trainers(project, regional)
    plan = solved_plan(project, regional)
    first, second = plan.result["groups"]
    start = first["meetings"][0]["dates"][0]
    if second["meetings"][0]["dates"][0] != start:
        plan = services.plan_move_meeting(
            actor=regional,
            plan=plan,
            group=second["id"],
            module=1,
            start=dt.date.fromisoformat(start),
        )
    for group, person in zip(plan.result["groups"], (anna, bartosz), strict=True):
        if group["meetings"][0]["trainer"] != person.solver_id:
            plan = services.plan_change_trainer(
                actor=regional, plan=plan, group=group["id"], module=1, trainer=person.solver_id
            )
    assert plan.violations == []
    return plan


def test_changing_the_trainer_lists_a_clash(client, regional, staffed_plan):
    first, second = staffed_plan.result["groups"]
    client.force_login(regional)
    html = client.get(reverse("planning:plan-detail", args=[staffed_plan.pk])).content.decode()
    assert reverse("planning:plan-change-trainer", args=[staffed_plan.pk]) in html
    assert 'id="id_trainer-trainer"' in html and ">Bartosz</option>" in html
    response = client.post(
        reverse("planning:plan-change-trainer", args=[staffed_plan.pk]),
        {
            "trainer-group": second["id"],
            "trainer-module": "1",
            "trainer-trainer": first["meetings"][0]["trainer"],
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "planning:plan-detail", args=[staffed_plan.pk]
    )  # the same unpublished copy
    assert 'data-rule="trainer_double_booking"' in html
    staffed_plan.refresh_from_db()
    assert staffed_plan.changes[-1]["move"] == "trainer"
    assert staffed_plan.changes[-1]["to"] == first["meetings"][0]["trainer"]


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("group", "G99", "Choose a group of this plan."),
        ("module", "7", "Choose a module of the programme."),
        ("trainer", "T999999", "Choose one of the project&#x27;s trainers."),
    ],
)
def test_changing_the_trainer_with_bad_input_shows_the_form_again(
    client, regional, staffed_plan, field, value, error
):
    first = staffed_plan.result["groups"][0]
    data = {"group": first["id"], "module": "1", "trainer": first["meetings"][0]["trainer"]}
    data[field] = value
    client.force_login(regional)
    response = client.post(
        reverse("planning:plan-change-trainer", args=[staffed_plan.pk]),
        {f"trainer-{k}": v for k, v in data.items()},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert f'id="id_trainer-{field}_error"' in html
    for name, kept in data.items():  # what was chosen stays chosen
        if name != field:
            assert f'<option value="{kept}" selected>' in html
    changes = len(staffed_plan.changes)
    staffed_plan.refresh_from_db()
    assert len(staffed_plan.changes) == changes


def test_a_refused_change_shows_the_reason_at_its_field(client, regional, staffed_plan):
    first = staffed_plan.result["groups"][0]
    client.force_login(regional)
    response = client.post(
        reverse("planning:plan-change-trainer", args=[staffed_plan.pk]),
        {
            "trainer-group": first["id"],
            "trainer-module": "1",
            "trainer-trainer": first["meetings"][0]["trainer"],
        },
    )
    assert response.status_code == 200
    assert "This trainer already leads this meeting." in response.content.decode()


def test_a_plan_whose_planner_lost_its_worker_for_good_says_so_and_stops_polling(
    client, regional, project, settings, django_capture_on_commit_callbacks
):
    """Issue #9: a killed worker left the plan "being planned" for ever. The plan page itself
    resolves the dead job (no worker need be alive) and says the planner stopped."""
    with django_capture_on_commit_callbacks():  # queued; no worker runs it
        plan = services.plan_start(actor=regional, project=project, parameters={"time_limit": 5})
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Job.objects.filter(pk=plan.job_id).update(
        status=JobStatus.RUNNING,
        attempt=settings.JOB_MAX_ATTEMPTS,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    client.force_login(regional)
    url = reverse("planning:plan-detail", args=[plan.pk])
    poll = client.get(url, headers={"HX-Request": "true"})  # a page opened before: reload it
    assert poll["HX-Refresh"] == "true"
    html = client.get(url).content.decode()
    assert "The planner stopped without making this plan." in html
    assert 'hx-trigger="every 2s"' not in html
    plan.refresh_from_db()
    assert (plan.status, plan.job.status) == (PlanStatus.DRAFT, JobStatus.FAILED)


@pytest.mark.parametrize(
    ("lat", "lon", "field"),
    [
        ("1e308", "19.0", "lat"),
        ("50.2", "1e308", "lon"),
        ("-91", "19.0", "lat"),
        ("50.2", "181", "lon"),
        ("19.0", "50.2", "lat"),  # swapped: outside Poland
        ("nan", "19.0", "lat"),
        ("50.2", "inf", "lon"),
    ],
)
def test_venue_coordinates_outside_poland_are_refused(client, regional, project, lat, lon, field):
    client.force_login(regional)
    response = client.post(
        reverse("planning:venue-create", args=[project.pk]),
        {"name": "Sala", "lat": lat, "lon": lon, "max_groups": 1, "active": "on"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not project.venues.filter(name="Sala").exists()


def test_trainer_home_coordinates_outside_poland_are_refused(client, regional, project):
    client.force_login(regional)
    response = client.post(
        reverse("planning:trainer-create", args=[project.pk]),
        {"name": "Daleko", "lat": "1e308", "lon": "19.0"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["lat"]
    assert not project.trainers.filter(name="Daleko").exists()


def test_ten_clicks_start_one_run(client, regional, project):
    client.force_login(regional)
    version = project.calls.get().versions.get()
    url = reverse("planning:plan-start", args=[project.pk])
    data = {"version": version.pk, "time_limit": 5, "fixed_cost": 300, "blackout": ""}
    assert client.post(url, data).status_code == 302  # its job waits for a worker
    for _ in range(9):
        response = client.post(url, data)
        assert response.status_code == 200
        assert "already working on this project" in response.content.decode()
    assert Plan.objects.filter(project=project).count() == 1


def test_a_trainer_sees_the_meetings_they_teach(client, regional, trainer, project):
    """Issue #11: the demo's trainer taught 15 meetings and saw none of them."""
    add_trainers(project, regional)
    plan = solved_plan(project, regional)
    client.force_login(regional)
    client.post(reverse("planning:plan-publish", args=[plan.pk]))
    taught = plan.training_groups.first().meetings.exclude(trainer=None).first()
    Trainer.objects.filter(pk=taught.trainer_id).update(user=trainer)
    client.force_login(trainer)
    html = client.get(reverse("planning:my-meetings")).content.decode()
    mine = Trainer.objects.get(pk=taught.trainer_id).meetings.count()
    assert html.count("<tr>") == mine + 1  # a row per meeting, and the header
    assert taught.group.venue.name in html
    other = make_user("inny.trener@example.org", Role.TRAINER, voivodeships=["24"])
    client.force_login(other)
    html = client.get(reverse("planning:my-meetings")).content.decode()
    assert taught.group.venue.name not in html
