"""The home page's planning panels (issue #11): operators see which projects have a published
plan; a JST's people their training dates; a trainer the meetings they teach."""

import pytest
from django.urls import reverse

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.planning import services
from akademia.planning.models import Trainer
from akademia.planning.tests.factories import add_trainers, solved_plan
from akademia.recruitment import services as recruitment
from akademia.territory.models import Voivodeship

pytestmark = pytest.mark.django_db


def _figures(client, user, template):
    client.force_login(user)
    response = client.get(reverse("core:home"))
    return response, next(p.figures for p in response.context["panels"] if p.template == template)


@pytest.fixture
def lodzkie_project(national):
    return recruitment.project_create(
        actor=national, name="Projekt łódzki", voivodeship=Voivodeship.objects.get(code="10")
    )


@pytest.fixture
def published(project, regional, trainer):
    """The Śląskie project's plan, published; the trainer persona teaches one of its trainers'
    meetings."""
    add_trainers(project, regional)
    plan = solved_plan(project, regional)
    services.plan_publish(actor=regional, plan=plan)
    taught = plan.training_groups.first().meetings.exclude(trainer=None).first()
    Trainer.objects.filter(pk=taught.trainer_id).update(user=trainer)
    return plan


def test_operators_see_which_projects_are_planned(
    client, regional, national, project, lodzkie_project
):
    response, figures = _figures(client, regional, "planning/home/plans.html")
    assert figures["planned"] == 0
    assert [(p.name, p.teams, p.newest_label) for p in figures["unplanned"]] == [
        (project.name, 8, "")
    ]
    page = response.content.decode()
    assert f'href="{reverse("planning:project-detail", args=[project.pk])}"' in page
    assert f'href="{reverse("planning:project-list")}"' in page
    assert "Projekt łódzki" not in page  # another region's project is not counted
    _response, figures = _figures(client, national, "planning/home/plans.html")
    assert {p.name for p in figures["unplanned"]} == {project.name, "Projekt łódzki"}


def test_a_published_plan_counts_and_the_dates_reach_the_jst_and_the_trainer(
    client, regional, coordinator, participant, trainer, published
):
    _response, figures = _figures(client, regional, "planning/home/plans.html")
    assert (figures["planned"], figures["unplanned"]) == (1, [])
    page = client.get(reverse("planning:project-list")).content.decode()
    assert "Published plan" in page
    group = published.training_groups.get(teams__code="2409023")
    for person in (coordinator, participant):
        response, figures = _figures(client, person, "planning/home/dates.html")
        assert figures["count"] == group.meetings.count()
        assert figures["next"][0] == group.meetings.order_by("start_date").first()
        assert f'href="{reverse("planning:my-dates")}"' in response.content.decode()
    response, figures = _figures(client, trainer, "planning/home/meetings.html")
    mine = Trainer.objects.get(user=trainer).meetings.count()
    assert figures["count"] == mine and len(figures["next"]) == min(mine, 3)
    assert f'href="{reverse("planning:my-meetings")}"' in response.content.decode()


def test_another_trainer_and_another_jst_see_no_dates(client, published, coordinator_other):
    other = make_user("inny.trener@test.example.org", Role.TRAINER, voivodeships=["24"])
    _response, figures = _figures(client, other, "planning/home/meetings.html")
    assert (figures["count"], figures["next"]) == (0, [])
    _response, figures = _figures(client, coordinator_other, "planning/home/dates.html")
    assert (figures["count"], figures["next"]) == (0, [])
