"""Reads of the territorial registry. The register is public data: no personal data here.

Voivodeship lists offered to an operator for granting are scoped (`voivodeships_for`).
"""

import json

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from akademia.accounts.scoping import scope_filter
from akademia.territory.folding import fold
from akademia.territory.models import Commune, County, Jst, RegisterImport, Voivodeship

SEARCH_LIMIT = 12


def voivodeship_list() -> QuerySet[Voivodeship]:
    return Voivodeship.objects.filter(active=True).order_by("name")


def voivodeships_for(user) -> QuerySet[Voivodeship]:
    """The voivodeships a user works in (all of them for a national operator)."""
    condition = scope_filter(user, voivodeship="pk")
    qs = voivodeship_list()
    return qs if condition is None else qs.filter(condition)


def voivodeship_get(code: str) -> Voivodeship:
    return get_object_or_404(Voivodeship, code=code)


def county_get(code: str) -> County:
    return get_object_or_404(County.objects.select_related("voivodeship"), code=code)


def jst_get(code: str) -> Jst:
    return get_object_or_404(
        Jst.objects.select_related("voivodeship", "county", "commune"), code=code
    )


def counties_of(voivodeship: Voivodeship) -> QuerySet[County]:
    return voivodeship.counties.filter(active=True).order_by("-is_city", "name")


def communes_of(county: County) -> QuerySet[Jst]:
    return (
        Jst.objects.filter(commune__county=county, active=True)
        .select_related("commune")
        .order_by("name")
    )


def county_jst(county: County) -> Jst | None:
    return Jst.objects.filter(county=county, commune__isnull=True).first()


def jst_search(query: str, *, queryset: QuerySet[Jst] | None = None) -> list[Jst]:
    """The picker: by TERYT code prefix, or by words of the name (with or without Polish letters),
    each word a prefix; the county and voivodeship names count too. Best matches first."""
    queryset = Jst.objects.filter(active=True) if queryset is None else queryset
    text = fold(query)
    if not text:
        return []
    if text.replace(" ", "").isdigit():
        matches = queryset.filter(code__startswith=text.replace(" ", "")).order_by("code")
    else:
        condition = Q()
        for word in text.split():
            condition &= Q(search_key__contains=f" {word}")
        matches = (
            queryset.filter(condition)
            .annotate(
                rank=Case(
                    When(name_key=text, then=Value(0)),
                    When(name_key__startswith=text, then=Value(1)),
                    When(name_key__contains=f" {text}", then=Value(2)),
                    default=Value(3),
                    output_field=IntegerField(),
                )
            )
            .order_by("rank", "name", "code")
        )
    return list(matches.select_related("voivodeship", "county")[:SEARCH_LIMIT])


def latest_import() -> RegisterImport | None:
    return RegisterImport.objects.first()


def feature_collection(units, url_of) -> str:
    """A GeoJSON FeatureCollection of units, built from the stored geometry text as is."""
    features = []
    for unit in units:
        if not unit.boundary:
            continue
        properties = json.dumps({"code": unit.code, "name": str(unit), "url": url_of(unit)})
        features.append(
            f'{{"type":"Feature","properties":{properties},"geometry":{unit.boundary}}}'
        )
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


def map_counties(voivodeship: Voivodeship) -> QuerySet[County]:
    return counties_of(voivodeship)


def map_communes(county: County) -> QuerySet[Commune]:
    return county.communes.filter(active=True)
