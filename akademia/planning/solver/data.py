"""Numeric view of a Problem used by the grouping heuristics and the MIP.

Teams and venues become integer indices; costs become a dense ``teams × venues`` array with
``inf`` for pairs a distance matrix does not allow. Kinds collapse to a single class ``"*"``
when groups need not be homogeneous, so the rest of the code handles both cases alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .distance import EARTH_RADIUS_KM, team_cost
from .model import Problem

ANY_KIND = "*"


@dataclass
class GroupingData:
    problem: Problem
    sizes: np.ndarray  # people per team
    managers: np.ndarray
    kind_of: np.ndarray  # team → kind index
    kinds: list[str]
    county_of: list[str | None]
    cost: np.ndarray  # teams × venues travel cost (inf = not allowed)
    rooms: np.ndarray  # max groups per venue

    @classmethod
    def build(cls, problem: Problem) -> GroupingData:
        teams = problem.teams
        kinds = sorted({t.kind for t in teams}) if problem.groups.same_kind else [ANY_KIND]
        index = {k: i for i, k in enumerate(kinds)}
        cost = cost_matrix(problem)
        return cls(
            problem=problem,
            sizes=np.array([t.size for t in teams], dtype=int),
            managers=np.array([t.managers for t in teams], dtype=int),
            kind_of=np.array(
                [index[t.kind if problem.groups.same_kind else ANY_KIND] for t in teams], dtype=int
            ),
            kinds=kinds,
            county_of=[t.county for t in teams],
            cost=cost,
            rooms=np.array([v.max_groups for v in problem.venues], dtype=int),
        )

    @property
    def n_teams(self) -> int:
        return len(self.sizes)

    @property
    def n_venues(self) -> int:
        return len(self.rooms)

    @property
    def lo(self) -> int:
        return self.problem.groups.min_size

    @property
    def hi(self) -> int:
        return self.problem.groups.max_size

    @cached_property
    def cost_rows(self) -> list[list[float]]:
        """``cost`` as Python lists: the local search reads single entries millions of times,
        and indexing a list is several times cheaper than indexing a NumPy array."""
        return self.cost.tolist()

    @cached_property
    def size_list(self) -> list[int]:
        return self.sizes.tolist()

    @cached_property
    def teams_of_kind(self) -> list[np.ndarray]:
        return [np.flatnonzero(self.kind_of == k) for k in range(len(self.kinds))]

    def people(self, kind: int) -> int:
        return int(self.sizes[self.teams_of_kind[kind]].sum())

    def group_count_range(self, kind: int) -> tuple[int, int]:
        """Necessary range of the number of groups of one kind.

        Group sizes must be multiples of the gcd of the team sizes, so the usable size range
        shrinks to [a, b] ⊆ [min_size, max_size]; county caps force a minimum number too.
        """
        members = self.teams_of_kind[kind]
        total = int(self.sizes[members].sum())
        if total == 0:
            return 0, 0
        d = math.gcd(*map(int, self.sizes[members]))
        a = -(-self.lo // d) * d
        b = (self.hi // d) * d
        if a > b:
            return 1, 0
        low = -(-total // b)
        cap = self.problem.groups.max_teams_per_county
        if cap:
            for count in self.county_counts(kind).values():
                low = max(low, -(-count // cap))
        return low, total // a

    def county_counts(self, kind: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for t in self.teams_of_kind[kind]:
            county = self.county_of[t]
            if county is not None:
                counts[county] = counts.get(county, 0) + 1
        return counts

    def kind_label(self, kind: int) -> str:
        return "all" if self.kinds[kind] == ANY_KIND else self.kinds[kind]


def cost_matrix(problem: Problem) -> np.ndarray:
    """Team × venue travel costs; vectorised for the coordinate metrics (same formulas as
    ``distance.team_cost``, which stays the reference used for reported objectives)."""
    teams, venues = problem.teams, problem.venues
    metric = problem.distance.metric
    if metric == "matrix":
        return np.array([[team_cost(problem, t, v) for v in venues] for t in teams], dtype=float)
    if metric == "euclidean":
        tx, ty = (np.array([getattr(t, a) for t in teams], dtype=float) for a in "xy")
        vx, vy = (np.array([getattr(v, a) for v in venues], dtype=float) for a in "xy")
        dist = np.hypot(tx[:, None] - vx[None, :], ty[:, None] - vy[None, :])
    else:
        lat1 = np.radians([t.lat for t in teams])[:, None]
        lon1 = np.radians([t.lon for t in teams])[:, None]
        lat2 = np.radians([v.lat for v in venues])[None, :]
        lon2 = np.radians([v.lon for v in venues])[None, :]
        a = (
            np.sin((lat2 - lat1) / 2) ** 2
            + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        )
        dist = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        dist *= problem.distance.road_factor
    if problem.travel_cost == "per_person":
        dist = dist * np.array([t.size for t in teams], dtype=float)[:, None]
    return dist
