"""What the maps show: per voivodeship or county, the JST reached of all its JST and the
people who started; the JST of the applications by how far they got. Counted in the database
per unit (the registry has no population figures, so people are shown per JST reached)."""

import json
from dataclasses import dataclass

from django.db.models import Count, F, FloatField, Q
from django.db.models.functions import Coalesce

from akademia.recruitment.selectors import application_list_for
from akademia.reporting.filters import Filters, narrow
from akademia.reporting.selectors.people import (
    enrolments_for,
    participants_for,
    stage_condition,
    stage_rows,
)
from akademia.territory.models import County, Jst, Voivodeship

# JST kinds that take part (a voivodeship's own government does not train here).
TAKING_PART = (
    "gmina_miejska",
    "gmina_wiejska",
    "gmina_miejsko_wiejska",
    "powiat",
    "miasto_na_prawach_powiatu",
)
BANDS = (0, 10, 25, 50, 75)  # % of the JST reached: the lower bound of each colour


@dataclass
class Area:
    code: str
    name: str
    jst: int
    reached: int
    people: int
    boundary: str = ""

    @property
    def share(self) -> int:
        return round(100 * self.reached / self.jst) if self.jst else 0

    @property
    def band(self) -> int:
        return (
            max(i for i, bound in enumerate(BANDS) if self.share >= bound) if self.reached else -1
        )

    @property
    def per_jst(self) -> float | None:
        return round(self.people / self.reached, 1) if self.reached else None


def _registry(level: str, filters: Filters, voivodeships=None) -> dict[str, int]:
    rows = Jst.objects.filter(active=True, kind__in=TAKING_PART)
    if filters.kind:
        rows = rows.filter(kind__in=filters.jst_kinds)
    if voivodeships is not None:
        rows = rows.filter(voivodeship__in=voivodeships)
    key = f"{level}__code"
    return dict(rows.values_list(key).annotate(n=Count("pk")).order_by())


def areas_for(user, filters: Filters, level: str, voivodeships=None) -> list[Area]:
    """Per voivodeship (level "voivodeship") or county ("county"): JST, reached, people."""
    key = f"jst__{level}__code"
    reached = dict(
        enrolments_for(user, filters)
        .values_list(key)
        .annotate(n=Count("jst_id", distinct=True))
        .order_by()
    )
    started = stage_condition(filters, "started")
    people = dict(
        participants_for(user, filters)
        .values_list(key)
        .annotate(n=Count("enrolment_id", distinct=True, filter=started))
        .order_by()
    )
    registry = _registry(level, filters, voivodeships)
    units = (Voivodeship if level == "voivodeship" else County).objects.filter(code__in=registry)
    # The whole country is drawn from the simplified outlines (the county map was 590 KB), a
    # voivodeship or a few in full detail.
    shape = "outline" if voivodeships is None else "boundary"
    return [
        Area(
            u.code,
            str(u),
            registry[u.code],
            reached.get(u.code, 0),
            people.get(u.code, 0),
            getattr(u, shape),
        )
        for u in units.only("code", "name", shape, "is_city" if level == "county" else "code")
    ]


def geojson(areas: list[Area]) -> str:
    features = []
    for area in areas:
        if not area.boundary:
            continue
        properties = json.dumps(
            {
                "code": area.code,
                "name": area.name,
                "share": area.share,
                "reached": area.reached,
                "jst": area.jst,
                "people": area.people,
                "band": area.band,
            },
            separators=(",", ":"),
            ensure_ascii=False,
        )
        features.append(
            f'{{"type":"Feature","properties":{properties},"geometry":{area.boundary}}}'
        )
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


def point_rows(user, filters: Filters) -> list[dict]:
    """The JST of submitted applications with where they stand: applied, enrolled, training,
    certified; and a position."""
    applications = narrow(
        application_list_for(user)
        .prefetch_related(None)
        .order_by()
        .filter(submitted_at__isnull=False),
        filters,
        project="call__project_id",
        jst="jst",
        profile="",
    )
    lat = Coalesce(
        F("jst__commune__inner_lat"),
        F("jst__commune__lat"),
        F("jst__county__inner_lat"),
        F("jst__county__lat"),
        output_field=FloatField(),
    )
    lon = Coalesce(
        F("jst__commune__inner_lon"),
        F("jst__commune__lon"),
        F("jst__county__inner_lon"),
        F("jst__county__lon"),
        output_field=FloatField(),
    )
    rows = applications.values("jst_id", name=F("jst__name")).annotate(
        lat=lat, lon=lon, selected=Count("pk", filter=Q(status="selected"))
    )
    started = set(stage_rows(user, filters, "started").values_list("jst_id", flat=True).distinct())
    certified = set(
        stage_rows(user, filters, "certified").values_list("jst_id", flat=True).distinct()
    )
    found = []
    for row in rows:
        status = "applied"
        if row["selected"]:
            status = "enrolled"
        if row["jst_id"] in started:
            status = "training"
        if row["jst_id"] in certified:
            status = "certified"
        if row["lat"] is not None:
            found.append(
                {"name": row["name"], "lat": row["lat"], "lon": row["lon"], "status": status}
            )
    return found
