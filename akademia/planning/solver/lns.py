"""Primal side for when the MIP cannot close: iterated local search with exact reassignment.

The MIP's LP bound is weak on tightly capacitated instances (e.g. the capacitated p-median
benchmarks, ``bench/pmedcap.py``) and HiGHS may then stop far from the optimum. This search
gives it a much better start:

* **kick** — one group (seeded choice) moves to one of the venues nearest a team that travels
  far (chosen with probability proportional to what it pays), taking the teams nearest the
  new venue with it where sizes and the per-group rules allow: "close a group here, open one
  there", the swap move of p-median heuristics;
* **local search** — the heuristic's own moves (``heuristic.improve``: move a team, swap two,
  move a group to a cheaper free venue) until none helps;
* **exact reassignment** — whenever that yields a new best plan, all teams (of a plan up to
  ``FULL_POLISH_PAIRS`` team × venue pairs; else those of the groups the kick touched) are
  reassigned optimally to its venues by the planner's own MIP + split on that sub-problem (a
  generalised assignment problem; Fleszar & Hindi 2008 solve the same subproblem exactly),
  which packs tight capacities better than single moves can.

Acceptance is by threshold: a plan up to ``THRESHOLD`` worse than the current one becomes the
current one, a margin that shrinks to zero over the iterations; the best plan is kept apart.
With tight capacities the local optima lie in basins several venues apart, and only a margin
of a few per cent lets the search climb out of one (pmedcap1-20, 2000 iterations, seeds
0–15: within 1 % of the optimum in 16 of 16 runs at 3 %, in 15 at 2 % and in 11 at 1 %).
The number of iterations is fixed (``search_iterations``), the sub-MIPs are node-limited, the
random choices come from ``random.Random(seed)``: the search is deterministic for a seed, the
wall clock is only a safety net. It only produces plans; the lower bound comes from the
MIP/LP of the full problem alone (``grouping.py``).
"""

from __future__ import annotations

import random
import time
from dataclasses import replace

import numpy as np

from .data import GroupingData
from .heuristic import HGroup, Plan, improve

#: iterations of the search per second of the grouping's time limit (a deterministic budget)
#: for plans of up to ``ILS_TEAMS`` teams; a bigger plan gets (ILS_TEAMS / teams)² of it
ILS_PER_SECOND = 100
ILS_TEAMS = 100
#: the search gets at most this share of the time left when it starts
ILS_SHARE = 0.6
#: branch-and-bound nodes per exact reassignment (deterministic limit) and a wall-clock guard
SUB_NODES = 2000
SUB_SECONDS = 5.0
EPS = 1e-7
#: a kick moves a group to one of the venues nearest a far-travelling team
KICK_VENUES = 8
#: threshold accepting: at first a plan up to this much worse than the current one is accepted
THRESHOLD = 0.03
#: iterations without a new best plan after which every kick moves two groups
STALL = 50
#: a plan after the local search up to this much worse than the best gets the exact reassignment
POLISH_MARGIN = 0.0
#: after a kick, the local search tries the teams of this many groups nearest the moved one
NEAR_GROUPS = 4
#: the exact reassignment of a new best plan covers the whole plan (every team, the plan's
#: venues) up to this many team × venue pairs; a bigger plan reassigns the touched groups only
FULL_POLISH_PAIRS = 4_000


def search_iterations(seconds: float, n_teams: int) -> int:
    """The search's budget: a number of iterations, so that a seed gives one result.

    An iteration costs more on a bigger plan (4 ms at 100 teams, 13 ms at 200, 16 ms at 300
    on the capacitated p-median instances), so bigger plans get fewer: at 20 s, 2000
    iterations take about 9 s at 100 teams, 500 about 7 s at 200 and 222 about 4 s at 300,
    well inside the wall clock's guard (``ILS_SHARE``), which is only a safety net."""
    scale = min(1.0, (ILS_TEAMS / max(1, n_teams)) ** 2)
    return max(1, int(ILS_PER_SECOND * seconds * scale))


def sub_data(data: GroupingData, teams: np.ndarray, venues: np.ndarray, rooms, count):
    """A GroupingData for ``teams`` × ``venues`` with ``rooms`` free and the same rules."""
    rules = data.problem.groups
    problem = replace(
        data.problem,
        groups=replace(rules, count=count if rules.count is not None else None),
    )
    return GroupingData(
        problem=problem,
        sizes=data.sizes[teams],
        managers=data.managers[teams],
        kind_of=data.kind_of[teams],
        kinds=data.kinds,
        county_of=[data.county_of[t] for t in teams],
        cost=data.cost[np.ix_(teams, venues)],
        rooms=np.asarray(rooms, dtype=int),
    )


def _cost(data: GroupingData, groups) -> float:
    travel = sum(float(data.cost[members, v].sum()) for v, members in groups)
    return travel + data.problem.groups.fixed_cost * len(groups)


def exact_assignment(data: GroupingData, groups, seed: int, deadline: float):
    """The teams of ``groups`` reassigned optimally to the same venues (as many groups at
    each as now), by the planner's own MIP + split on that sub-problem; None if not cheaper
    or not solved within ``SUB_NODES`` nodes."""
    from .grouping import build_model, run_highs, split_all  # circular at import time

    teams = np.array(sorted(t for _, members in groups for t in members), dtype=int)
    venues = np.array(sorted({v for v, _ in groups}), dtype=int)
    rooms = np.array([sum(v == u for u, _ in groups) for v in venues])
    sub = sub_data(data, teams, venues, rooms, len(groups))
    m = build_model(sub, np.argwhere(np.isfinite(sub.cost)), [])
    start = _start(m, sub, teams, venues, groups)
    old_cost = _cost(data, groups)
    cutoff = old_cost - EPS * max(1.0, abs(old_cost))
    seconds = max(0.1, min(SUB_SECONDS, deadline - time.monotonic()))
    h, _ = run_highs(
        m, True, seconds, seed, start, nodes=SUB_NODES, options={"objective_bound": cutoff}
    )
    if not (h.getSolution().value_valid and h.getInfo().primal_solution_status >= 2):
        return None
    values = np.asarray(h.getSolution().col_value)
    at: dict[int, list[int]] = {}
    for j in np.flatnonzero(values[: m.n_x] > 0.5):
        at.setdefault(int(m.pairs[j, 1]), []).append(int(m.pairs[j, 0]))
    counts = {
        (int(v), int(k)): int(round(values[m.n_x + i]))
        for i, (v, k) in enumerate(zip(m.yv, m.yk, strict=True))
        if values[m.n_x + i] > 0.5
    }
    parts, _ = split_all(sub, at, counts, seed, deadline)
    if parts is None:
        return None
    new = [(int(venues[v]), [int(teams[t]) for t in members]) for v, members in parts]
    return new if _cost(data, new) < cutoff else None


def _start(m, sub: GroupingData, teams, venues, old) -> np.ndarray | None:
    t_index = {int(t): i for i, t in enumerate(teams)}
    v_index = {int(v): i for i, v in enumerate(venues)}
    col = {(int(t), int(v)): j for j, (t, v) in enumerate(m.pairs)}
    ycol = {(int(v), int(k)): m.n_x + i for i, (v, k) in enumerate(zip(m.yv, m.yk, strict=True))}
    start = np.zeros(len(m.cost))
    for v, members in old:
        vv = v_index[v]
        for t in members:
            j = col.get((t_index[t], vv))
            if j is None:
                return None
            start[j] = 1.0
        start[ycol[vv, int(sub.kind_of[t_index[members[0]]])]] += 1.0
    return start


def plan_valid(data: GroupingData, groups) -> bool:
    """Every per-group rule, kinds and rooms included (the search's own final check)."""
    plan = _to_plan(data, groups)
    if (plan.rooms_left < 0).any() or not plan.feasible():
        return False
    return all(len({int(data.kind_of[t]) for t in g.members}) == 1 for g in plan.groups)


def _to_plan(data: GroupingData, groups) -> Plan:
    plan = Plan(data)
    for v, members in groups:
        g = plan.open(int(v), int(data.kind_of[members[0]]))
        for t in members:
            plan.add(g, int(t))
    return plan


def _clone(plan: Plan) -> Plan:
    copy = Plan(plan.data)
    copy.rooms_left = plan.rooms_left.copy()
    copy.groups = [HGroup(g.venue, g.kind, list(g.members), g.load) for g in plan.groups]
    return copy


def _kick(plan: Plan, rng: random.Random) -> set | None:
    """Close one group and open one of its kind elsewhere, near teams that travel far.

    Returns the groups the local search should work on next (None: no kick possible): the
    moved group, the groups it took teams from and the groups nearest its old and new place."""
    d = plan.data
    g = rng.randrange(len(plan.groups))
    grp = plan.groups[g]
    kind = grp.kind
    same = [h for h, other in enumerate(plan.groups) if other.kind == kind]
    where = {t: h for h in same for t in plan.groups[h].members}
    teams = list(where)
    paid = np.array([d.cost[t, plan.groups[where[t]].venue] for t in teams])
    weights = np.nan_to_num(paid, posinf=0.0) + 1e-9
    anchor = teams[_weighted(rng, weights)]
    free = plan.rooms_left.copy()
    free[grp.venue] += 1
    ranked = [
        int(v)
        for v in np.argsort(d.cost[anchor], kind="stable")[:KICK_VENUES]
        if free[v] > 0 and np.isfinite(d.cost[anchor, v]) and v != grp.venue
    ]
    if not ranked:
        return None
    v = rng.choice(ranked)
    former = list(grp.members)
    plan.rooms_left[grp.venue] += 1
    plan.rooms_left[v] -= 1
    grp.venue = v
    # the group keeps its teams for now; the teams nearest to v are pulled in below
    touched = {g}
    members_near = sorted(teams, key=lambda t: (d.cost[t, v], t))[: 2 * len(grp.members) + 2]
    for t in members_near:
        src = where[t]
        if src == g or d.cost[t, v] >= d.cost[t, plan.groups[src].venue]:
            continue
        if plan.groups[src].load - d.sizes[t] < d.lo or grp.load + d.sizes[t] > d.hi:
            continue
        if plan.soft_valid(grp.members + [t]) and plan.soft_valid(
            [u for u in plan.groups[src].members if u != t]
        ):
            plan.remove(src, t)
            plan.add(g, t)
            where[t] = g
            touched.add(src)
    for around in (former, grp.members):  # groups near the old and the new place
        near = sorted(same, key=lambda h: (_pull(d, around, plan.groups[h].venue), h))
        touched.update(near[:NEAR_GROUPS])
    return touched


def _pull(d: GroupingData, teams: list[int], venue: int) -> float:
    return float(np.nan_to_num(d.cost[teams, venue], posinf=1e12).sum())


def _weighted(rng: random.Random, weights: np.ndarray) -> int:
    r = rng.random() * float(weights.sum())
    return int(min(np.searchsorted(np.cumsum(weights), r), len(weights) - 1))


def _polish(data: GroupingData, plan: Plan, cost: float, groups: set, seed: int, deadline):
    """Exact reassignment of the teams of ``groups`` to those groups' venues (a sub-MIP)."""
    chosen = sorted(h for h in groups if plan.groups[h].members)
    raw = [(plan.groups[h].venue, list(plan.groups[h].members)) for h in chosen]
    new = exact_assignment(data, raw, seed, deadline)
    if new is None:
        return plan, cost
    # rebuilt from scratch: the sub-MIP may change the kinds at a venue or (without a fixed
    # count) the number of groups, so the old group objects must not be reused
    others = [
        (grp.venue, list(grp.members))
        for h, grp in enumerate(plan.groups)
        if h not in chosen and grp.members
    ]
    polished = _to_plan(data, others + new)
    if polished.feasible() and polished.cost() < cost:
        return polished, polished.cost()
    return plan, cost


def _polish_scope(plan: Plan, touched: set) -> set:
    """The groups a new best plan is reassigned over: all of them when the sub-MIP stays small.

    A kick changes one or two venues, but with tight capacities the teams it displaces push
    others along a chain that may end anywhere in the plan; only the reassignment of the whole
    plan (a generalised assignment problem over its venues) sees such chains. On pmedcap1-20
    (n = 100, p = 10, 1 000 pairs) the search alone, 500 iterations, ended at 1031 / 1024 /
    1008 for seeds 0 / 1 / 2 with the touched groups and at 1013 / 1013 / 1013 with the whole
    plan (seed 3: 1033), in about the same processor time. One whole-plan sub-MIP took
    0.02–0.8 s up to 3 000 pairs (pmedcap1, SJC1, SJC2) and 0.4 s at 7 500 (SJC3a, n = 300),
    where it halved the iterations the wall guard let through under load: bigger plans keep
    the touched groups.
    The scope depends on sizes only, so a seed still gives one result."""
    venues = {g.venue for g in plan.groups if g.members}
    teams = sum(len(g.members) for g in plan.groups)
    return set(range(len(plan.groups))) if teams * len(venues) <= FULL_POLISH_PAIRS else touched


def iterated_local_search(
    data: GroupingData,
    groups: list[tuple[int, list[int]]],
    seed: int,
    deadline: float,
    iterations: int = 300,
    stats: dict | None = None,
) -> list[tuple[int, list[int]]]:
    """Kick (move a group, pull the teams nearest its new venue) + local search; keep the best."""
    rng = random.Random(seed)
    best = _to_plan(data, groups)
    improve(best, rng, None)
    best_cost = best.cost()
    current, current_cost = best, best_cost
    done = accepted = last_best = 0
    for i in range(iterations):
        if time.monotonic() >= deadline:
            break
        done += 1
        cand = _clone(current)
        touched = _kick(cand, rng)
        if touched is None:
            continue
        if i - last_best >= STALL:  # stuck: a second kick before the local search
            touched |= _kick(cand, rng) or set()
        improve(cand, rng, None, {t for h in touched for t in cand.groups[h].members})
        cost = cand.cost()
        if not cand.feasible():
            continue
        if cost < best_cost * (1 + POLISH_MARGIN) - EPS * max(1.0, best_cost):
            # close to the best: the exact reassignment may pack it below (tight capacities
            # are where single moves fall short)
            cand, cost = _polish(data, cand, cost, _polish_scope(cand, touched), seed, deadline)
        # threshold accepting: a slightly worse plan may become the current one, by a margin
        # that shrinks to zero over the iterations; the best plan is kept apart
        threshold = THRESHOLD * (1 - i / iterations)
        if cost > current_cost * (1 + threshold) + EPS:
            continue
        if cost < best_cost - EPS * max(1.0, best_cost):
            best, best_cost = cand, cost
            accepted += 1
            last_best = i
        current, current_cost = cand, cost
    result = [(g.venue, sorted(g.members)) for g in best.groups if g.members]
    if not plan_valid(data, result):  # never expected; a broken plan must not leave the search
        result = [(int(v), sorted(int(t) for t in members)) for v, members in groups]
    if stats is not None:
        stats.update(
            ils_iterations=done,
            ils_improvements=accepted,
            ils_last_improvement=last_best,
            ils_objective=best_cost,
        )
    return result


class PrimalSearch:
    """The iterated local search run once inside the running MIP, its plan handed to that MIP.

    A HiGHS callback: each time the MIP asks for a user solution (after presolve, during the
    root, before every dive) and it has explored ``after_nodes`` nodes without closing within
    ``ILS_MIN_GAP``, the search starts from the better of the start plan and the MIP's
    incumbent (split into groups), and its plan becomes the MIP's incumbent. The MIP keeps its
    tree, cuts and bound instead of restarting from the search's plan. The trigger is a node
    count and the search has a fixed number of iterations, so a seed still gives one result.
    """

    def __init__(self, data: GroupingData, start, seed: int, times, after_nodes: int, stats):
        self.data, self.best, self.seed, self.stats = data, start, seed, stats
        self.t0, self.deadline, seconds = times  # (start, deadline, time limit) of the grouping
        self.iterations = search_iterations(seconds, data.n_teams)
        self.after_nodes = after_nodes
        self.done = False
        self.error: Exception | None = None
        self.incumbent: np.ndarray | None = None
        self.model = None

    def attach(self, highs, model) -> None:
        from highspy import cb

        self.model = model
        highs.setCallback(self._callback, None)
        highs.startCallback(cb.HighsCallbackType.kCallbackMipImprovingSolution)
        highs.startCallback(cb.HighsCallbackType.kCallbackMipUserSolution)

    def _callback(self, kind, message, out, into, user_data) -> None:
        from highspy import cb

        try:
            if kind == cb.HighsCallbackType.kCallbackMipImprovingSolution:
                self.incumbent = np.array(out.mip_solution, dtype=float)
            elif (
                kind == cb.HighsCallbackType.kCallbackMipUserSolution
                and not self.done
                and out.mip_node_count >= self.after_nodes
            ):
                self._run(out, into)
        except Exception as error:  # raised again by run_highs once HiGHS has returned
            self.done, self.error = True, error
            if into is not None:
                into.user_interrupt = True

    def _run(self, out, into) -> None:
        from .grouping import ILS_MIN_GAP, _start_vector, plan_cost

        primal, dual = out.mip_primal_bound, out.mip_dual_bound
        if np.isfinite(primal) and primal - dual <= ILS_MIN_GAP * abs(primal):
            # the plan is close to the bound: what is missing is the bound, the MIP's work
            self.done = True
            return
        start = self._start_plan()
        if start is None:  # no plan yet: try again at the next call
            return
        self.done = True
        self.stats["primal_search"] = True
        now = time.monotonic()
        found = iterated_local_search(
            self.data,
            start,
            self.seed,
            now + ILS_SHARE * max(0.0, self.deadline - now),
            self.iterations,
            stats=self.stats,
        )
        self.best = found
        self.stats["ils_seconds"] = round(time.monotonic() - self.t0, 3)
        cost = plan_cost(self.data, found)
        vector = _start_vector(self.model, self.data, found)
        if vector is not None and cost < primal - EPS * max(1.0, abs(cost)):
            into.setSolution(vector)

    def _start_plan(self):
        """The better of the start plan and the MIP's incumbent split into groups."""
        from .grouping import _read_solution, plan_cost, split_all

        plans = [self.best] if self.best is not None else []
        if self.incumbent is not None:
            at, counts = _read_solution(self.model, self.incumbent)
            groups, _ = split_all(self.data, at, counts, self.seed, self.deadline)
            if groups is not None:
                plans.append(groups)
        return min(plans, key=lambda plan: plan_cost(self.data, plan), default=None)
