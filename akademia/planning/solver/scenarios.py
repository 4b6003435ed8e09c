"""Benchmark and demo scenarios built from the real TERYT coordinates.

Used by ``bench/plan_bench.py`` and by the web app's demo data; seeded, so every run builds
the same problems.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from dataclasses import dataclass, replace
from pathlib import Path

from .model import (
    BlackoutRange,
    CalendarRules,
    DistanceSpec,
    GroupRules,
    Problem,
    Team,
    Trainer,
    Venue,
    group_kind,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "territory" / "data"
SEMESTER = (dt.date(2027, 2, 1), dt.date(2027, 6, 30))


@dataclass(frozen=True)
class Unit:
    teryt: str
    name: str
    kind: str  # exchange-group kind: rural | urban | county
    county: str
    lat: float
    lon: float


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_units() -> tuple[list[Unit], list[dict[str, str]], list[dict[str, str]]]:
    """All 2807 JST (gminy, land counties, voivodeships), the 380 powiaty, the voivodeships.

    Cities with county rights appear once, as gminy, with the county kind.
    """
    powiaty = _rows("powiaty.csv")
    city_counties = {p["teryt"] for p in powiaty if p["kind"] == "miasto na prawach powiatu"}
    units = []
    for g in _rows("gminy.csv"):
        county = g["teryt"][:4]
        kind = "county" if county in city_counties else group_kind(g["kind"])
        units.append(Unit(g["teryt"], g["name"], kind, county, float(g["lat"]), float(g["lon"])))
    for p in powiaty:
        if p["kind"] == "powiat":
            units.append(
                Unit(p["teryt"], p["name"], "county", p["teryt"], float(p["lat"]), float(p["lon"]))
            )
    voivodeships = _rows("wojewodztwa.csv")
    for w in voivodeships:
        units.append(
            Unit(w["teryt"], w["name"], "county", w["teryt"], float(w["lat"]), float(w["lon"]))
        )
    return units, powiaty, voivodeships


def _venues(prefix: str, rooms: int) -> tuple[Venue, ...]:
    """One venue per distinct county seat whose county code starts with ``prefix``, at the
    seat gmina's inner point: data/siedziby_powiatow.csv for the powiaty, the city itself for
    a city with county rights (so Bielsko-Biała, seat of powiat bielski too, is one venue)."""
    gminy = {g["teryt"]: g for g in _rows("gminy.csv")}
    seats = {row["powiat_teryt"]: row["seat_teryt"] for row in _rows("siedziby_powiatow.csv")}
    for p in _rows("powiaty.csv"):
        if p["kind"] == "miasto na prawach powiatu":
            seats[p["teryt"]] = next(code for code in gminy if code[:4] == p["teryt"])
    codes = dict.fromkeys(
        seat for county, seat in sorted(seats.items()) if county.startswith(prefix)
    )
    return tuple(
        Venue(
            id=code,
            name=gminy[code]["name"],
            max_groups=rooms,
            lat=float(gminy[code]["inner_lat"]),
            lon=float(gminy[code]["inner_lon"]),
        )
        for code in codes
    )


def _team(unit: Unit, size: int, rng: random.Random) -> Team:
    managers = max(1, round(size / 3 + rng.uniform(-0.4, 0.4)))
    return Team(
        id=unit.teryt,
        size=size,
        kind=unit.kind,
        county=unit.county,
        managers=min(size, managers),
        lat=unit.lat,
        lon=unit.lon,
    )


def _calendar(venues: tuple[Venue, ...], capital: Venue, n_trainers: int, rng) -> CalendarRules:
    homes = [capital] + rng.sample(list(venues), n_trainers - 1)
    start, end = SEMESTER
    trainers = []
    for i, home in enumerate(homes):
        away = {start + dt.timedelta(rng.randrange((end - start).days)) for _ in range(4)}
        trainers.append(
            Trainer(
                id=f"T{i + 1}",
                lat=home.lat,
                lon=home.lon,
                unavailable=frozenset(away),
                max_days=40,
            )
        )
    return CalendarRules(
        start=start,
        end=end,
        modules=5,
        days_per_module=2,
        weekdays=(1, 2, 4, 5),
        min_gap_days=14,
        max_gap_days=42,
        holidays="PL",
        blackout=(BlackoutRange(dt.date(2027, 3, 25), dt.date(2027, 3, 30), "Easter break"),),
        trainers=tuple(trainers),
    )


def _sample_teams(pool: list[Unit], n: int, rng: random.Random) -> list[Team]:
    chosen = rng.sample(pool, n)
    return [_team(u, rng.choices([2, 3, 4, 5], weights=[35, 28, 22, 15])[0], rng) for u in chosen]


def _kind_ok(people: int) -> bool:
    """Some whole number of groups of 16–25 people can hold this many people."""
    return people == 0 or -(-people // GROUP_RULES.max_size) <= people // GROUP_RULES.min_size


def _top_up(teams: list[Team], pool: list[Unit], rng: random.Random) -> tuple[Team, ...]:
    """Add JST of a kind whose enrolled people cannot fill whole groups (a real project
    would recruit more, too); keeps every voivodeship feasible under homogeneous groups."""
    taken = {t.id for t in teams}
    for kind in sorted({u.kind for u in pool}):
        spare = [u for u in pool if u.kind == kind and u.teryt not in taken]
        rng.shuffle(spare)
        while not _kind_ok(sum(t.size for t in teams if t.kind == kind)) and spare:
            unit = spare.pop()
            teams.append(_team(unit, rng.choice([2, 3, 4, 5]), rng))
            taken.add(unit.teryt)
        if not _kind_ok(sum(t.size for t in teams if t.kind == kind)):
            # the voivodeship has too few JST of this kind for one group (opolskie: 3 urban
            # gminy): a project would put them with the rural teams, and so does the scenario
            teams = [replace(t, kind="rural") if t.kind == kind else t for t in teams]
    return tuple(sorted(teams, key=lambda t: t.id))


GROUP_RULES = GroupRules(min_size=16, max_size=25, fixed_cost=300.0, same_kind=True)
DISTANCE = DistanceSpec(metric="haversine", road_factor=1.3)


def national_scenario(total_teams: int = 1000, seed: int = 2027) -> list[Problem]:
    """One problem per voivodeship, JST sampled proportionally, sizes 2–5, calendar included."""
    units, _, voivodeships = load_units()
    problems = []
    for w in voivodeships:
        rng = random.Random(f"{seed}-{w['teryt']}")  # each voivodeship stable on its own
        pool = [u for u in units if u.teryt.startswith(w["teryt"])]
        n = max(8, round(total_teams * len(pool) / len(units)))
        teams = _top_up(_sample_teams(pool, n, rng), pool, rng)
        sizes = [t.size for t in teams]
        venues = _venues(w["teryt"], rooms=2)
        capital = Venue(id="capital", lat=float(w["capital_lat"]), lon=float(w["capital_lon"]))
        people = sum(sizes)
        n_trainers = min(5, max(3, math.ceil(people / 70)))
        problems.append(
            Problem(
                name=f"{w['teryt']} {w['name']}",
                teams=teams,
                venues=venues,
                groups=GROUP_RULES,
                distance=DISTANCE,
                travel_cost="per_person",
                calendar=_calendar(venues, capital, n_trainers, rng),
            )
        )
    return problems


def all_jst_scenario(team_size: int = 3) -> Problem:
    """All 2807 JST of Poland in one national plan (no calendar), venues = 335 county seats."""
    units, _, _ = load_units()
    teams = tuple(
        Team(
            id=u.teryt,
            size=team_size,
            kind=u.kind,
            county=u.county,
            managers=1,
            lat=u.lat,
            lon=u.lon,
        )
        for u in units
    )
    return Problem(
        name="Polska (all JST)",
        teams=teams,
        venues=_venues("", rooms=2),
        groups=GROUP_RULES,
        distance=DISTANCE,
        travel_cost="per_person",
    )


def varied_national_scenario(seed: int, total_teams: int = 1000) -> list[Problem]:
    """A national scenario whose make-up is drawn from ``seed``: what real calls vary.

    * the mix of team sizes 2–5 (a weight per size, drawn per seed);
    * the share of JST of each kind (a weight per exchange-group kind: rural, urban, county);
    * the county density (a log-normal weight per county with a spread drawn per seed: some
      counties enrol many of their JST, others few).

    JST are sampled per voivodeship (proportionally to its JST, as ``national_scenario``) with
    those weights, topped up so every kind can fill whole groups; groups of 16–25 people
    homogeneous by kind, 300 person-km per group, haversine × 1.3 per person, two rooms per
    county seat; no calendar (the gap is the grouping's).
    """
    units, powiaty, voivodeships = load_units()
    rng = random.Random(f"varied-{seed}")
    size_weights = [rng.uniform(0.1, 1.0) for _ in range(4)]
    kind_weights = {kind: rng.uniform(0.3, 1.7) for kind in ("rural", "urban", "county")}
    spread = rng.uniform(0.2, 1.5)
    county_weights = {p["teryt"]: rng.lognormvariate(0.0, spread) for p in powiaty}
    problems = []
    for w in voivodeships:
        vrng = random.Random(f"varied-{seed}-{w['teryt']}")
        pool = [u for u in units if u.teryt.startswith(w["teryt"])]
        n = max(8, round(total_teams * len(pool) / len(units)))
        weights = [kind_weights[u.kind] * county_weights.get(u.county, 1.0) for u in pool]
        # weighted sampling without replacement (Efraimidis–Spirakis keys)
        keys = sorted(range(len(pool)), key=lambda i: -(vrng.random() ** (1.0 / weights[i])))
        chosen = [pool[i] for i in sorted(keys[:n])]
        teams = [
            _team(u, vrng.choices([2, 3, 4, 5], weights=size_weights)[0], vrng) for u in chosen
        ]
        problems.append(
            Problem(
                name=f"{w['teryt']} {w['name']}",
                teams=_splittable_kinds(_top_up(teams, pool, vrng), pool, vrng),
                venues=_venues(w["teryt"], rooms=2),
                groups=GROUP_RULES,
                distance=DISTANCE,
                travel_cost="per_person",
            )
        )
    return problems


def splittable(sizes: list[int], lo: int = 16, hi: int = 25) -> bool:
    """Whether teams of these sizes can form whole groups of lo–hi people: exact for one or two
    groups (a subset sum), assumed for more (with sizes 2–5 there is always enough freedom)."""
    people = sum(sizes)
    if people <= hi:
        return people == 0 or people >= lo
    if people > 2 * hi:
        return True
    sums = {0}
    for size in sizes:
        sums |= {x + size for x in sums}
    return any(lo <= x <= hi and lo <= people - x <= hi for x in sums)


def _splittable_kinds(teams: tuple[Team, ...], pool: list[Unit], rng) -> tuple[Team, ...]:
    """Recruit one more JST of a kind whose teams cannot form whole groups (urban 5+5+5+5+5+4+3:
    32 people but no 16 + 16), as a real project would."""
    teams = list(teams)
    taken = {t.id for t in teams}
    for kind in sorted({t.kind for t in teams}):
        spare = sorted((u for u in pool if u.kind == kind and u.teryt not in taken), key=str)
        rng.shuffle(spare)
        while not splittable([t.size for t in teams if t.kind == kind]) and spare:
            unit = spare.pop()
            teams.append(_team(unit, rng.choice([2, 3, 4, 5]), rng))
            taken.add(unit.teryt)
    return tuple(sorted(teams, key=lambda t: t.id))
