"""Reference planners the benchmark compares against (not used by ``solve``).

* ``textbook_mip``: one binary per (team, potential group), potential groups tied to venues
  (``max_groups`` slots per venue), big-M kind choice, solved by HiGHS as is.
* the greedy plans are in ``greedy.py``.
"""

from __future__ import annotations

import time

import numpy as np

from .data import GroupingData
from .grouping import INF, Model, run_highs


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
