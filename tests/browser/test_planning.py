"""Planning in Chromium: a regional operator (Śląskie) runs the planner for its project, reads
the map, moves a team and sees the broken rule, then publishes the original plan.

Elements are found by ids and URLs, not labels: the planning strings are still waiting for
their Polish translations.
"""

import re

import pytest
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.planning.models import Plan, PlanStatus, TrainingGroup
from akademia.planning.tests.factories import enrolled_project, solved_plan


@pytest.fixture
def project(national, regional, expert, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return enrolled_project(national, regional, expert)  # 8 teams of 4: two groups of 16


def test_regional_operator_plans_edits_and_publishes(
    page, live_server, login, axe, regional, project
):
    login(regional, PASSWORD)
    page.goto(f"{live_server.url}/planowanie/projekty/{project.pk}/")
    axe(page)
    page.locator("#id_time_limit").fill("5")
    page.locator("form[action$='/planuj/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/planowanie/plany/\d+/$"), timeout=30_000)
    plan = Plan.objects.get(project=project)
    assert plan.status == PlanStatus.SOLVED and plan.solver_status == "optimal"

    # The map: a line and a dot per team and a marker per venue, drawn from our JSON.
    expect(page.locator(".plan-map[data-rendered='8']")).to_be_attached()
    assert page.locator(".plan-map path.leaflet-interactive").count() > 0
    expect(page.locator("table.plan-calendar tbody tr")).to_have_count(2)
    axe(page)

    first, second = plan.result["groups"]
    page.locator("#id_team-team").select_option(first["teams"][0])
    page.locator("#id_team-group").select_option(second["id"])
    page.locator("form[action$='/przenies-zespol/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/planowanie/plany/\d+/$"))
    expect(page.locator("#violations [data-rule='group_size']")).to_be_visible()
    expect(page.locator("#plan-publish")).to_have_count(0)
    axe(page)

    page.goto(f"{live_server.url}/planowanie/plany/{plan.pk}/porownaj/")
    expect(page.locator("main table").first.locator("tbody tr")).to_have_count(1)
    axe(page)

    page.goto(f"{live_server.url}/planowanie/plany/{plan.pk}/")
    page.locator("#plan-publish").click()
    page.locator("main form button.button-danger").click()  # on the confirmation page
    expect(page.locator("main .message-success").first).to_be_visible()
    axe(page)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert TrainingGroup.objects.filter(plan=plan).count() == 2


def test_publishing_asks_first_and_the_page_fits_a_phone(
    page, live_server, login, axe, regional, project, coordinator
):
    """The confirmation page says who is told what, shows one e-mail as it will be sent, and
    publishes only from its button; on a 390 px phone nothing scrolls sideways."""
    plan = solved_plan(project, regional)
    login(regional, PASSWORD)
    page.goto(f"{live_server.url}/planowanie/plany/{plan.pk}/")
    page.get_by_role("link", name="Opublikuj ten plan").click()
    page.wait_for_url(f"{live_server.url}/planowanie/plany/{plan.pk}/publikuj/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Opublikować plan nr 1")
    expect(page.locator("#confirm-emails")).to_contain_text("9 koordynatorów JST dostanie")
    expect(page.locator(".email-preview")).to_contain_text("Twoje terminy szkoleń")
    expect(page.locator("#confirm-final")).to_be_visible()
    axe(page)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SOLVED  # reading the page changed nothing

    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page)
    page.get_by_role("button", name="Opublikuj plan i wyślij wiadomości do koordynatorów").click()
    page.wait_for_url(f"{live_server.url}/planowanie/plany/{plan.pk}/")
    expect(page.locator("main .message-success").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
