"""The dashboard: every figure of the projects of a user's scope, narrowed by the filters.

The number of queries does not depend on the data (tests/test_page_queries_reporting.py): each
measure is counted by the database per cell, and the cells are added up in Python.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akademia.recruitment.models import Project
from akademia.recruitment.selectors import project_get_for, project_list_for
from akademia.reporting import tables
from akademia.reporting.filters import Filters
from akademia.reporting.models import Category, Indicator
from akademia.reporting.selectors.alerts import Alert, alerts_for
from akademia.reporting.selectors.funnel import Stage, funnel_for
from akademia.reporting.selectors.people import group_cells, jst_cells, person_cells
from akademia.reporting.selectors.quality import Quality, quality_for
from akademia.reporting.selectors.series import Month, months_for
from akademia.reporting.selectors.targets import Targets, targets_for
from akademia.reporting.tables import Row, Table

PEOPLE_COLUMNS = [*tables.PEOPLE, "target_people", "percent"]


@dataclass
class Dashboard:
    filters: Filters
    projects: list[Project]  # the projects shown (of the scope, narrowed by the filter)
    choices: list[Project]  # every project of the scope, for the filter
    totals: Row
    tables: dict[str, Table]
    months: list[Month]
    funnel: list[Stage]
    quality: Quality
    alerts: list[Alert] = field(default_factory=list)

    @property
    def national(self) -> bool:
        return self.filters.project is None


def report_projects_for(user) -> list[Project]:
    return list(project_list_for(user).order_by("name"))


def _project_rows(projects, cells, jst, targets: Targets) -> list[Row]:
    people = tables.rollup(cells, lambda c: c["cell_project"])
    places = tables.rollup(jst, lambda c: c["cell_project"])
    rows = []
    for project in projects:
        counts = people.get(project.pk, {}) | places.get(project.pk, {})
        row = Row(str(project.pk), project.name, counts, params={"projekt": str(project.pk)})
        row.targets = _targets(targets, [project])
        row.note = project.voivodeship.name if project.voivodeship_id else str(_("pilot"))
        rows.append(row)
    return rows


def _targets(targets: Targets, projects, category: str = "") -> dict:
    return {
        "target_people": targets.total(projects, Indicator.TRAINED, category),
        "target_jst": targets.total(projects, Indicator.JST, category),
        "target_completed": targets.total(projects, Indicator.COMPLETED, category),
    }


def _dimension(slug, title, heading, sums, choices, param, targets, projects) -> Table:
    rows = tables.dimension_rows(sums, choices, param)
    for row in rows:
        if row.key in Category.values and row.key:
            row.targets = _targets(targets, projects, row.key)
    return Table(slug, title, heading, PEOPLE_COLUMNS, rows)


def _tables(projects, cells, jst, targets, totals: Row) -> dict[str, Table]:
    kind_jst = tables.rollup(jst, tables.kind_of)
    kind_people = tables.rollup(cells, tables.kind_of)
    kinds = {
        k: kind_people.get(k, {}) | kind_jst.get(k, {}) for k in set(kind_people) | set(kind_jst)
    }
    columns = [*PEOPLE_COLUMNS, "jst", "target_jst"]
    found = {
        "projects": Table(
            "projects",
            _("By project"),
            _("project"),
            columns,
            _project_rows(projects, cells, jst, targets),
            totals,
        ),
        "kinds": _dimension(
            "kinds",
            _("By kind of JST"),
            _("kind of JST"),
            kinds,
            tables.KINDS,
            "rodzaj",
            targets,
            projects,
        ),
        "profiles": _dimension(
            "profiles",
            _("By profile"),
            _("profile"),
            tables.rollup(cells, lambda c: c["cell_profile"]),
            tables.PROFILES,
            "profil",
            targets,
            projects,
        ),
        "genders": _dimension(
            "genders",
            _("By gender"),
            _("gender"),
            tables.rollup(cells, lambda c: c["cell_gender"] or ""),
            tables.GENDERS,
            "",
            targets,
            projects,
        ),
    }
    found["kinds"].columns = columns
    return found


def _months_table(months: list[Month]) -> Table:
    table = Table(
        "months", _("By month"), _("month"), ["recruited", "started", "certified", "jst"], []
    )
    for month in months:
        counts = {
            "recruited": month.recruited,
            "started": month.started,
            "certified": month.certified,
            "jst": month.jst,
        }
        table.rows.append(Row(month.month.strftime("%Y-%m"), month.month.strftime("%m.%Y"), counts))
    return table


def _groups_table(cells) -> Table:
    """A project's groups (regional view down to the group), current ones first."""
    sums = tables.rollup(cells, lambda c: (not c["cell_active"], c["cell_code"], c["cell_group"]))
    rows = [
        Row(
            str(key[2]),
            key[1],
            counts,
            params={"grupa": str(key[2])},
            note="" if not key[0] else str(_("earlier plan")),
        )
        for key, counts in sorted(sums.items())
    ]
    return Table("groups", _("By group"), _("group"), tables.PEOPLE[1:], rows)


def dashboard_for(user, filters: Filters, today: dt.date | None = None) -> Dashboard:
    """The dashboard of the user's scope (the caller checked the filter's project is in it)."""
    today = today or timezone.localdate()
    choices = report_projects_for(user)
    projects = [p for p in choices if filters.project in (None, p.pk)]
    targets = targets_for(user, choices)
    cells, jst = person_cells(user, filters), jst_cells(user, filters)
    totals = Row("", str(_("Total")), tables.total(cells) | tables.total(jst), params={})
    totals.targets = _targets(targets, projects)
    found = _tables(projects, cells, jst, targets, totals)
    months = months_for(user, filters, projects, targets, today)
    found["months"] = _months_table(months)
    if filters.project:
        found["groups"] = _groups_table(group_cells(user, filters))
    started = {
        k: v.get("started", 0) for k, v in tables.rollup(cells, lambda c: c["cell_project"]).items()
    }
    reached = {
        k: v.get("jst", 0) for k, v in tables.rollup(jst, lambda c: c["cell_project"]).items()
    }
    funnel = funnel_for(user, filters, totals.counts)
    found["funnel"] = tables.funnel_table(funnel)
    return Dashboard(
        filters=filters,
        projects=projects,
        choices=choices,
        totals=totals,
        tables=found,
        months=months,
        funnel=funnel,
        quality=quality_for(user, filters, projects, reached, today),
        alerts=alerts_for(user, filters, projects, started, targets, today),
    )


def report_project_get_for(user, pk: int) -> Project:
    """A project of the user's scope (404 otherwise: a filter cannot reach another's)."""
    return project_get_for(user, pk)
