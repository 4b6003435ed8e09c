"""Indicator targets of the demo: the pilot 90 people / 30 JST, the Śląskie project its share,
the programme 3300 / 1000 nationally; each with a curve over its project's period (nothing in
the first quarter, when recruitment runs, then evenly), so the dashboard shows progress."""

from akademia.accounts.models import User
from akademia.recruitment.models import Project
from akademia.reporting import curves, services
from akademia.reporting.models import Category, Indicator, Target

NATIONAL_PEOPLE, NATIONAL_JST = 3300, 1000
# Shares of a project's JST by kind and of its people by profile (the programme's plan).
KIND_SHARES = {Category.RURAL: 0.6, Category.URBAN: 0.2, Category.COUNTY: 0.2}
PROFILE_SHARES = {Category.MANAGEMENT: 0.4, Category.OPERATIONAL: 0.6}


def curve(first, last, value: int, *, delay: float = 0.25) -> list[list]:
    """Nothing due in the first `delay` of the months, then evenly up to `value`."""
    months = curves.months(first, last)
    start = int(len(months) * delay)
    steps = len(months) - start
    return [
        [m.strftime("%Y-%m"), round(value * max(i - start + 1, 0) / steps)]
        for i, m in enumerate(months)
    ]


def _set(actor, project, indicator, value, category="", first=None, last=None, delay=0.25):
    line = curve(first, last, value, delay=delay) if first and last else []
    services.target_set(
        actor=actor,
        project=project,
        indicator=indicator,
        category=category,
        value=value,
        curve=line,
    )


def project_targets(actor, project: Project, *, jst: int, people: int) -> None:
    """A project's targets: JST, people trained, people who completed (with curves), and the
    breakdown by kind of JST and by profile (values only)."""
    period = (project.starts_on, project.ends_on)
    _set(actor, project, Indicator.JST, jst, "", *period, delay=0.15)
    _set(actor, project, Indicator.TRAINED, people, "", *period)
    _set(actor, project, Indicator.COMPLETED, round(people * 0.9), "", *period, delay=0.4)
    for category, share in KIND_SHARES.items():
        _set(actor, project, Indicator.JST, round(jst * share), category)
    for category, share in PROFILE_SHARES.items():
        _set(actor, project, Indicator.TRAINED, round(people * share), category)


def national_targets(actor, first, last) -> None:
    """The programme's own targets, set directly (not the sum of the projects')."""
    _set(actor, None, Indicator.JST, NATIONAL_JST, "", first, last, delay=0.15)
    _set(actor, None, Indicator.TRAINED, NATIONAL_PEOPLE, "", first, last)
    _set(actor, None, Indicator.COMPLETED, round(NATIONAL_PEOPLE * 0.9), "", first, last, delay=0.4)


def ensure_demo_targets() -> None:
    """The demo's projects' targets and the programme's (once)."""
    if Target.objects.exists():
        return
    national = User.objects.get(email="krajowy@demo.example.org")
    for project in Project.objects.filter(starts_on__isnull=False).order_by("pk"):
        project_targets(national, project, jst=project.target_jst, people=project.target_people)
    dated = Project.objects.filter(starts_on__isnull=False)
    if dated.exists():
        first = min(p.starts_on for p in dated)
        last = max(p.ends_on for p in dated)
        national_targets(national, first, last)
