"""The targets of the projects of a user's scope, and of the programme."""

import datetime as dt
from collections import defaultdict

from django.db.models import QuerySet

from akademia.accounts.permissions import can, visible
from akademia.accounts.roles import Capability
from akademia.recruitment.models import Project
from akademia.reporting import curves
from akademia.reporting.models import Indicator, Target


class Targets:
    """Targets by (project id or None for the programme, indicator, category)."""

    def __init__(self, rows: list[Target], projects: list[Project]):
        self.rows = {(t.project_id, t.indicator, t.category): t for t in rows}
        self.projects = {p.pk: p for p in projects}
        self.regional = {p.pk for p in projects if p.voivodeship_id}

    def of(self, project: Project, indicator: str, category: str = "") -> tuple[int, list] | None:
        """(value, curve) of a project's target; the project's own totals when not set."""
        target = self.rows.get((project.pk, indicator, category))
        if target is not None:
            return target.value, target.curve
        if category:
            return None
        own = {Indicator.JST: project.target_jst, Indicator.TRAINED: project.target_people}
        value = own.get(indicator) or 0
        return (value, []) if value else None

    def national(self, indicator: str, category: str = "") -> tuple[int, list] | None:
        target = self.rows.get((None, indicator, category))
        return (target.value, target.curve) if target else None

    def total(self, projects, indicator: str, category: str = "") -> int | None:
        """The target of these projects together: the programme's own when every project with
        a voivodeship is counted and it is set directly, else the sum of the projects'."""
        national = self.national(indicator, category)
        if national and self.covers_programme(projects):
            return national[0]
        found = [self.of(p, indicator, category) for p in projects]
        found = [t for t in found if t]
        return sum(value for value, _curve in found) if found else None

    def covers_programme(self, projects) -> bool:
        shown = {p.pk for p in projects if p.voivodeship_id}
        return bool(self.regional) and self.regional == shown

    def due_by(self, projects, indicator: str, month: dt.date) -> int | None:
        """What these projects should have reached by the end of `month`."""
        national = self.national(indicator)
        if national and national[1] and self.covers_programme(projects):
            return curves.due_by(national[1], national[0], month, None)
        dues = []
        for project in projects:
            target = self.of(project, indicator)
            if target:
                period = (project.starts_on, project.ends_on)
                dues.append(curves.due_by(target[1], target[0], month, period))
        return sum(dues) if dues else None


def targets_for(user, projects: list[Project]) -> Targets:
    """The targets of these projects (already the user's scope), and the programme's for the
    national operator."""
    rows = visible(Target.objects.filter(project__in=projects), user)
    found = list(rows)
    if can(user, Capability.SET_NATIONAL_TARGETS):
        found += list(Target.objects.filter(project__isnull=True))
    return Targets(found, projects)


def target_list_for(user) -> QuerySet[Target]:
    rows = Target.objects.select_related("project", "updated_by")
    if not can(user, Capability.SET_NATIONAL_TARGETS):
        rows = rows.filter(project__isnull=False)
    return visible(rows, user).order_by("project__name", "indicator", "category")


def target_projects_for(user) -> QuerySet[Project]:
    """The projects whose targets the user may set."""
    return visible(Project.objects.all(), user).order_by("name")


def category_sums(targets: Targets, projects, indicator: str) -> dict[str, int]:
    sums: dict[str, int] = defaultdict(int)
    for (project_id, ind, category), target in targets.rows.items():
        if ind == indicator and category and project_id in {p.pk for p in projects}:
            sums[category] += target.value
    return dict(sums)
