"""Views of reporting, by feature."""

from akademia.reporting.views.dashboard import (
    dashboard,
    jst_list,
    map_areas,
    map_points,
    people,
    table_export,
)
from akademia.reporting.views.public import progress, progress_csv, progress_map
from akademia.reporting.views.reports import monthly_report
from akademia.reporting.views.targets import targets

__all__ = [
    "dashboard",
    "jst_list",
    "map_areas",
    "map_points",
    "monthly_report",
    "people",
    "progress",
    "progress_csv",
    "progress_map",
    "table_export",
    "targets",
]
