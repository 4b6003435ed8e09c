"""Reading and writing the JSON formats ``akademia-plan/1`` and ``akademia-plan-result/1``.

Input is validated twice: first against the JSON Schema (structure and ranges), then by
semantic checks the schema cannot express (duplicate ids, unknown ids in the matrix, missing
coordinates for the chosen metric, empty date ranges). Every problem is reported with the JSON
path of the offending field, e.g. ``teams[3].size: -2 is less than the minimum of 1``.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from .model import (
    PROBLEM_FORMAT,
    RESULT_FORMAT,
    BlackoutRange,
    CalendarRules,
    DistanceSpec,
    Group,
    GroupRules,
    Meeting,
    Problem,
    Reason,
    Result,
    Team,
    Trainer,
    Venue,
    group_kind,
)

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
MAX_REPORTED_ERRORS = 20


class ProblemFormatError(ValueError):
    """A malformed problem file; ``errors`` are ``path: message`` strings."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@cache
def load_schema(name: str) -> dict[str, Any]:
    """``name`` is ``plan-problem`` or ``plan-result``."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def json_path(parts) -> str:
    """``['teams', 3, 'size']`` → ``teams[3].size`` (``$`` for the document itself)."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "$"


def _schema_errors(data: Any, schema_name: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(load_schema(schema_name))
    errors = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        if error.context:  # oneOf/anyOf: the most specific sub-error says more
            error = jsonschema.exceptions.best_match(error.context)
        errors.append(f"{json_path(error.absolute_path)}: {error.message}")
    return errors[:MAX_REPORTED_ERRORS]


def _parse_date(value: str, path: str, errors: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.append(f"{path}: {value!r} is not a valid date")
        return None


def _dates(values, path: str, errors: list[str]) -> frozenset[dt.date]:
    parsed = (_parse_date(v, f"{path}[{i}]", errors) for i, v in enumerate(values or []))
    return frozenset(d for d in parsed if d is not None)


def _check_unique_ids(items: list[dict], section: str, errors: list[str]) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        key = str(item["id"])
        if key in seen:
            errors.append(f"{section}[{i}].id: duplicate id {key!r} (also {section}[{seen[key]}])")
        else:
            seen[key] = i


def _check_location(item: dict, path: str, metric: str, errors: list[str]) -> None:
    need = ("x", "y") if metric == "euclidean" else ("lat", "lon")
    missing = [k for k in need if k not in item]
    if missing:
        errors.append(f"{path}: {' and '.join(missing)} required for metric {metric}")


def _check_matrix(data: dict, errors: list[str]) -> None:
    distance = data.get("distance", {})
    matrix = distance.get("matrix")
    if matrix is None:
        errors.append("distance.matrix: required for metric matrix")
        return
    team_ids = {str(t["id"]) for t in data["teams"]}
    venue_ids = {str(v["id"]) for v in data["venues"]}
    for team_id, row in matrix.items():
        if team_id not in team_ids:
            errors.append(f"distance.matrix.{team_id}: unknown team id {team_id!r}")
            continue
        for venue_id in row:
            if venue_id not in venue_ids:
                errors.append(
                    f"distance.matrix.{team_id}.{venue_id}: unknown venue id {venue_id!r}"
                )
    for i, team in enumerate(data["teams"]):
        if not matrix.get(str(team["id"])):
            errors.append(f"teams[{i}]: team {team['id']!r} has no row in distance.matrix")


def _semantic_errors(data: dict) -> list[str]:
    errors: list[str] = []
    metric = data.get("distance", {}).get("metric", "haversine")
    _check_unique_ids(data["teams"], "teams", errors)
    _check_unique_ids(data["venues"], "venues", errors)
    if metric == "matrix":
        _check_matrix(data, errors)
    else:
        for section in ("teams", "venues"):
            for i, item in enumerate(data[section]):
                _check_location(item, f"{section}[{i}]", metric, errors)
    for i, team in enumerate(data["teams"]):
        if team.get("managers", 0) > team["size"]:
            errors.append(
                f"teams[{i}].managers: {team['managers']} is more than the team size {team['size']}"
            )
    for i, venue in enumerate(data["venues"]):
        _dates(venue.get("unavailable"), f"venues[{i}].unavailable", errors)
    groups = data["groups"]
    if groups["min_size"] > groups["max_size"]:
        errors.append(
            f"groups.max_size: {groups['max_size']} is less than min_size {groups['min_size']}"
        )
    if data.get("calendar"):
        _calendar_errors(data["calendar"], errors)
    return errors


def _calendar_errors(cal: dict, errors: list[str]) -> None:
    start = _parse_date(cal["start"], "calendar.start", errors)
    end = _parse_date(cal["end"], "calendar.end", errors)
    if start and end and end < start:
        errors.append(f"calendar.end: {end} is before calendar.start {start}")
    max_gap = cal.get("max_gap_days")
    if max_gap is not None and max_gap < cal.get("min_gap_days", 0):
        errors.append(
            f"calendar.max_gap_days: {max_gap} is less than min_gap_days {cal['min_gap_days']}"
        )
    if cal.get("start_hour", 9) >= cal.get("end_hour", 16):
        errors.append("calendar.end_hour: must be later than start_hour")
    for i, trainer in enumerate(cal.get("trainers", [])):
        _dates(trainer.get("unavailable"), f"calendar.trainers[{i}].unavailable", errors)
    for i, item in enumerate(cal.get("blackout", [])):
        if isinstance(item, str):
            _parse_date(item, f"calendar.blackout[{i}]", errors)
        else:
            b_start = _parse_date(item["start"], f"calendar.blackout[{i}].start", errors)
            b_end = _parse_date(item["end"], f"calendar.blackout[{i}].end", errors)
            if b_start and b_end and b_end < b_start:
                errors.append(f"calendar.blackout[{i}].end: {b_end} is before start {b_start}")
    _check_unique_ids(cal.get("trainers", []), "calendar.trainers", errors)


def validate_problem_data(data: Any) -> list[str]:
    """All format errors of a decoded JSON document (empty list when it is valid)."""
    errors = _schema_errors(data, "plan-problem")
    if errors:
        return errors
    return _semantic_errors(data)[:MAX_REPORTED_ERRORS]


def _location(item: dict) -> dict[str, float | None]:
    return {k: (float(item[k]) if k in item else None) for k in ("lat", "lon", "x", "y")}


def _team(item: dict) -> Team:
    county = item.get("county")
    return Team(
        id=str(item["id"]),
        size=int(item["size"]),
        kind=group_kind(item.get("kind", "any")),
        county=None if county is None else str(county),
        managers=int(item.get("managers", 0)),
        **_location(item),
    )


def _venue(item: dict, i: int) -> Venue:
    return Venue(
        id=str(item["id"]),
        name=item.get("name", str(item["id"])),
        max_groups=int(item.get("max_groups", 1)),
        unavailable=_dates(item.get("unavailable"), f"venues[{i}].unavailable", []),
        **_location(item),
    )


def _blackout(item) -> BlackoutRange:
    if isinstance(item, str):
        day = dt.date.fromisoformat(item)
        return BlackoutRange(day, day, "")
    return BlackoutRange(
        dt.date.fromisoformat(item["start"]),
        dt.date.fromisoformat(item["end"]),
        item.get("label", ""),
    )


def _trainer(item: dict) -> Trainer:
    return Trainer(
        id=str(item["id"]),
        unavailable=_dates(item.get("unavailable"), "", []),
        max_days=item.get("max_days"),
        **_location(item),
    )


def _calendar(cal: dict) -> CalendarRules:
    return CalendarRules(
        start=dt.date.fromisoformat(cal["start"]),
        end=dt.date.fromisoformat(cal["end"]),
        modules=int(cal["modules"]),
        days_per_module=int(cal.get("days_per_module", 1)),
        weekdays=tuple(sorted(cal.get("weekdays", [1, 2, 3, 4, 5]))),
        min_gap_days=int(cal.get("min_gap_days", 0)),
        max_gap_days=cal.get("max_gap_days"),
        holidays=cal.get("holidays", "PL"),
        blackout=tuple(_blackout(b) for b in cal.get("blackout", [])),
        trainers=tuple(_trainer(t) for t in cal.get("trainers", [])),
        trainers_per_meeting=int(cal.get("trainers_per_meeting", 1)),
        start_hour=int(cal.get("start_hour", 9)),
        end_hour=int(cal.get("end_hour", 16)),
        same_trainer_penalty=float(cal.get("same_trainer_penalty", 100.0)),
        trainer_km_weight=float(cal.get("trainer_km_weight", 1.0)),
    )


def problem_from_data(data: Any) -> Problem:
    """Validate a decoded JSON document and build a Problem; raises ProblemFormatError."""
    errors = validate_problem_data(data)
    if errors:
        raise ProblemFormatError(errors)
    dist = data.get("distance", {"metric": "haversine"})
    matrix = dist.get("matrix")
    groups = data["groups"]
    return Problem(
        name=data.get("name", ""),
        teams=tuple(_team(t) for t in data["teams"]),
        venues=tuple(_venue(v, i) for i, v in enumerate(data["venues"])),
        groups=GroupRules(
            min_size=int(groups["min_size"]),
            max_size=int(groups["max_size"]),
            count=groups.get("count"),
            fixed_cost=float(groups.get("fixed_cost", 0.0)),
            same_kind=bool(groups.get("same_kind", False)),
            min_manager_share=float(groups.get("min_manager_share", 0.0)),
            max_teams_per_county=groups.get("max_teams_per_county"),
        ),
        distance=DistanceSpec(
            metric=dist["metric"],
            road_factor=float(dist.get("road_factor", 1.0)),
            matrix=None
            if matrix is None
            else {t: {v: float(km) for v, km in row.items()} for t, row in matrix.items()},
        ),
        travel_cost=data.get("travel_cost", "per_person"),
        calendar=_calendar(data["calendar"]) if data.get("calendar") else None,
    )


def load_problem(path: str | Path) -> Problem:
    """Read a problem file; JSON syntax errors are reported as format errors too."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ProblemFormatError([f"$: invalid JSON: {exc}"]) from exc
    return problem_from_data(data)


def _location_json(obj) -> dict[str, float]:
    return {k: getattr(obj, k) for k in ("lat", "lon", "x", "y") if getattr(obj, k) is not None}


def problem_to_data(problem: Problem) -> dict[str, Any]:
    """Inverse of problem_from_data (used by the benchmark and tests to write files)."""
    g = problem.groups
    dist: dict[str, Any] = {"metric": problem.distance.metric}
    if problem.distance.metric == "haversine":
        dist["road_factor"] = problem.distance.road_factor
    if problem.distance.matrix is not None:
        dist["matrix"] = problem.distance.matrix
    data: dict[str, Any] = {
        "format": PROBLEM_FORMAT,
        "name": problem.name,
        "distance": dist,
        "travel_cost": problem.travel_cost,
        "teams": [
            {"id": t.id, "size": t.size, "kind": t.kind, "managers": t.managers}
            | ({"county": t.county} if t.county is not None else {})
            | _location_json(t)
            for t in problem.teams
        ],
        "venues": [
            {"id": v.id, "name": v.name, "max_groups": v.max_groups}
            | _location_json(v)
            | ({"unavailable": sorted(map(str, v.unavailable))} if v.unavailable else {})
            for v in problem.venues
        ],
        "groups": {
            "min_size": g.min_size,
            "max_size": g.max_size,
            "count": g.count,
            "fixed_cost": g.fixed_cost,
            "same_kind": g.same_kind,
            "min_manager_share": g.min_manager_share,
            "max_teams_per_county": g.max_teams_per_county,
        },
    }
    if problem.calendar is not None:
        data["calendar"] = _calendar_to_data(problem.calendar)
    return data


def _calendar_to_data(cal: CalendarRules) -> dict[str, Any]:
    return {
        "start": cal.start.isoformat(),
        "end": cal.end.isoformat(),
        "modules": cal.modules,
        "days_per_module": cal.days_per_module,
        "weekdays": list(cal.weekdays),
        "min_gap_days": cal.min_gap_days,
        "max_gap_days": cal.max_gap_days,
        "holidays": cal.holidays,
        "blackout": [
            {"start": b.start.isoformat(), "end": b.end.isoformat(), "label": b.label}
            for b in cal.blackout
        ],
        "trainers": [
            {"id": t.id, "unavailable": sorted(map(str, t.unavailable)), "max_days": t.max_days}
            | _location_json(t)
            for t in cal.trainers
        ],
        "trainers_per_meeting": cal.trainers_per_meeting,
        "start_hour": cal.start_hour,
        "end_hour": cal.end_hour,
        "same_trainer_penalty": cal.same_trainer_penalty,
        "trainer_km_weight": cal.trainer_km_weight,
    }


def _meeting_json(m: Meeting, cal: CalendarRules | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "module": m.module,
        "dates": [d.isoformat() for d in m.dates],
        "trainer": m.trainer,
        "trainers": list(m.trainers),
    }
    if cal is not None and m.dates:
        out["start"] = f"{m.dates[0].isoformat()}T{cal.start_hour:02d}:00"
        out["end"] = f"{m.dates[-1].isoformat()}T{cal.end_hour:02d}:00"
    return out


def result_to_data(result: Result, problem: Problem | None = None) -> dict[str, Any]:
    cal = problem.calendar if problem is not None else None
    return {
        "format": RESULT_FORMAT,
        "name": result.name,
        "status": result.status,
        "objective": result.objective,
        "lower_bound": result.lower_bound,
        "gap": result.gap,
        "seconds": round(result.seconds, 3),
        "groups": [
            {
                "id": g.id,
                "venue": g.venue,
                "teams": list(g.teams),
                "size": g.size,
                "meetings": [_meeting_json(m, cal) for m in g.meetings],
            }
            for g in result.groups
        ],
        "reason": result.reason.to_json() if result.reason else None,
        "stats": result.stats,
    }


def result_from_data(data: dict[str, Any]) -> Result:
    """Build a Result from JSON; raises ProblemFormatError with paths when malformed."""
    errors = _schema_errors(data, "plan-result")
    if errors:
        raise ProblemFormatError(errors)
    reason = data.get("reason")
    return Result(
        status=data["status"],
        objective=data["objective"],
        lower_bound=data["lower_bound"],
        gap=data["gap"],
        seconds=data["seconds"],
        name=data.get("name", ""),
        reason=Reason(reason["code"], reason["params"], reason["text"]) if reason else None,
        stats=data.get("stats", {}),
        groups=[
            Group(
                id=g["id"],
                venue=g["venue"],
                teams=list(g["teams"]),
                size=g["size"],
                meetings=[
                    Meeting(
                        module=m["module"],
                        dates=[dt.date.fromisoformat(d) for d in m["dates"]],
                        trainers=m.get("trainers") or ([m["trainer"]] if m["trainer"] else []),
                    )
                    for m in g["meetings"]
                ],
            )
            for g in data["groups"]
        ],
    )
