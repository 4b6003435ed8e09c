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
    return team_complete_counts(application.call, len(team), managers)


def team_complete_counts(call, people: int, managers: int) -> bool:
    """`team_complete` from the team's counts (people, of whom managers)."""
    operational = people - managers
    return (
        call.team_min <= people <= call.team_max
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


def points(weight: int, value: float) -> float:
    return round(weight * value, 1)


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
                "points": points(criterion.weight, value),
            }
        )
    return round(sum(p["points"] for p in parts), 1), parts


def score_of_values(
    call,
    criteria: list[tuple[str, int]],
    *,
    kind: str,
    took_part: bool,
    people: int,
    managers: int,
    manual_points: int | None,
) -> float:
    """`score` of an application given as plain values rather than a model instance with its
    team (criteria: the call's [(code, weight)] in order): for checking many at once cheaply."""
    values = {
        CriterionCode.RURAL: lambda: RURAL_VALUES.get(kind, 0.0),
        CriterionCode.NEWCOMER: lambda: 0.0 if took_part else 1.0,
        CriterionCode.COMPLETE_TEAM: lambda: (
            1.0 if team_complete_counts(call, people, managers) else 0.0
        ),
        CriterionCode.MANUAL: lambda: (manual_points or 0) / MANUAL_SCALE,
    }
    total = 0.0
    for code, weight in criteria:
        if code not in values:
            raise ValueError(f"unknown criterion {code!r}")
        total += points(weight, values[code]())
    return round(total, 1)
