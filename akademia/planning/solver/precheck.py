"""Necessary conditions for a grouping, checked before any solver runs.

Each check is cheap and, when it fails, names the rule in words the coordinator understands.
Passing them does not prove feasibility; the MIP (and relaxation diagnosis) does the rest.
"""

from __future__ import annotations

import numpy as np

from .data import GroupingData
from .model import Reason
from .reasons import reason


def grouping_precheck(data: GroupingData) -> Reason | None:
    """First violated necessary condition, or None."""
    for check in (_team_sizes, _reachability, _kind_sizes, _managers, _rooms, _count):
        found = check(data)
        if found is not None:
            return found
    return None


def _team_sizes(data: GroupingData) -> Reason | None:
    for t, team in enumerate(data.problem.teams):
        if data.sizes[t] > data.hi:
            return reason("team_too_large", team=team.id, size=team.size, max_size=data.hi)
    return None


def _reachability(data: GroupingData) -> Reason | None:
    usable = np.isfinite(data.cost) & (data.rooms > 0)[None, :]
    for t, team in enumerate(data.problem.teams):
        if not usable[t].any():
            return reason("no_venue_for_team", team=team.id)
    return None


def _kind_sizes(data: GroupingData) -> Reason | None:
    for k in range(len(data.kinds)):
        people = data.people(k)
        members = data.teams_of_kind[k]
        label = data.kind_label(k)
        if 0 < people < data.lo:
            return reason("kind_too_small", kind=label, people=people, min_size=data.lo)
        low, high = data.group_count_range(k)
        if low > high:
            county = _county_blame(data, k, high)
            if county is not None:
                return county
            params = {
                "teams": len(members),
                "people": people,
                "min_size": data.lo,
                "max_size": data.hi,
            }
            if label == "all":
                return reason("group_size", **params)
            return reason("group_size_kind", kind=label, **params)
    return None


def _county_blame(data: GroupingData, kind: int, max_groups: int) -> Reason | None:
    cap = data.problem.groups.max_teams_per_county
    if not cap:
        return None
    for county, count in sorted(data.county_counts(kind).items()):
        needed = -(-count // cap)
        if needed > max_groups:
            return reason(
                "county_cap",
                county=county,
                teams=count,
                kind=data.kind_label(kind),
                cap=cap,
                needed=needed,
                people=data.people(kind),
                max_groups=max_groups,
            )
    return None


def _managers(data: GroupingData) -> Reason | None:
    share = data.problem.groups.min_manager_share
    if share <= 0:
        return None
    for k in range(len(data.kinds)):
        members = data.teams_of_kind[k]
        people = int(data.sizes[members].sum())
        managers = int(data.managers[members].sum())
        if people and managers < share * people - 1e-9:
            return reason(
                "managers",
                managers=managers,
                people=people,
                share=managers / people,
                required=share,
            )
    return None


def _rooms(data: GroupingData) -> Reason | None:
    needed = sum(data.group_count_range(k)[0] for k in range(len(data.kinds)))
    rooms = int(data.rooms.sum())
    if needed > rooms:
        return reason("rooms", rooms=rooms, needed=needed)
    return None


def _count(data: GroupingData) -> Reason | None:
    count = data.problem.groups.count
    if count is None:
        return None
    ranges = [data.group_count_range(k) for k in range(len(data.kinds))]
    low, high = sum(r[0] for r in ranges), sum(r[1] for r in ranges)
    if not low <= count <= high:
        return reason("group_count", count=count, min_groups=low, max_groups=high)
    rooms = int(data.rooms.sum())
    if count > rooms:
        return reason("rooms", rooms=rooms, needed=count)
    return None
