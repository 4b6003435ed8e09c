"""Writes to the territorial registry: importing TERC and the geographic data, each a @service.

The platform imports with `actor=SYSTEM` (`import_teryt`, `import_geo`); a national operator's
upload is imported by a job in their name.
"""

import csv
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.territory.folding import fold
from akademia.territory.kinds import JstKind
from akademia.territory.models import Commune, County, Jst, RegisterImport, Voivodeship
from akademia.territory.outlines import simplified
from akademia.territory.selectors import MASS_DEACTIVATION_SHARE, RegisterChanges, register_changes
from akademia.territory.terc import TercError, TercRegister, TercUnit, parse_terc_file

DATA_DIR = Path(__file__).resolve().parent / "data"
BUNDLED_TERC = DATA_DIR / "TERC_2024-01-01.csv"


@dataclass
class LevelChanges:
    added: int = 0
    updated: int = 0
    deactivated: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.deactivated


@dataclass
class ImportSummary:
    """What an import found and what it changed, level by level."""

    state_date: str = ""
    communes: int = 0
    counties: int = 0
    cities_with_county_rights: int = 0
    voivodeships: int = 0
    changes: dict[str, LevelChanges] = field(default_factory=dict)

    @property
    def county_level_units(self) -> int:
        return self.counties + self.cities_with_county_rights

    @property
    def changed(self) -> int:
        return sum(c.total for c in self.changes.values())

    def as_dict(self) -> dict:
        return {
            "state_date": self.state_date,
            "communes": self.communes,
            "county_level_units": self.county_level_units,
            "counties": self.counties,
            "cities_with_county_rights": self.cities_with_county_rights,
            "voivodeships": self.voivodeships,
            "changes": {level: vars(c) for level, c in self.changes.items()},
        }


@service
def register_import(
    register: TercRegister, *, actor: Actor, allow_mass_deactivation: bool = False
) -> ImportSummary:
    """Bring the registry in line with a parsed TERC file; idempotent, deletes nothing.

    A file that would make inactive more than MASS_DEACTIVATION_SHARE of a level's active
    units (a cut-off or partial download: 59 lines once made 2826 of 2873 JST inactive) is
    refused with a DomainError unless `allow_mass_deactivation` says an operator saw the
    counts and confirmed them.
    """
    changes = register_changes(register)
    if changes.mass_deactivation and not allow_mass_deactivation:
        raise DomainError(mass_deactivation_message(changes))
    summary = ImportSummary(state_date=register.state_date)
    voivodeships = _sync(Voivodeship, register.voivodeships, summary, "voivodeships", {})
    counties = _sync(
        County,
        register.counties,
        summary,
        "counties",
        lambda u: {
            "voivodeship_id": voivodeships[u.code[:2]].pk,
            "is_city": u.kind != JstKind.COUNTY,
        },
    )
    communes = _sync(
        Commune,
        register.communes,
        summary,
        "communes",
        lambda u: {"county_id": counties[u.code[:4]].pk, "kind": u.kind},
    )
    _sync_jst(voivodeships, counties, communes, summary)
    summary.voivodeships = len(register.voivodeships)
    summary.communes = len(register.communes)
    summary.counties = sum(u.kind == JstKind.COUNTY for u in register.counties)
    summary.cities_with_county_rights = len(register.counties) - summary.counties
    if summary.changed:
        record = RegisterImport.objects.create(
            state_date=register.state_date,
            summary=summary.as_dict(),
            imported_by=audit.person(actor),
        )
        audit.record(
            actor,
            "territory.register.imported",
            record,
            {**summary.as_dict(), "mass_deactivation_confirmed": changes.mass_deactivation},
        )
    return summary


def mass_deactivation_message(changes: RegisterChanges) -> str:
    """Why an import is refused without confirmation: the counts of all JST, or of the level
    that loses too many when the JST as a whole do not (e.g. one of 16 voivodeships)."""
    level = changes.jst
    if not level.is_mass_deactivation:
        level = max(
            changes.levels.values(),
            key=lambda diff: len(diff.deactivated) / max(diff.active_before, 1),
        )
    return _(
        "This file would make %(count)d of %(active)d active units inactive (%(level)s), "
        "more than %(share)d%% of them; a newer register changes only a few. Check that the "
        "file is the complete register; to apply it anyway, confirm the deactivation explicitly."
    ) % {
        "count": len(level.deactivated),
        "active": level.active_before,
        "level": level.label,
        "share": round(MASS_DEACTIVATION_SHARE * 100),
    }


def import_terc_file(
    path: Path | str, *, actor: Actor, allow_mass_deactivation: bool = False
) -> ImportSummary:
    """Parse then import; raises TercError before touching the database when the file is bad."""
    return register_import(
        parse_terc_file(path), actor=actor, allow_mass_deactivation=allow_mass_deactivation
    )


@service
def register_upload_save(*, actor: Actor, chunks) -> uuid.UUID:
    """Keep an uploaded TERC file until it is applied (or abandoned); answers its token. Only
    a file is written: the registry changes when the import job applies it (audited there)."""
    require(actor, Capability.IMPORT_REGISTER)
    token = uuid.uuid4()
    path = register_upload_path(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        for chunk in chunks:
            target.write(chunk)
    return token


def register_upload_path(token: uuid.UUID) -> Path:
    """Where an uploaded TERC file waits; the token is a uuid, never a path."""
    return Path(settings.MEDIA_ROOT) / "imports" / f"terc-{uuid.UUID(str(token)).hex}.csv"


def _sync(model, units: list[TercUnit], summary: ImportSummary, level: str, extra) -> dict:
    """Create, update and deactivate one level; returns all rows by code."""
    changes = summary.changes.setdefault(level, LevelChanges())
    existing = {obj.code: obj for obj in model.objects.all()}
    wanted_codes = set()
    to_create, to_update = [], []
    for unit in units:
        wanted_codes.add(unit.code)
        values = {"name": unit.name, "active": True, **(extra(unit) if callable(extra) else extra)}
        obj = existing.get(unit.code)
        if obj is None:
            to_create.append(model(code=unit.code, **values))
        elif _assign(obj, values):
            to_update.append(obj)
    gone = [obj.pk for code, obj in existing.items() if code not in wanted_codes and obj.active]
    model.objects.bulk_create(to_create, batch_size=500)
    fields = ["name", "active", *(extra(units[0]) if callable(extra) and units else extra)]
    model.objects.bulk_update(to_update, fields, batch_size=500)
    # One UPDATE per 500 rows: bulk_update's CASE per row made a partial file take seconds.
    for start in range(0, len(gone), 500):
        model.objects.filter(pk__in=gone[start : start + 500]).update(active=False)
    changes.added += len(to_create)
    changes.updated += len(to_update)
    changes.deactivated += len(gone)
    return {obj.code: obj for obj in model.objects.all()}


def _assign(obj, values: dict) -> bool:
    """Set values on obj; True when anything changed. Relations are given as `<name>_id`."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _sync_jst(voivodeships: dict, counties: dict, communes: dict, summary: ImportSummary) -> None:
    """Derive the JST list from the three levels: one JST per unit, cities twice."""
    units = [
        TercUnit("jst", f"{v.code}00000", f"województwo {v.name}", JstKind.VOIVODESHIP, 0)
        for v in voivodeships.values()
        if v.active
    ]
    parents = {}
    for v in voivodeships.values():
        if v.active:
            parents[f"{v.code}00000"] = (v, None, None)
    for c in counties.values():
        if c.active:
            code = f"{c.code}000"
            name = c.name if c.is_city else f"powiat {c.name}"
            kind = JstKind.CITY_COUNTY if c.is_city else JstKind.COUNTY
            units.append(TercUnit("jst", code, name, kind, 0))
            parents[code] = (voivodeships[c.code[:2]], c, None)
    for g in communes.values():
        if g.active:
            units.append(TercUnit("jst", g.code, g.name, g.kind, 0))
            parents[g.code] = (voivodeships[g.code[:2]], counties[g.code[:4]], g)

    def values(unit: TercUnit) -> dict:
        voivodeship, county, commune = parents[unit.code]
        county_name = county.name if county else ""
        return {
            "voivodeship_id": voivodeship.pk,
            "county_id": county.pk if county else None,
            "commune_id": commune.pk if commune else None,
            "kind": unit.kind,
            "name_key": fold(unit.name),
            "search_key": f" {fold(unit.name)} {fold(county_name)} {fold(voivodeship.name)} ",
        }

    _sync(Jst, units, summary, "jst", values)


@service
def geo_import(directory: Path | str = DATA_DIR, *, actor: Actor) -> dict[str, int]:
    """Load centroids, inner points and boundaries (data/*.csv and *.geojson) by TERYT code,
    and the county seats (data/siedziby_powiatow.csv); re-runnable, all-or-nothing.

    Answers how many units of each level the files place (and how many counties have a seat).
    Only units whose position, boundary or seat changes are written, each voivodeship's changes
    audited under it, so running it again changes and records nothing.
    """
    directory = Path(directory)
    counts = {}
    changed: dict[str, dict[str, int]] = {}
    for model, stem in ((Voivodeship, "wojewodztwa"), (County, "powiaty"), (Commune, "gminy")):
        counts[stem] = _geo_level(
            model, directory / f"{stem}.csv", directory / f"{stem}.geojson", changed
        )
    counts["siedziby"] = _seats(directory / "siedziby_powiatow.csv", changed)
    voivodeships = Voivodeship.objects.in_bulk(changed.keys(), field_name="code")
    for code, levels in sorted(changed.items()):
        if code in voivodeships:
            audit.record(actor, "territory.geo.imported", voivodeships[code], levels)
    return counts


def _count_change(changed: dict, code: str, level: str) -> None:
    """One more unit of `level` changed in the voivodeship of TERYT `code`."""
    levels = changed.setdefault(code[:2], {})
    levels[level] = levels.get(level, 0) + 1


def _seats(csv_path: Path, changed: dict) -> int:
    """Set County.seat: a powiat's from the file, a city with county rights is its own seat.

    Rows for counties not in the registry are skipped, like the positions; a seat that is not
    a commune of the county's voivodeship stops the import.
    """
    try:
        with csv_path.open(encoding="utf-8") as handle:
            rows = [(row["powiat_teryt"], row["seat_teryt"]) for row in csv.DictReader(handle)]
    except (OSError, KeyError, ValueError) as error:
        raise TercError(
            [_("Cannot read %(file)s: %(error)s") % {"file": csv_path.name, "error": error}]
        ) from error
    counties = {c.code: c for c in County.objects.all()}
    communes = dict(Commune.objects.values_list("code", "pk"))
    # A city with county rights has one commune, the city: 2461 -> 2461011 Bielsko-Biała.
    seats = dict(Commune.objects.filter(county__is_city=True).values_list("county__code", "pk"))
    problems = []
    for line, (county_code, seat_code) in enumerate(rows, start=2):
        if county_code not in counties:
            continue
        if seat_code[:2] != county_code[:2] or seat_code not in communes:
            problems.append(
                _(
                    "%(file)s, line %(line)d: %(seat)s is not a commune of the voivodeship "
                    "of %(county)s."
                )
                % {"file": csv_path.name, "line": line, "seat": seat_code, "county": county_code}
            )
            continue
        seats[county_code] = communes[seat_code]
    if problems:
        raise TercError(problems)
    to_update = []
    for code, seat_id in seats.items():
        county = counties[code]
        if county.seat_id != seat_id:
            county.seat_id = seat_id
            to_update.append(county)
            _count_change(changed, code, "seat")
    County.objects.bulk_update(to_update, ["seat"], batch_size=200)
    return sum(seat_id is not None for seat_id in seats.values())


def _geo_level(model, csv_path: Path, geojson_path: Path, changed: dict) -> int:
    try:
        with csv_path.open(encoding="utf-8") as handle:
            points = {row["teryt"]: row for row in csv.DictReader(handle)}
        features = json.loads(geojson_path.read_text(encoding="utf-8"))["features"]
    except (OSError, KeyError, ValueError) as error:
        raise TercError(
            [_("Cannot read %(file)s: %(error)s") % {"file": csv_path.name, "error": error}]
        ) from error
    shapes = {
        f["properties"]["teryt"]: json.dumps(f["geometry"], separators=(",", ":")) for f in features
    }
    # Communes are never drawn for the whole country: no outline for them.
    outlines = {} if model is Commune else simplified(shapes)
    rows = list(model.objects.filter(code__in=points.keys()))
    to_update = []
    for obj in rows:
        row = points[obj.code]
        values = {
            "lat": float(row["lat"]),
            "lon": float(row["lon"]),
            "inner_lat": float(row["inner_lat"]),
            "inner_lon": float(row["inner_lon"]),
            "boundary": shapes.get(obj.code, ""),
            "outline": outlines.get(obj.code, ""),
        }
        if model is Voivodeship:
            values["capital"] = row.get("capital", "")
        if _assign(obj, values):
            to_update.append(obj)
            _count_change(changed, obj.code, model._meta.model_name)
    fields = ["lat", "lon", "inner_lat", "inner_lon", "boundary", "outline"]
    fields += ["capital"] if model is Voivodeship else []
    # One UPDATE per changed unit: bulk_update's CASE expressions over 2500 rows cost four
    # times as much to build as plain updates cost to run (inside the service's transaction).
    for obj in to_update:
        model.objects.filter(pk=obj.pk).update(**{name: getattr(obj, name) for name in fields})
    return len(rows)
