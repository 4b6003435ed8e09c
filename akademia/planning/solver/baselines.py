"""Reference planners the benchmark compares against (not used by ``solve``).

* ``textbook_mip``: one binary per (team, potential group), potential groups tied to venues
  (``max_groups`` slots per venue), big-M kind choice, solved by HiGHS as is.
* ``greedy_plan``: each team to its nearest venue, then clusters repaired greedily to the
  size bounds (small clusters merged into the nearest other cluster, big ones split).
"""

from __future__ import annotations

import time

import numpy as np

from .data import GroupingData
from .grouping import INF, Model, plan_cost, run_highs


def textbook_mip(data: GroupingData, seconds: float, seed: int = 0) -> dict:
    """Objective (or None), HiGHS dual bound and status of the plain formulation."""
    t0 = time.monotonic()
    rules = data.problem.groups
    slots = [(v, r) for v in range(data.n_venues) for r in range(int(data.rooms[v]))]
    n_t, n_g, n_k = data.n_teams, len(slots), len(data.kinds)
    x = lambda t, g: t * n_g + g  # noqa: E731
    o = lambda g: n_t * n_g + g  # noqa: E731
    w = lambda g, k: n_t * n_g + n_g + g * n_k + k  # noqa: E731
    n_col = n_t * n_g + n_g + n_g * n_k
    cost = np.zeros(n_col)
    upper = np.ones(n_col)
    for g, (v, _) in enumerate(slots):
        cost[[x(t, g) for t in range(n_t)]] = np.nan_to_num(data.cost[:, v], posinf=1e9)
        cost[o(g)] = rules.fixed_cost
    rows = [(1.0, 1.0, {x(t, g): 1.0 for g in range(n_g)}) for t in range(n_t)]
    for g in range(n_g):
        sizes = {x(t, g): float(data.sizes[t]) for t in range(n_t)}
        rows.append((-INF, 0.0, sizes | {o(g): -float(data.hi)}))
        rows.append((0.0, INF, sizes | {o(g): -float(data.lo)}))
        if n_k > 1:
            rows.append((-INF, 0.0, {w(g, k): 1.0 for k in range(n_k)} | {o(g): -1.0}))
            for k in range(n_k):
                members = data.teams_of_kind[k]
                row = {x(int(t), g): 1.0 for t in members} | {w(g, k): -float(len(members))}
                rows.append((-INF, 0.0, row))
        _textbook_rules(data, rows, g, x)
    if rules.count is not None:
        rows.append((rules.count, rules.count, {o(g): 1.0 for g in range(n_g)}))
    model = Model(
        pairs=np.zeros((0, 2), dtype=int),
        yv=np.zeros(0, dtype=int),
        yk=np.zeros(0, dtype=int),
        cost=cost,
        lower=np.zeros(n_col),
        upper=upper,
        integer=np.ones(n_col, dtype=bool),
        rows=rows,
    )
    h, status = run_highs(model, True, seconds, seed)
    info = h.getInfo()
    has_solution = info.primal_solution_status >= 2
    opened = None
    if has_solution:
        values = h.getSolution().col_value
        opened = sum(1 for g in range(n_g) if values[o(g)] > 0.5)
    return {
        "objective": info.objective_function_value if has_solution else None,
        "groups": opened,
        "bound": info.mip_dual_bound,
        "status": status,
        "seconds": time.monotonic() - t0,
    }


def _textbook_rules(data: GroupingData, rows: list, g: int, x) -> None:
    rules = data.problem.groups
    n_t = data.n_teams
    if rules.min_manager_share > 0:
        coef = data.managers - rules.min_manager_share * data.sizes
        rows.append((0.0, INF, {x(t, g): float(coef[t]) for t in range(n_t)}))
    if rules.max_teams_per_county:
        counties: dict[str, list[int]] = {}
        for t in range(n_t):
            if data.county_of[t] is not None:
                counties.setdefault(data.county_of[t], []).append(t)
        for members in counties.values():
            if len(members) > rules.max_teams_per_county:
                rows.append(
                    (-INF, float(rules.max_teams_per_county), {x(t, g): 1.0 for t in members})
                )


def greedy_plan(data: GroupingData, seed: int = 0) -> list[tuple[int, list[int]]] | None:
    """Nearest venue per team, then groups repaired greedily; None if it gets stuck.

    Per kind (largest first): every team goes to its nearest venue with a free room; each
    venue's teams become ⌈people/max⌉ groups (as rooms allow). Then, until all sizes fit:
    a group above max sends its cheapest-to-move team to another group with space (or to a
    new group at the team's nearest free venue); a group below min pulls the cheapest team
    from a group that can spare it, or is dissolved into the nearest groups with space.
    ``seed`` is unused: the greedy is deterministic.
    """
    del seed
    rooms = data.rooms.copy()
    plan: list[tuple[int, list[int]]] = []
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


def greedy_result(data: GroupingData, seed: int = 0) -> dict:
    """Objective and number of groups of the greedy plan (None when it got stuck)."""
    groups = greedy_plan(data, seed)
    if groups is None:
        return {"objective": None, "groups": None, "plan": None}
    return {"objective": plan_cost(data, groups), "groups": len(groups), "plan": groups}
