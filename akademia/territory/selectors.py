"""Reads of the territorial registry. The register is public data: no personal data here.

Voivodeship lists offered to an operator for granting are scoped (`voivodeships_for`).
"""

import json
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from akademia.accounts.permissions import visible
from akademia.core.collation import polish
from akademia.territory.folding import fold
from akademia.territory.kinds import JstKind
from akademia.territory.models import Commune, County, Jst, RegisterImport, Voivodeship
from akademia.territory.terc import TercRegister

SEARCH_LIMIT = 12


def voivodeship_list() -> QuerySet[Voivodeship]:
    return Voivodeship.objects.filter(active=True).order_by(polish("name"))


def voivodeships_for(user) -> QuerySet[Voivodeship]:
    """The voivodeships a user works in (all of them for a national operator)."""
    return visible(voivodeship_list(), user)


def voivodeship_get(code: str) -> Voivodeship:
    return get_object_or_404(Voivodeship, code=code)


def county_get(code: str) -> County:
    return get_object_or_404(County.objects.select_related("voivodeship"), code=code)


def jst_get(code: str) -> Jst:
    return get_object_or_404(
        Jst.objects.select_related("voivodeship", "county", "commune"), code=code
    )


def counties_of(voivodeship: Voivodeship) -> QuerySet[County]:
    return voivodeship.counties.filter(active=True).order_by("-is_city", polish("name"))


def communes_of(county: County) -> QuerySet[Jst]:
    return (
        Jst.objects.filter(commune__county=county, active=True)
        .select_related("commune")
        .order_by(polish("name"))
    )


def voivodeship_jst(voivodeship: Voivodeship) -> Jst | None:
    """The voivodeship's self-government (samorząd województwa)."""
    return voivodeship.jst.filter(kind=JstKind.VOIVODESHIP).first()


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
            .order_by("rank", polish("name"), "code")
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


# What a TERC import would change ----------------------------------------------------------

# An import may make inactive at most this share of a level's active units without an explicit
# confirmation: a register changes by a few communes a year, a cut-off file by thousands.
MASS_DEACTIVATION_SHARE = 0.05
SAMPLE_SIZE = 10
LEVEL_LABELS = {
    "voivodeships": gettext_lazy("Voivodeships"),
    "counties": gettext_lazy("Counties and cities with county rights"),
    "communes": gettext_lazy("Communes (gminy)"),
    "jst": gettext_lazy("JST (all units)"),
}


@dataclass
class LevelDiff:
    """One level of the registry against the file: counts, and a few names of each change."""

    level: str
    active_before: int = 0
    added: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)  # "old → new"
    reactivated: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(LEVEL_LABELS[self.level])

    @property
    def active_after(self) -> int:
        return self.active_before + len(self.added) + len(self.reactivated) - len(self.deactivated)

    @property
    def is_mass_deactivation(self) -> bool:
        return len(self.deactivated) > MASS_DEACTIVATION_SHARE * self.active_before

    def samples(self) -> dict[str, list[str]]:
        return {
            "added": self.added[:SAMPLE_SIZE],
            "renamed": self.renamed[:SAMPLE_SIZE],
            "reactivated": self.reactivated[:SAMPLE_SIZE],
            "deactivated": self.deactivated[:SAMPLE_SIZE],
        }

    def counts(self) -> dict[str, int]:
        return {
            "active_before": self.active_before,
            "added": len(self.added),
            "renamed": len(self.renamed),
            "reactivated": len(self.reactivated),
            "deactivated": len(self.deactivated),
            "active_after": self.active_after,
        }


@dataclass
class RegisterChanges:
    """What importing a parsed TERC file would change, computed before anything is written."""

    state_date: str
    levels: dict[str, LevelDiff]

    @property
    def jst(self) -> LevelDiff:
        return self.levels["jst"]

    @property
    def mass_deactivation(self) -> bool:
        """True when some level would lose more than MASS_DEACTIVATION_SHARE of its units."""
        return any(level.is_mass_deactivation for level in self.levels.values())

    @property
    def is_empty(self) -> bool:
        return not any(
            level.added or level.renamed or level.reactivated or level.deactivated
            for level in self.levels.values()
        )

    def as_dict(self) -> dict:
        return {level: diff.counts() for level, diff in self.levels.items()}


def register_changes(register: TercRegister) -> RegisterChanges:
    """Compare a parsed TERC file with the registry, level by level, writing nothing."""
    voivodeships = {u.code: u.name for u in register.voivodeships}
    counties = {u.code: (u.name, u.kind) for u in register.counties}
    jst = {f"{code}00000": f"województwo {name}" for code, name in voivodeships.items()}
    for code, (name, kind) in counties.items():
        jst[f"{code}000"] = f"powiat {name}" if kind == JstKind.COUNTY else name
    jst.update({u.code: u.name for u in register.communes})
    wanted = {
        "voivodeships": (Voivodeship, voivodeships),
        "counties": (County, {code: name for code, (name, _kind) in counties.items()}),
        "communes": (Commune, {u.code: u.name for u in register.communes}),
        "jst": (Jst, jst),
    }
    levels = {level: _level_diff(level, model, names) for level, (model, names) in wanted.items()}
    return RegisterChanges(state_date=register.state_date, levels=levels)


def _level_diff(level: str, model, names: dict[str, str]) -> LevelDiff:
    diff, existing = LevelDiff(level), set()
    for code, name, active in model.objects.order_by("code").values_list("code", "name", "active"):
        existing.add(code)
        new_name = names.get(code)
        if active:
            diff.active_before += 1
        if new_name is None:
            if active:
                diff.deactivated.append(f"{name} ({code})")
            continue
        if not active:
            diff.reactivated.append(f"{new_name} ({code})")
        if new_name != name:
            diff.renamed.append(f"{name} → {new_name} ({code})")
    new = sorted(code for code in names if code not in existing)
    diff.added = [f"{names[code]} ({code})" for code in new]
    return diff
