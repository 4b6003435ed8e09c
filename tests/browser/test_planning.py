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
from akademia.planning.tests.factories import enrolled_project


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
    expect(page.locator("form[action$='/publikuj/']")).to_have_count(0)
    axe(page)

    page.goto(f"{live_server.url}/planowanie/plany/{plan.pk}/porownaj/")
    expect(page.locator("main table").first.locator("tbody tr")).to_have_count(1)
    axe(page)

    page.goto(f"{live_server.url}/planowanie/plany/{plan.pk}/")
    page.locator("form[action$='/publikuj/'] button[type=submit]").click()
    expect(page.locator("main .message-success").first).to_be_visible()
    axe(page)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert TrainingGroup.objects.filter(plan=plan).count() == 2
