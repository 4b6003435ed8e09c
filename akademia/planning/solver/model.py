"""Plain dataclasses for planning problems and results.

They are the only things the solver, the checker and the web app share: no ORM, no Django.
Dates are ``datetime.date``; ids are strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

PROBLEM_FORMAT = "akademia-plan/1"
RESULT_FORMAT = "akademia-plan-result/1"

#: TERYT unit kinds mapped to the exchange-group kind used for homogeneous groups.
TERYT_KIND_TO_GROUP_KIND = {
    "gmina wiejska": "rural",
    "gmina miejsko-wiejska": "rural",
    "gmina miejska": "urban",
    "powiat": "county",
    "miasto na prawach powiatu": "county",
    "województwo": "county",
}


def group_kind(kind: str) -> str:
    """Exchange-group kind of a JST: TERYT names are mapped, anything else is kept as given."""
    return TERYT_KIND_TO_GROUP_KIND.get(kind.strip().lower(), kind.strip())


@dataclass(frozen=True)
class Team:
    """A JST team: travels together, is never split between groups."""

    id: str
    size: int
    kind: str = "any"
    county: str | None = None
    managers: int = 0
    lat: float | None = None
    lon: float | None = None
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True)
class Venue:
    """A training venue; ``max_groups`` rooms, i.e. groups it can host (and meetings per day)."""

    id: str
    name: str = ""
    max_groups: int = 1
    lat: float | None = None
    lon: float | None = None
    x: float | None = None
    y: float | None = None
    unavailable: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class DistanceSpec:
    """How team→venue (and trainer→venue) distances in km are computed."""

    metric: str = "haversine"  # haversine | euclidean | matrix
    road_factor: float = 1.0
    matrix: dict[str, dict[str, float]] | None = None


@dataclass(frozen=True)
class GroupRules:
    """Hard rules for the training groups (sizes are in people, not teams)."""

    min_size: int
    max_size: int
    count: int | None = None
    fixed_cost: float = 0.0
    same_kind: bool = False
    min_manager_share: float = 0.0
    max_teams_per_county: int | None = None


@dataclass(frozen=True)
class BlackoutRange:
    start: dt.date
    end: dt.date
    label: str = ""


@dataclass(frozen=True)
class Trainer:
    id: str
    lat: float | None = None
    lon: float | None = None
    x: float | None = None
    y: float | None = None
    unavailable: frozenset[dt.date] = frozenset()
    max_days: int | None = None


@dataclass(frozen=True)
class CalendarRules:
    """Module scheduling rules. ``min/max_gap_days`` are start-to-start distances in days."""

    start: dt.date
    end: dt.date
    modules: int
    days_per_module: int = 1
    weekdays: tuple[int, ...] = (1, 2, 3, 4, 5)
    min_gap_days: int = 0
    max_gap_days: int | None = None
    holidays: str | None = "PL"
    blackout: tuple[BlackoutRange, ...] = ()
    trainers: tuple[Trainer, ...] = ()
    trainers_per_meeting: int = 1
    start_hour: int = 9
    end_hour: int = 16
    same_trainer_penalty: float = 100.0
    trainer_km_weight: float = 1.0


@dataclass(frozen=True)
class Problem:
    name: str
    teams: tuple[Team, ...]
    venues: tuple[Venue, ...]
    groups: GroupRules
    distance: DistanceSpec = DistanceSpec()
    travel_cost: str = "per_person"  # per_person | per_team
    calendar: CalendarRules | None = None


@dataclass(frozen=True)
class Reason:
    """Machine-readable explanation: ``code`` + ``params`` are stable, ``text`` is English."""

    code: str
    params: dict[str, Any]
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params, "text": self.text}


@dataclass
class Meeting:
    module: int
    dates: list[dt.date]
    trainers: list[str] = field(default_factory=list)
    # A meeting held elsewhere than its group's venue (changed after publication); the solver
    # never sets it, the checker uses it for the venue's closed days and rooms.
    venue: str | None = None

    @property
    def trainer(self) -> str | None:
        return self.trainers[0] if self.trainers else None


@dataclass
class Group:
    id: str
    venue: str
    teams: list[str]
    size: int
    meetings: list[Meeting] = field(default_factory=list)


#: Every `Result.status` the planner answers.
STATUSES = ("optimal", "feasible", "infeasible")


@dataclass
class Result:
    status: str  # one of STATUSES
    objective: float | None = None
    lower_bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    groups: list[Group] = field(default_factory=list)
    reason: Reason | None = None
    name: str = ""
    stats: dict[str, Any] = field(default_factory=dict)
