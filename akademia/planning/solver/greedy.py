"""Greedy reference plans that the benchmark compares the planner with (not used by ``solve``).

Both start as a person with a spreadsheet would: one kind at a time (largest first), every
team goes to its nearest venue with a free room. They differ in how the venue clusters are
then repaired to the group size bounds:

* ``simple_greedy_plan``, the baseline the planner's target is set against, repairs whole
  clusters. A cluster below the minimum merges into the cheapest cluster that can take it;
  failing that it pulls the cheapest team a neighbour can spare, or its teams go one by one
  to the nearest clusters with room. A cluster that cannot be cut into groups within the
  bounds (too few rooms, or 26–31 people for groups of 16–25) sends its farthest team to the
  nearest cluster with room. Each cluster is then cut into ⌈people / max⌉ balanced groups.
* ``team_moves_greedy_plan`` repairs group by group with the cheapest single-team move each
  time. It is much stronger: on the national scenario it is within 10–12% of the optimum,
  which the benchmark prints alongside as a harder reference.

Both return ``[(venue, [team, ...]), ...]`` or None when the repair gets stuck; composition
rules other than the kind (managers' share, county caps) are not considered.
"""

from __future__ import annotations

import numpy as np

from .data import GroupingData
from .grouping import plan_cost

Plan = list[tuple[int, list[int]]]


def greedy_result(data: GroupingData, planner) -> dict:
    """Objective, number of groups and the plan of one greedy planner (None when stuck)."""
    groups = planner(data)
    if groups is None:
        return {"objective": None, "groups": None, "plan": None}
    return {"objective": plan_cost(data, groups), "groups": len(groups), "plan": groups}


def simple_greedy_plan(data: GroupingData) -> Plan | None:
    """Nearest venue per team, then whole clusters repaired; None if it gets stuck."""
    rooms = data.rooms.copy()
    plan: Plan = []
    for k in sorted(range(len(data.kinds)), key=lambda k: -data.people(k)):
        clusters: dict[int, list[int]] = {}
        for t in data.teams_of_kind[k]:
            clusters.setdefault(_nearest_free_venue(data, int(t), rooms), []).append(int(t))
        if not _repair_clusters(data, clusters, rooms):
            return None
        for v, teams in sorted(clusters.items()):
            parts = _cut(data, teams, int(rooms[v]))
            rooms[v] -= len(parts)
            plan.extend((v, part) for part in parts)
    return plan


def _nearest_free_venue(data: GroupingData, t: int, rooms: np.ndarray) -> int:
    return int(np.argmin(np.where(rooms > 0, data.cost[t], np.inf)))


def _repair_clusters(data: GroupingData, clusters: dict, rooms: np.ndarray) -> bool:
    for _ in range(10 * data.n_teams + 10):
        small = sorted(
            (_people(data, ts), v) for v, ts in clusters.items() if _people(data, ts) < data.lo
        )
        if small and len(clusters) > 1:
            if not any(
                fix(data, clusters, rooms, v) for fix in (_merge, _pull, _scatter) for _, v in small
            ):
                return False
            continue
        stuck = [v for v, ts in clusters.items() if _cut(data, ts, int(rooms[v])) is None]
        if not stuck:
            return True
        if not _shed(data, clusters, rooms, stuck[0]):
            return False
    return False


def _cut(data: GroupingData, teams: list[int], rooms: int) -> list[list[int]] | None:
    """⌈people / max⌉ balanced groups (largest team to the emptiest), or None if out of bounds."""
    count = max(1, -(-_people(data, teams) // data.hi))
    if count > rooms:
        return None
    parts: list[list[int]] = [[] for _ in range(count)]
    for t in sorted(teams, key=lambda t: (-data.sizes[t], t)):
        min(parts, key=lambda p: _people(data, p)).append(t)
    if any(not data.lo <= _people(data, p) <= data.hi for p in parts):
        return None
    return parts


def _can_host(data: GroupingData, teams: list[int], rooms: int) -> bool:
    """Still growing (below the minimum) or cuttable into groups."""
    return _people(data, teams) < data.lo or _cut(data, teams, rooms) is not None


def _merge(data, clusters, rooms, v) -> bool:
    teams = clusters[v]
    hosts = [
        w for w, ts in clusters.items() if w != v and _can_host(data, ts + teams, int(rooms[w]))
    ]
    if not hosts:
        return False
    w = min(hosts, key=lambda w: (float(data.cost[teams, w].sum()), w))
    clusters[w] += clusters.pop(v)
    return True


def _pull(data, clusters, rooms, v) -> bool:
    donors = [
        (float(data.cost[t, v] - data.cost[t, w]), t, w)
        for w, ts in clusters.items()
        if w != v
        for t in ts
        if _cut(data, [u for u in ts if u != t], int(rooms[w])) is not None
    ]
    if not donors:
        return False
    _, t, w = min(donors)
    clusters[w].remove(t)
    clusters[v].append(t)
    return True


def _scatter(data, clusters, rooms, v) -> bool:
    """Every team of cluster ``v`` to the nearest other cluster with room, or nothing moves."""
    room = {w: data.hi * int(rooms[w]) - _people(data, ts) for w, ts in clusters.items() if w != v}
    moves = []
    for t in sorted(clusters[v], key=lambda t: (-data.sizes[t], t)):
        fits = [w for w in room if room[w] >= data.sizes[t]]
        if not fits:
            return False
        w = min(fits, key=lambda w: (float(data.cost[t, w]), w))
        room[w] -= data.sizes[t]
        moves.append((t, w))
    for t, w in moves:
        clusters[w].append(t)
    del clusters[v]
    return True


def _shed(data, clusters, rooms, v) -> bool:
    """The farthest team of cluster ``v`` to the nearest cluster with room, or a free venue."""
    t = max(clusters[v], key=lambda t: (float(data.cost[t, v]), t))
    fits = [
        w for w, ts in clusters.items() if w != v and _people(data, ts) + data.sizes[t] <= data.hi
    ]
    if not fits:
        fits = [w for w in range(data.n_venues) if w not in clusters and rooms[w] > 0]
    if not fits:
        return False
    w = min(fits, key=lambda w: (float(data.cost[t, w]), w))
    clusters[v].remove(t)
    clusters.setdefault(w, []).append(t)
    if not clusters[v]:
        del clusters[v]
    return True


def team_moves_greedy_plan(data: GroupingData) -> Plan | None:
    """Nearest venue per team, then groups repaired greedily; None if it gets stuck.

    Per kind (largest first): every team goes to its nearest venue with a free room; each
    venue's teams become ⌈people/max⌉ groups (as rooms allow). Then, until all sizes fit:
    a group above max sends its cheapest-to-move team to another group with space (or to a
    new group at the team's nearest free venue); a group below min pulls the cheapest team
    from a group that can spare it, or is dissolved into the nearest groups with space.
    """
    rooms = data.rooms.copy()
    plan: Plan = []
    for k in sorted(range(len(data.kinds)), key=lambda k: -data.people(k)):
        members = [int(t) for t in data.teams_of_kind[k]]
        groups = _nearest_groups(data, members, rooms)
        if not _repair(data, groups, rooms):
            return None
        plan.extend((v, teams) for v, teams in groups)
    return plan


def _nearest_groups(data: GroupingData, members: list[int], rooms: np.ndarray) -> list:
    clusters: dict[int, list[int]] = {}
    for t in members:
        cost = np.where(rooms > 0, data.cost[t], np.inf)
        clusters.setdefault(int(np.argmin(cost)), []).append(t)
    groups = []
    for v, teams in sorted(clusters.items()):
        count = int(min(rooms[v], max(1, -(-_people(data, teams) // data.hi))))
        rooms[v] -= count
        parts: list[list[int]] = [[] for _ in range(count)]
        for t in sorted(teams, key=lambda t: (-data.sizes[t], t)):
            min(parts, key=lambda p: _people(data, p)).append(t)
        groups.extend([v, p] for p in parts)
    return groups


def _repair(data: GroupingData, groups: list, rooms: np.ndarray) -> bool:
    for _ in range(20 * data.n_teams):
        loads = [_people(data, teams) for _, teams in groups]
        over = [i for i, load in enumerate(loads) if load > data.hi]
        under = [i for i, load in enumerate(loads) if load < data.lo]
        if over:
            _send_away(data, groups, rooms, over[0], loads)
        elif under:
            i = min(under, key=lambda i: (loads[i], i))
            if not _pull_in(data, groups, i, loads) and not _dissolve(data, groups, rooms, i):
                return False
        else:
            return True
    return False


def _move_cost(data, t, src_venue, dst_venue) -> float:
    return float(data.cost[t, dst_venue] - data.cost[t, src_venue])


def _send_away(data, groups, rooms, i, loads) -> None:
    v, teams = groups[i]
    options = [
        (_move_cost(data, t, v, w), t, j)
        for t in teams
        for j, (w, _) in enumerate(groups)
        if j != i and loads[j] + data.sizes[t] <= data.hi
    ]
    if options:
        _, t, j = min(options)
        teams.remove(t)
        groups[j][1].append(t)
        return
    t = min(teams, key=lambda t: (float(np.min(np.where(rooms > 0, data.cost[t], np.inf))), t))
    w = int(np.argmin(np.where(rooms > 0, data.cost[t], np.inf)))
    rooms[w] -= 1
    teams.remove(t)
    groups.append([w, [t]])


def _pull_in(data, groups, i, loads) -> bool:
    w = groups[i][0]
    options = [
        (_move_cost(data, t, v, w), t, j)
        for j, (v, teams) in enumerate(groups)
        if j != i
        for t in teams
        if loads[j] - data.sizes[t] >= data.lo and loads[i] + data.sizes[t] <= data.hi
    ]
    if not options or sum(loads) < data.lo * len(groups):
        return False
    _, t, j = min(options)
    groups[j][1].remove(t)
    groups[i][1].append(t)
    return True


def _dissolve(data, groups, rooms, i) -> bool:
    v, teams = groups.pop(i)
    if not groups:
        return False
    rooms[v] += 1
    for t in sorted(teams, key=lambda t: (-data.sizes[t], t)):
        loads = [_people(data, g) for _, g in groups]
        fits = [j for j in range(len(groups)) if loads[j] + data.sizes[t] <= data.hi]
        candidates = fits or range(len(groups))
        j = min(candidates, key=lambda j: (float(data.cost[t, groups[j][0]]), j))
        groups[j][1].append(t)
    return True


def _people(data: GroupingData, teams: list[int]) -> int:
    return int(data.sizes[teams].sum())
