"""Reads of reporting, by feature; every one scoped through accounts.permissions."""

from akademia.reporting.selectors.dashboard import (
    Dashboard,
    dashboard_for,
    report_project_get_for,
    report_projects_for,
)
from akademia.reporting.selectors.lists import STAGES, reached_jst_for, stage_people_for
from akademia.reporting.selectors.maps import areas_for, geojson, point_rows
from akademia.reporting.selectors.public import public_progress, public_totals
from akademia.reporting.selectors.targets import target_list_for, target_projects_for

__all__ = [
    "STAGES",
    "Dashboard",
    "areas_for",
    "dashboard_for",
    "geojson",
    "point_rows",
    "public_progress",
    "public_totals",
    "reached_jst_for",
    "report_project_get_for",
    "report_projects_for",
    "stage_people_for",
    "target_list_for",
    "target_projects_for",
]
