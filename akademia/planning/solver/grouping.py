"""Grouping: aggregated MIP (HiGHS) + per-venue split, with a valid lower bound.

Model (one block per kind when groups are homogeneous; the blocks share only the rooms):

* ``x[t,v]`` ∈ {0,1}: team t trains at venue v; ``y[v,k]`` ∈ ℤ: groups of kind k at venue v;
* ``Σ_v x[t,v] = 1``; ``min·y[v,k] ≤ Σ size·x ≤ max·y[v,k]``; ``Σ_k y[v,k] ≤ rooms(v)``;
* linking cuts ``x[t,v] ≤ y[v,k(t)]``, per-kind group count range, fixed total count;
* manager share ``Σ (managers − share·size)·x ≥ 0`` and county caps ``Σ_c x ≤ cap·y``
  aggregated per (venue, kind).

Every real plan maps to a feasible (x, y) with the same cost, so the model is a relaxation:
its dual bound is a valid lower bound. Groups are not indexed, hence no symmetry. The split
into concrete groups (``split.py``) enforces the per-group rules; a (venue, kind) team set
that cannot be split in any room-compatible number of groups is cut off and the MIP re-run.

Big instances keep only the nearest venues per team; the bound then comes from a Lagrangian
argument on the LP duals over all (team, venue) pairs, which keeps it valid (see docs).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import highspy
import numpy as np
import scipy.sparse as sp

from akademia.core.highs import silent_highs

from .data import GroupingData
from .heuristic import Plan, heuristic_plan
from .lns import ILS_SHARE, PrimalSearch, iterated_local_search, search_iterations
from .split import split_venue

FULL_PAIRS_LIMIT = 20_000
NEAREST_VENUES = 10
PRICING_ROUNDS = 4
PRICED_PER_TEAM = 4
MAX_CUT_ROUNDS = 6
#: the LP-restricted MIP (a plan from the LP's venues before the full MIP): node limit, the
#: relative gap it stops at, and at most this share of the time limit
RESTRICTED_NODES = 200
RESTRICTED_GAP = 0.01
RESTRICTED_SHARE = 0.25
#: the primal search joins the running MIP once it has explored this many nodes unproven
#: (a deterministic trigger: most planning problems are proven at the root, long before)
FIRST_MIP_NODES = 1000
#: …on models this small; the root of a bigger one may outlast the whole time limit, so there
#: the search runs before the MIP
FIRST_MIP_MAX_PAIRS = 5_000
#: not on instances larger than this (all of Poland): there the MIP needs all the time it gets
ILS_MAX_TEAMS = 1000
#: …nor when the MIP's plan is already within this gap of its bound
ILS_MIN_GAP = 0.02
INF = math.inf


@dataclass
class Model:
    """A MIP in CSR form plus the row bookkeeping the Lagrangian bound needs."""

    pairs: np.ndarray  # (n_x, 2) team, venue
    yv: np.ndarray  # venue of each y column
    yk: np.ndarray  # kind of each y column
    cost: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    integer: np.ndarray
    rows: list = field(default_factory=list)  # (lower, upper, {col: coef})
    assign_row: np.ndarray | None = None
    cap_hi_row: dict = field(default_factory=dict)
    cap_lo_row: dict = field(default_factory=dict)
    mgr_row: dict = field(default_factory=dict)
    county_row: dict = field(default_factory=dict)

    @property
    def n_x(self) -> int:
        return len(self.pairs)


@dataclass
class GroupingOutcome:
    groups: list[tuple[int, list[int]]]  # (venue, team indices)
    objective: float | None
    lower_bound: float
    proven: bool  # the MIP finished (optimal within tolerance)
    infeasible: bool = False
    stats: dict = field(default_factory=dict)


def candidate_pairs(data: GroupingData, plan: Plan | None) -> tuple[np.ndarray, bool]:
    """All allowed (team, venue) pairs, or the nearest ones (plus the heuristic's) if too many."""
    allowed = np.isfinite(data.cost) & (data.rooms > 0)[None, :]
    if allowed.sum() <= FULL_PAIRS_LIMIT:
        return np.argwhere(allowed), False
    keep = np.zeros_like(allowed)
    masked = np.where(allowed, data.cost, np.inf)
    nearest = np.argsort(masked, axis=1, kind="stable")[:, :NEAREST_VENUES]
    keep[np.arange(data.n_teams)[:, None], nearest] = True
    if plan is not None:
        for grp in plan.groups:
            keep[grp.members, grp.venue] = True
    keep &= allowed
    return np.argwhere(keep), True


def build_model(data: GroupingData, pairs: np.ndarray, cuts: list) -> Model:
    rules = data.problem.groups
    # every (venue, kind) gets its y column, even without kept pairs: the Lagrangian bound of
    # pruned models must see all columns of the full model (empty ones are forced to 0 below)
    kinds = sorted({int(k) for k in data.kind_of})
    used = [(v, k) for v in range(data.n_venues) if data.rooms[v] > 0 for k in kinds]
    yv = np.array([v for v, _ in used], dtype=int)
    yk = np.array([k for _, k in used], dtype=int)
    n_x = len(pairs)
    ycol = {vk: n_x + i for i, vk in enumerate(used)}
    m = Model(
        pairs=pairs,
        yv=yv,
        yk=yk,
        cost=np.concatenate(
            [data.cost[pairs[:, 0], pairs[:, 1]], np.full(len(used), rules.fixed_cost)]
        ),
        lower=np.zeros(n_x + len(used)),
        upper=np.concatenate([np.ones(n_x), data.rooms[yv].astype(float)]),
        integer=np.ones(n_x + len(used), dtype=bool),
    )
    _add_rows(m, data, ycol, cuts)
    return m


def _add_rows(m: Model, data: GroupingData, ycol: dict, cuts: list) -> None:
    rules = data.problem.groups
    by_team: dict[int, dict] = {}
    by_vk: dict[tuple, dict] = {vk: {} for vk in ycol}
    for j, (t, v) in enumerate(m.pairs):
        t, v = int(t), int(v)
        k = int(data.kind_of[t])
        by_team.setdefault(t, {})[j] = 1.0
        by_vk.setdefault((v, k), {})[j] = float(data.sizes[t])
        m.rows.append((-INF, 0.0, {j: 1.0, ycol[v, k]: -1.0}))  # linking cut x ≤ y
    m.assign_row = np.full(data.n_teams, -1)
    for t, coefs in by_team.items():
        m.assign_row[t] = len(m.rows)
        m.rows.append((1.0, 1.0, coefs))
    for (v, k), coefs in by_vk.items():
        y = ycol[v, k]
        m.cap_hi_row[v, k] = len(m.rows)
        m.rows.append((-INF, 0.0, coefs | {y: -float(data.hi)}))
        m.cap_lo_row[v, k] = len(m.rows)
        m.rows.append((0.0, INF, coefs | {y: -float(data.lo)}))
    _add_rule_rows(m, data, ycol, by_vk)
    venues_y: dict[int, dict] = {}
    for (v, _k), col in ycol.items():
        venues_y.setdefault(v, {})[col] = 1.0
    for v, coefs in venues_y.items():
        if len(coefs) > 1:
            m.rows.append((-INF, float(data.rooms[v]), coefs))
    for k in range(len(data.kinds)):
        low, high = data.group_count_range(k)
        coefs = {col: 1.0 for (v, kk), col in ycol.items() if kk == k}
        if coefs:
            m.rows.append((float(low), float(high), coefs))
    if rules.count is not None:
        m.rows.append((float(rules.count), float(rules.count), dict.fromkeys(ycol.values(), 1.0)))
    _add_cuts(m, data, cuts)


def _add_rule_rows(m: Model, data: GroupingData, ycol: dict, by_vk: dict) -> None:
    rules = data.problem.groups
    if rules.min_manager_share > 0:
        share = rules.min_manager_share
        for (v, k), coefs in by_vk.items():
            m.mgr_row[v, k] = len(m.rows)
            row = {}
            for j in coefs:
                t = int(m.pairs[j, 0])
                row[j] = float(data.managers[t]) - share * float(data.sizes[t])
            m.rows.append((0.0, INF, row))
    cap = rules.max_teams_per_county
    if not cap:
        return
    for k in range(len(data.kinds)):
        big = {c for c, n in data.county_counts(k).items() if n > cap}
        groups: dict[tuple, dict] = {}
        for j, (t, v) in enumerate(m.pairs):
            county = data.county_of[int(t)]
            if county in big and data.kind_of[int(t)] == k:
                groups.setdefault((county, int(v)), {})[j] = 1.0
        for (county, v), coefs in groups.items():
            m.county_row[county, v, k] = len(m.rows)
            m.rows.append((-INF, 0.0, coefs | {ycol[v, k]: -float(cap)}))


def _add_cuts(m: Model, data: GroupingData, cuts: list) -> None:
    """No-good cuts: the team set ``members`` at venue v (kind k) cannot be split at all."""
    col = {(int(t), int(v)): j for j, (t, v) in enumerate(m.pairs)}
    for v, k, members in cuts:
        inside = set(members)
        row = {}
        for t in data.teams_of_kind[k]:
            j = col.get((int(t), v))
            if j is not None:
                row[j] = 1.0 if int(t) in inside else -1.0
        m.rows.append((-INF, float(len(inside) - 1), row))


def _csc(m: Model) -> sp.csc_matrix:
    data, ri, ci = [], [], []
    for r, (_, _, coefs) in enumerate(m.rows):
        for c, a in coefs.items():
            ri.append(r)
            ci.append(c)
            data.append(a)
    return sp.csc_matrix((data, (ri, ci)), shape=(len(m.rows), len(m.cost)))


def run_highs(
    m: Model,
    integer: bool,
    seconds: float,
    seed: int,
    start=None,
    nodes=None,
    options=None,
    search=None,
):
    """Solve with HiGHS; returns (highs, status string). ``nodes`` caps the branch-and-bound
    nodes (a deterministic limit, unlike the time limit); ``search`` (a ``PrimalSearch``) is
    called back by the running MIP to hand it better plans."""
    a = _csc(m)
    lp = highspy.HighsLp()
    lp.num_col_ = len(m.cost)
    lp.num_row_ = len(m.rows)
    lp.col_cost_ = m.cost
    lp.col_lower_ = m.lower
    lp.col_upper_ = m.upper
    lp.row_lower_ = np.array([r[0] for r in m.rows])
    lp.row_upper_ = np.array([r[1] for r in m.rows])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr
    lp.a_matrix_.index_ = a.indices
    lp.a_matrix_.value_ = a.data
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * len(m.cost)
    h = silent_highs()
    h.setOptionValue("random_seed", int(seed) % 2_147_483_647)
    h.setOptionValue("time_limit", max(0.1, float(seconds)))
    h.setOptionValue("mip_rel_gap", 1e-6)
    if nodes is not None:
        h.setOptionValue("mip_max_nodes", int(nodes))
    for key, value in (options or {}).items():
        h.setOptionValue(key, value)
    # No "threads" option: HiGHS has one scheduler per process, and a Highs that asks for another
    # thread count than the first one (e.g. the recruitment optimiser's) refuses to run.
    h.passModel(lp)
    if start is not None:
        sol = highspy.HighsSolution()
        sol.col_value = list(start)
        sol.value_valid = True
        h.setSolution(sol)
    if search is not None:
        search.attach(h, m)
    h.run()
    if search is not None and search.error is not None:
        raise search.error
    return h, h.modelStatusToString(h.getModelStatus())


def lagrangian_bound(data: GroupingData, m: Model, row_dual: np.ndarray) -> tuple[float, float]:
    """(L, min reduced cost of the omitted pairs) for the LP over ALL pairs, from any duals.

    For any multipliers π with the right signs, c·x ≥ Σ_r min(π_r·l_r, π_r·u_r)
    + Σ_j min(rc_j·lb_j, rc_j·ub_j) for every x in the box satisfying the rows; omitted x
    columns lie in their own linking rows (π = 0 there) and in rows we know.
    """
    a = _csc(m)
    rl = np.array([r[0] for r in m.rows])
    ru = np.array([r[1] for r in m.rows])
    pi = np.asarray(row_dual, dtype=float).copy()
    pi[np.isinf(rl) & (pi > 0)] = 0.0
    pi[np.isinf(ru) & (pi < 0)] = 0.0
    row_term = np.where(
        pi > 0, pi * np.where(np.isinf(rl), 0, rl), pi * np.where(np.isinf(ru), 0, ru)
    )
    rc = m.cost - a.T @ pi
    col_term = np.minimum(rc * m.lower, rc * m.upper)
    omitted_rc = _omitted_reduced_costs(data, m, pi)
    bound = float(row_term.sum() + col_term.sum() + np.minimum(omitted_rc, 0).sum())
    min_rc = float(omitted_rc.min()) if omitted_rc.size else INF
    return bound, min_rc


def _omitted_mask(data: GroupingData, m: Model) -> np.ndarray:
    allowed = np.isfinite(data.cost) & (data.rooms > 0)[None, :]
    allowed[m.pairs[:, 0], m.pairs[:, 1]] = False
    return allowed


def _omitted_reduced_costs(data: GroupingData, m: Model, pi: np.ndarray) -> np.ndarray:
    rc = _omitted_rc_matrix(data, m, pi)
    return rc[_omitted_mask(data, m)]


def _omitted_rc_matrix(data: GroupingData, m: Model, pi: np.ndarray) -> np.ndarray:
    """Reduced cost of every (team, venue) pair as a dense array (meaningful where omitted)."""
    rules = data.problem.groups
    n_k = len(data.kinds)
    per_vk = np.zeros((data.n_venues, n_k))  # π of size-weighted rows
    mgr = np.zeros((data.n_venues, n_k))
    for (v, k), r in m.cap_hi_row.items():
        per_vk[v, k] += pi[r]
    for (v, k), r in m.cap_lo_row.items():
        per_vk[v, k] += pi[r]
    for (v, k), r in m.mgr_row.items():
        mgr[v, k] = pi[r]
    assign = np.where(m.assign_row >= 0, pi[np.maximum(m.assign_row, 0)], 0.0)
    kinds = data.kind_of
    rc = data.cost - assign[:, None] - data.sizes[:, None] * per_vk[:, kinds].T
    coef = data.managers - rules.min_manager_share * data.sizes
    rc = rc - coef[:, None] * mgr[:, kinds].T
    for (county, v, k), r in m.county_row.items():
        members = [t for t in data.teams_of_kind[k] if data.county_of[t] == county]
        rc[members, v] -= pi[r]
    return rc


def _lp_duals(m: Model, seconds: float, seed: int):
    h, status = run_highs(m, integer=False, seconds=seconds, seed=seed)
    if status != "Optimal":
        return None
    return np.array(h.getSolution().row_dual), h.getInfo().objective_function_value


def price_pairs(data, pairs, plan_cost, deadline, seed, stats):
    """Column generation on the LP: add omitted pairs whose reduced cost could matter.

    Returns the final pairs, the Lagrangian bound L and the minimum omitted reduced cost.
    """
    bound, min_rc = -INF, -INF
    for round_ in range(PRICING_ROUNDS):
        m = build_model(data, pairs, [])
        duals = _lp_duals(m, max(1.0, deadline - time.monotonic()), seed)
        if duals is None:  # keep the last bound: it stays valid for any superset of pairs
            break
        bound, min_rc = lagrangian_bound(data, m, duals[0])
        stats["pricing_rounds"] = round_ + 1
        threshold = (plan_cost - bound) if plan_cost is not None else 0.0
        if min_rc >= threshold or time.monotonic() > deadline:
            break
        rc = np.where(_omitted_mask(data, m), _omitted_rc_matrix(data, m, duals[0]), np.inf)
        best = np.argsort(rc, axis=1, kind="stable")[:, :PRICED_PER_TEAM]
        rows = np.arange(data.n_teams)[:, None].repeat(best.shape[1], axis=1)
        chosen = rc[rows, best] < threshold
        extra = np.stack([rows[chosen], best[chosen]], axis=1)
        pairs = np.unique(np.concatenate([pairs, extra]), axis=0)
    return pairs, bound, min_rc


def _start_vector(m: Model, data: GroupingData, groups):
    """MIP start for a plan given as [(venue, members)], or None (no plan / a pair missing)."""
    if not groups:
        return None
    col = {(int(t), int(v)): j for j, (t, v) in enumerate(m.pairs)}
    ycol = {(int(v), int(k)): m.n_x + i for i, (v, k) in enumerate(zip(m.yv, m.yk, strict=False))}
    start = np.zeros(len(m.cost))
    for venue, members in groups:
        for t in members:
            if (int(t), int(venue)) not in col:
                return None
            start[col[int(t), int(venue)]] = 1.0
        start[ycol[int(venue), int(data.kind_of[members[0]])]] += 1.0
    return start


def _read_solution(m: Model, values) -> tuple[dict, dict]:
    values = np.asarray(values)
    at: dict[tuple, list[int]] = {}
    for j in np.flatnonzero(values[: m.n_x] > 0.5):
        t, v = int(m.pairs[j, 0]), int(m.pairs[j, 1])
        at.setdefault(v, []).append(t)
    counts = {
        (int(v), int(k)): int(round(values[m.n_x + i]))
        for i, (v, k) in enumerate(zip(m.yv, m.yk, strict=False))
        if values[m.n_x + i] > 0.5
    }
    return at, counts


def split_all(data: GroupingData, at: dict, counts: dict, seed: int, deadline: float):
    """Concrete groups for a MIP solution, or (None, cut) naming an unsplittable team set."""
    groups = []
    for (v, k), y in sorted(counts.items()):
        members = [t for t in at.get(v, []) if data.kind_of[t] == k]
        budget = max(0.2, min(5.0, (deadline - time.monotonic()) / 4))
        parts = split_venue(data, members, y, seed, budget)
        if parts is None:
            other = sum(c for (vv, kk), c in counts.items() if vv == v and kk != k)
            parts = _split_other_count(data, members, int(data.rooms[v]) - other, y, seed, budget)
        if parts is None:
            return None, (v, k, members)
        groups.extend((v, p) for p in parts)
    return groups, None


def _split_other_count(data, members, rooms_free, tried, seed, budget):
    people = int(data.sizes[members].sum())
    for y in range(max(1, -(-people // data.hi)), min(rooms_free, people // data.lo) + 1):
        if y != tried:
            parts = split_venue(data, members, y, seed, budget)
            if parts is not None:
                return parts
    return None


def plan_cost(data: GroupingData, groups: list[tuple[int, list[int]]]) -> float:
    travel = sum(float(data.cost[members, v].sum()) for v, members in groups)
    return travel + data.problem.groups.fixed_cost * len(groups)


def trivial_bound(data: GroupingData) -> float:
    """Every team pays at least its cheapest venue; every kind needs its minimum of groups."""
    usable = np.where((data.rooms > 0)[None, :], data.cost, np.inf)
    groups = sum(data.group_count_range(k)[0] for k in range(len(data.kinds)))
    return float(usable.min(axis=1).sum()) + data.problem.groups.fixed_cost * groups


def _mip_rounds(data, pairs, cuts, start_groups, deadline, seed, stats, search=None):
    """MIP → split (→ no-good cut → MIP …) until a split succeeds or time runs out.

    Every round starts from the best real plan known (real plans satisfy every no-good cut);
    ``search`` joins the first round it is not done with. Returns (groups, cost, bound,
    proven, infeasible); ``cuts`` is extended in place.
    """
    groups_found, cost_found, bound, proven, infeasible = None, None, -INF, False, False
    for _ in range(MAX_CUT_ROUNDS):
        m = build_model(data, pairs, cuts)
        if search is not None and search.best is not None:
            start_groups = search.best
        joining = search if search is not None and not search.done else None
        start = _start_vector(m, data, start_groups)
        h, status = run_highs(
            m, True, max(0.2, deadline - time.monotonic()), seed, start, search=joining
        )
        info = h.getInfo()
        stats["mip_status"] = status
        stats["mip_nodes"] = stats.get("mip_nodes", 0) + int(info.mip_node_count)
        if status == "Infeasible":
            infeasible = True
            break
        if np.isfinite(info.mip_dual_bound):
            bound = max(bound, info.mip_dual_bound)
        if h.getSolution().value_valid and info.primal_solution_status >= 2:
            at, counts = _read_solution(m, h.getSolution().col_value)
            groups, cut = split_all(data, at, counts, seed, deadline)
            if groups is not None:
                groups_found, cost_found = groups, plan_cost(data, groups)
                proven = status == "Optimal"
                break
            cuts.append(cut)
            stats["cuts"] = len(cuts)
        if time.monotonic() > deadline:
            break
    return groups_found, cost_found, bound, proven, infeasible


def lp_restricted_plan(data: GroupingData, pairs, start, seed: int, deadline: float, stats):
    """A plan from the MIP restricted to the (venue, kind) columns the LP relaxation opens
    (plus those of ``start``), or None: a cheap primal step before the full MIP.

    On the planning problems the LP opens few venues and its support holds a plan within a
    fraction of a per cent of the optimum (RENS-like); the full MIP's own root heuristics find
    it only after its cut rounds, which may outlast a short time limit. Only plans come from
    here, never a bound (the restricted model is no relaxation)."""
    m = build_model(data, pairs, [])
    h, status = run_highs(m, False, max(0.1, deadline - time.monotonic()), seed)
    if status != "Optimal":
        return None
    values = np.asarray(h.getSolution().col_value)
    kinds = data.kind_of
    keep = {
        (int(v), int(k)) for v, k, y in zip(m.yv, m.yk, values[m.n_x :], strict=True) if y > 1e-6
    }
    keep |= {(int(v), int(kinds[members[0]])) for v, members in start or []}
    pair_kind = kinds[m.pairs[:, 0]]
    open_x = np.array(
        [(int(v), int(k)) in keep for v, k in zip(m.pairs[:, 1], pair_kind, strict=True)]
    )
    open_y = np.array([(int(v), int(k)) in keep for v, k in zip(m.yv, m.yk, strict=True)])
    m.upper = np.where(np.concatenate([open_x, open_y]), m.upper, 0.0)
    h, status = run_highs(
        m,
        True,
        max(0.1, deadline - time.monotonic()),
        seed,
        _start_vector(m, data, start),
        nodes=RESTRICTED_NODES,
        options={"mip_rel_gap": RESTRICTED_GAP},
    )
    stats["restricted_columns"] = len(keep)
    if not (h.getSolution().value_valid and h.getInfo().primal_solution_status >= 2):
        return None
    at, counts = _read_solution(m, h.getSolution().col_value)
    groups, _ = split_all(data, at, counts, seed, deadline)
    return groups


def _with_pairs_of(pairs: np.ndarray, groups) -> np.ndarray:
    """``pairs`` plus the (team, venue) pairs a plan uses. The bound stays valid: the pricing's
    minimum reduced cost over the omitted pairs can only rise when fewer pairs are omitted."""
    extra = np.array([(t, v) for v, members in groups for t in members], dtype=int)
    return np.unique(np.concatenate([pairs, extra.reshape(-1, 2)]), axis=0)


def solve_grouping(data: GroupingData, seconds: float, seed: int) -> GroupingOutcome:
    """Heuristic start → (pricing) → one MIP, joined by the primal search when it stalls.

    The MIP splits its solution into groups (with cuts and a new round when a split is
    impossible). The iterated local search (``lns.py``) runs inside the MIP once it has
    explored ``FIRST_MIP_NODES`` nodes unproven and hands it its plan; on models too big for
    the MIP's root it runs before the MIP instead. The bound is the MIP's dual bound (plus the
    Lagrangian argument with pruned pairs); the search only improves the plan.
    """
    t0 = time.monotonic()
    deadline = t0 + seconds
    plan = heuristic_plan(data, seed, deadline=t0 + 0.25 * seconds)
    heur = [(g.venue, list(g.members)) for g in plan.groups] if plan else None
    stats = {
        "heuristic_objective": plan_cost(data, heur) if heur else None,
        "heuristic_seconds": round(time.monotonic() - t0, 3),
        "primal_search": False,
    }
    pairs, pruned = candidate_pairs(data, plan)
    stats["pairs"] = int(len(pairs))
    lag, min_rc = -INF, INF
    if pruned:
        pairs, lag, min_rc = price_pairs(
            data, pairs, stats["heuristic_objective"], t0 + 0.5 * seconds, seed, stats
        )
        stats["pairs_after_pricing"] = int(len(pairs))
    best, best_cost = heur, stats["heuristic_objective"]
    small = len(pairs) <= FIRST_MIP_MAX_PAIRS
    if small:  # on a bigger model the LP alone is costly and the search comes first
        restricted = lp_restricted_plan(
            data, pairs, best, seed, time.monotonic() + RESTRICTED_SHARE * seconds, stats
        )
        if restricted is not None:
            stats["restricted_objective"] = plan_cost(data, restricted)
            if best_cost is None or stats["restricted_objective"] < best_cost:
                best, best_cost = restricted, stats["restricted_objective"]
        stats["restricted_seconds"] = round(time.monotonic() - t0, 3)
    search = None
    if data.n_teams <= ILS_MAX_TEAMS and not small and best is not None:
        # the root of a big model may outlast the time limit: the search runs first
        stats["primal_search"] = True
        best = iterated_local_search(
            data,
            best,
            seed,
            t0 + ILS_SHARE * seconds,
            search_iterations(seconds, data.n_teams),
            stats,
        )
        best_cost = plan_cost(data, best)
        stats["ils_seconds"] = round(time.monotonic() - t0, 3)
        if pruned:
            pairs = _with_pairs_of(pairs, best)
    elif data.n_teams <= ILS_MAX_TEAMS:
        search = PrimalSearch(data, best, seed, (t0, deadline, seconds), FIRST_MIP_NODES, stats)
    found, cost, bound, proven, infeasible = _mip_rounds(
        data, pairs, [], best, deadline, seed, stats, search
    )
    if search is not None and search.best is not None:
        searched = plan_cost(data, search.best)
        if best_cost is None or searched < best_cost:
            best, best_cost = search.best, searched
    if found is not None and (best_cost is None or cost < best_cost):
        best, best_cost = found, cost
    if infeasible:
        # with pruned pairs, infeasibility of the restricted model proves nothing
        bound, proven = (INF, not pruned) if best is None else (bound, False)
    if pruned and np.isfinite(bound):
        bound = max(lag, min(bound, lag + max(0.0, min_rc)))
    elif pruned:
        bound = lag
    bound = max(bound, trivial_bound(data))
    stats["mip_seconds"] = round(time.monotonic() - t0, 3)
    if best is None:
        return GroupingOutcome([], None, bound, proven, infeasible=True, stats=stats)
    return GroupingOutcome(best, best_cost, min(bound, best_cost), proven, stats=stats)
