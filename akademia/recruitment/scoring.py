"""Scoring of applications: a few named criteria computed from data, each with a weight.

Each criterion gives a value between 0 and 1; the application's score is the sum of weight x
value over the call's criteria, shown with its parts. The registry has no population figures,
so "small rural gmina" is approximated by the commune kind (rural 1, urban-rural 0.5).
"""

from django.db.models import Exists, OuterRef

from akademia.recruitment.models import Application, CriterionCode, Enrolment, Profile
from akademia.territory.kinds import JstKind

RURAL_VALUES = {JstKind.RURAL_COMMUNE: 1.0, JstKind.URBAN_RURAL_COMMUNE: 0.5}
MANUAL_SCALE = 10


def took_part_subquery() -> Exists:
    """`took_part_before` for a whole queryset of applications, as one annotation."""
    return Exists(
        Enrolment.objects.filter(jst=OuterRef("jst")).exclude(project=OuterRef("call__project"))
    )


def took_part_before(application: Application) -> bool:
    """The JST is (or was) enrolled in another project: it already received such support."""
    annotated = getattr(application, "took_part", None)  # from `took_part_subquery`
    if annotated is not None:
        return annotated
    return (
        Enrolment.objects.filter(jst=application.jst_id)
        .exclude(project=application.call.project_id)
        .exists()
    )


def team_complete(application: Application) -> bool:
    team = list(application.team.all())
    managers = sum(1 for m in team if m.profile == Profile.MANAGEMENT)
    operational = len(team) - managers
    call = application.call
    return (
        call.team_min <= len(team) <= call.team_max
        and managers >= max(call.team_min_managers, 1)
        and operational >= 1
    )


def criterion_value(code: str, application: Application) -> float:
    if code == CriterionCode.RURAL:
        return RURAL_VALUES.get(application.jst.kind, 0.0)
    if code == CriterionCode.NEWCOMER:
        return 0.0 if took_part_before(application) else 1.0
    if code == CriterionCode.COMPLETE_TEAM:
        return 1.0 if team_complete(application) else 0.0
    if code == CriterionCode.MANUAL:
        return (application.manual_points or 0) / MANUAL_SCALE
    raise ValueError(f"unknown criterion {code!r}")


def score(application: Application) -> tuple[float, list[dict]]:
    """The score and its parts: [{code, label, weight, value, points}], in the call's order."""
    parts = []
    for criterion in application.call.criteria.all():
        value = criterion_value(criterion.code, application)
        parts.append(
            {
                "code": criterion.code,
                "label": str(criterion.get_code_display()),
                "weight": criterion.weight,
                "value": value,
                "points": round(criterion.weight * value, 1),
            }
        )
    return round(sum(p["points"] for p in parts), 1), parts
