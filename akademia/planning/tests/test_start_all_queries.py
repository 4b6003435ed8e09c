"""Starting the planner for every project takes a number of queries that does not grow with
the teams enrolled (#12: it was one query per team, for its position on the map)."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from akademia.planning import services
from akademia.planning.models import Plan
from akademia.planning.tests.factories import SLASKIE_TEAMS, enrolled_project

LODZKIE_TEAMS = ["1002011", "1001011"]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_starting_all_projects_does_not_query_per_team(
    national, regional, regional_other, expert, django_capture_on_commit_callbacks
):
    small = enrolled_project(
        national, regional_other, expert, codes=LODZKIE_TEAMS, voivodeship="10"
    )
    large = enrolled_project(national, regional, expert, codes=SLASKIE_TEAMS[:8])
    counts = []
    with override_settings(TASKS=DATABASE_QUEUE), django_capture_on_commit_callbacks():
        for project in (small, large):
            with CaptureQueriesContext(connection) as queries:
                started, _skipped = services.plan_start_all(
                    actor=national, projects=[project], parameters={}
                )
            assert [plan.project for plan in started] == [project]
            counts.append(len(queries))
    assert counts[0] == counts[1]
    assert len(Plan.objects.get(project=large).problem["teams"]) == 8
