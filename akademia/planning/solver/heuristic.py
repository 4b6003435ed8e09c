"""Greedy construction + local search for the grouping; gives the MIP a good start.

Construction, per kind: choose venues by greedy k-median, assign teams by regret to the
cheapest group with room, then repair groups below the minimum size. Local search: move one
team, swap two teams, move a whole group to a better free venue. County caps and the manager
share are respected by every move; a construction that cannot satisfy them returns None and
the MIP starts cold.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

import numpy as np

from .data import GroupingData

NEAR_VENUES = 12
#: group counts per kind whose construction is tried and ranked by cost
COUNTS_TRIED = 5
EPS = 1e-9


@dataclass
class HGroup:
    venue: int
    kind: int
    members: list[int] = field(default_factory=list)
    load: int = 0


class Plan:
    """Mutable grouping state with cheap feasibility tests for the local search moves."""

    def __init__(self, data: GroupingData):
        self.data = data
        self.groups: list[HGroup] = []
        self.rooms_left = data.rooms.copy()
        rules = data.problem.groups
        self.cap = rules.max_teams_per_county
        self.share = rules.min_manager_share

    def open(self, venue: int, kind: int) -> int:
        self.rooms_left[venue] -= 1
        self.groups.append(HGroup(venue, kind))
        return len(self.groups) - 1

    def add(self, g: int, t: int) -> None:
        self.groups[g].members.append(t)
        self.groups[g].load += int(self.data.sizes[t])

    def remove(self, g: int, t: int) -> None:
        self.groups[g].members.remove(t)
        self.groups[g].load -= int(self.data.sizes[t])

    def valid(self, members: list[int]) -> bool:
        """All per-group rules for a member list."""
        d = self.data
        load = int(d.sizes[members].sum())
        if not d.lo <= load <= d.hi:
            return False
        return self.soft_valid(members)

    def soft_valid(self, members: list[int]) -> bool:
        """County cap and manager share only (the rules besides the size bounds)."""
        d = self.data
        if self.cap:
            counties = [d.county_of[t] for t in members if d.county_of[t] is not None]
            if counties and max(counties.count(c) for c in set(counties)) > self.cap:
                return False
        share_needed = self.share * d.sizes[members].sum() - EPS
        return self.share <= 0 or d.managers[members].sum() >= share_needed

    def cost(self) -> float:
        d = self.data
        travel = sum(float(d.cost[g.members, g.venue].sum()) for g in self.groups)
        return travel + d.problem.groups.fixed_cost * len(self.groups)

    def feasible(self) -> bool:
        return all(self.valid(g.members) for g in self.groups)


def heuristic_plan(data: GroupingData, seed: int = 0, deadline: float | None = None):
    """A feasible Plan or None. Deterministic for a given seed."""
    rng = random.Random(seed)
    counts = _group_counts(data)
    if counts is None:
        return None
    plan = Plan(data)
    order = sorted(range(len(data.kinds)), key=lambda k: -data.people(k))
    fixed = data.problem.groups.count is not None
    for k in order:
        high = counts[k] if fixed else data.group_count_range(k)[1]
        tried = range(counts[k], high + 1)
        if counts[k] and not any(
            _construct_kind(plan, k, c) or _drop_kind(plan, k)
            for c in _cheapest_counts(plan, k, tried)
        ):
            return None
    if not plan.feasible() or not np.isfinite(plan.cost()):
        return None
    improve(plan, rng, deadline)
    return plan


def _cheapest_counts(plan: Plan, kind: int, counts: range) -> list[int]:
    """The group counts to try for a kind, cheapest construction first.

    Fewest groups is not always cheapest: with a fixed cost per group below what a far
    group costs its travellers, one more group near them pays. The first ``COUNTS_TRIED``
    counts are constructed (and undone) to rank them by cost; the rest follow in order."""
    ranked = []
    for c in counts[:COUNTS_TRIED]:
        if _construct_kind(plan, kind, c):
            ranked.append((_kind_cost(plan, kind), c))
        _drop_kind(plan, kind)
    first = [c for _, c in sorted(ranked)]
    return first + [c for c in counts if c not in first]


def _kind_cost(plan: Plan, kind: int) -> float:
    d = plan.data
    groups = [g for g in plan.groups if g.kind == kind]
    travel = sum(float(d.cost[g.members, g.venue].sum()) for g in groups)
    return travel + d.problem.groups.fixed_cost * len(groups)


def _group_counts(data: GroupingData) -> list[int] | None:
    ranges = [data.group_count_range(k) for k in range(len(data.kinds))]
    counts = [lo for lo, _ in ranges]
    target = data.problem.groups.count
    if target is None:
        return counts
    while sum(counts) < target:
        spare = [k for k in range(len(counts)) if counts[k] < ranges[k][1]]
        if not spare:
            return None
        k = max(spare, key=lambda k: data.people(k) / (counts[k] + 1))
        counts[k] += 1
    return counts if sum(counts) == target else None


def _drop_kind(plan: Plan, kind: int) -> bool:
    """Undo a failed construction of one kind (always False, for use inside any())."""
    for grp in [g for g in plan.groups if g.kind == kind]:
        plan.rooms_left[grp.venue] += 1
    plan.groups = [g for g in plan.groups if g.kind != kind]
    return False


def _construct_kind(plan: Plan, kind: int, count: int) -> bool:
    d = plan.data
    members = d.teams_of_kind[kind]
    cost = d.cost[members]
    finite = np.where(np.isfinite(cost), cost, 1e12)
    best = np.full(len(members), 1e13)
    for _ in range(count):
        free = np.flatnonzero(plan.rooms_left > 0)
        if free.size == 0:
            return False
        totals = np.minimum(best[:, None], finite[:, free]).sum(axis=0)
        v = int(free[int(np.argmin(totals))])
        plan.open(v, kind)
        best = np.minimum(best, finite[:, v])
    slots = [g for g, grp in enumerate(plan.groups) if grp.kind == kind]
    _assign_by_regret(plan, members, slots)
    return _repair_minimum(plan, slots)


def _assign_by_regret(plan: Plan, members: np.ndarray, slots: list[int]) -> None:
    d = plan.data
    venues = [plan.groups[g].venue for g in slots]
    cost = d.cost[np.ix_(members, venues)]
    part = np.sort(cost, axis=1)
    regret = part[:, 1] - part[:, 0] if len(slots) > 1 else part[:, 0]
    order = np.argsort(-np.where(np.isfinite(regret), regret, 1e12), kind="stable")
    for i in order:
        t = int(members[i])
        ranked = [slots[j] for j in np.argsort(cost[i], kind="stable")]
        fits = [
            g
            for g in ranked
            if np.isfinite(d.cost[t, plan.groups[g].venue])
            and plan.groups[g].load + d.sizes[t] <= d.hi
            and plan.soft_valid(plan.groups[g].members + [t])
        ]
        target = fits[0] if fits else min(ranked, key=lambda g: plan.groups[g].load)
        plan.add(target, t)


def _repair_minimum(plan: Plan, slots: list[int]) -> bool:
    """Move the cheapest teams into groups below min size (or out of groups above max)."""
    d = plan.data
    slot_venues = np.array([plan.groups[g].venue for g in slots])
    for _ in range(10 * d.n_teams):
        loads = np.array([plan.groups[g].load for g in slots])
        short, over = loads < d.lo, loads > d.hi
        if not short.any() and not over.any():
            return True
        teams, src = [], []
        for j, g in enumerate(slots):
            for t in plan.groups[g].members:
                if over[j] or (not over.any() and loads[j] - d.sizes[t] >= d.lo):
                    teams.append(t)
                    src.append(j)
        if not teams:
            if short.any() and _swap_into_short(plan, slots, loads):
                continue
            return False
        teams_a, src_a = np.array(teams), np.array(src)
        dst_ok = short if short.any() else ~over
        delta = d.cost[np.ix_(teams_a, slot_venues)] - d.cost[teams_a, slot_venues[src_a]][:, None]
        fits = (loads[None, :] + d.sizes[teams_a][:, None] <= d.hi) & dst_ok[None, :]
        fits[np.arange(len(teams_a)), src_a] = False
        delta = np.where(fits & np.isfinite(delta), delta, np.inf)
        i, j = np.unravel_index(int(np.argmin(delta)), delta.shape)
        if not np.isfinite(delta[i, j]):
            if short.any() and _swap_into_short(plan, slots, loads):
                continue
            return False
        plan.remove(slots[src_a[i]], int(teams_a[i]))
        plan.add(slots[j], int(teams_a[i]))
    return False


def _swap_into_short(plan: Plan, slots: list[int], loads: np.ndarray) -> bool:
    """The cheapest swap of a bigger team into a group below the minimum for a smaller one
    (urban 5+5+4+4 | 4+3+2+2+2+2: no single team can move, swapping 4 and 3 gives 17 | 16)."""
    d = plan.data
    best, move = np.inf, None
    for j in np.flatnonzero(loads < d.lo):
        a = slots[j]
        for i, b in enumerate(slots):
            if i == j:
                continue
            for t in plan.groups[b].members:
                for u in plan.groups[a].members:
                    gain = int(d.sizes[t] - d.sizes[u])
                    if gain <= 0 or loads[j] + gain > d.hi or loads[i] - gain < d.lo:
                        continue
                    va, vb = plan.groups[a].venue, plan.groups[b].venue
                    delta = d.cost[t, va] + d.cost[u, vb] - d.cost[t, vb] - d.cost[u, va]
                    if delta < best:
                        best, move = delta, (a, b, t, u)
    if move is None or not np.isfinite(best):
        return False
    a, b, t, u = move
    plan.remove(b, t)
    plan.remove(a, u)
    plan.add(a, t)
    plan.add(b, u)
    return True


def improve(plan: Plan, rng: random.Random, deadline: float | None, teams=None) -> None:
    """First-improvement local search until no move helps (or the deadline passes).

    ``teams``: only moves and swaps of these teams are tried (all teams when None)."""
    for _ in range(200):
        if deadline is not None and time.monotonic() > deadline:
            return
        changed = _relocate_groups(plan)
        changed |= _move_teams(plan, rng, teams)
        changed |= _swap_teams(plan, rng, teams)
        if not changed:
            return


def _near_groups(plan: Plan, t: int) -> list[int]:
    row = plan.data.cost_rows[t]
    kind = plan.data.kind_of[t]
    groups = [g for g, grp in enumerate(plan.groups) if grp.kind == kind]
    groups.sort(key=lambda g: row[plan.groups[g].venue])
    return groups[:NEAR_VENUES]


def _move_teams(plan: Plan, rng: random.Random, only=None) -> bool:
    d = plan.data
    where = {t: g for g, grp in enumerate(plan.groups) for t in grp.members}
    teams = [t for t in where if only is None or t in only]
    rng.shuffle(teams)
    changed = False
    for t in teams:
        src = where[t]
        row, size = d.cost_rows[t], d.size_list[t]
        here = row[plan.groups[src].venue]
        if plan.groups[src].load - size < d.lo:
            continue
        for dst in _near_groups(plan, t):
            gain = here - row[plan.groups[dst].venue]
            if dst == src or gain <= EPS or plan.groups[dst].load + size > d.hi:
                continue
            rest = [u for u in plan.groups[src].members if u != t]
            if plan.soft_valid(rest) and plan.soft_valid(plan.groups[dst].members + [t]):
                plan.remove(src, t)
                plan.add(dst, t)
                where[t] = dst
                changed = True
                break
    return changed


def _swap_teams(plan: Plan, rng: random.Random, only=None) -> bool:
    where = {t: g for g, grp in enumerate(plan.groups) for t in grp.members}
    teams = [t for t in where if only is None or t in only]
    rng.shuffle(teams)
    changed = False
    for t in teams:
        a = where[t]
        va = plan.groups[a].venue
        for b in _near_groups(plan, t):
            if b == a:
                continue
            vb = plan.groups[b].venue
            if _try_swap(plan, t, a, va, b, vb, where):
                changed = True
                break
    return changed


def _try_swap(plan: Plan, t, a, va, b, vb, where) -> bool:
    d = plan.data
    cost, sizes = d.cost_rows, d.size_list  # plain lists: this loop is the search's hot spot
    lo, hi = d.lo, d.hi
    load_a, load_b = plan.groups[a].load, plan.groups[b].load
    ct = cost[t]
    for u in list(plan.groups[b].members):
        cu = cost[u]
        gain = ct[va] + cu[vb] - ct[vb] - cu[va]
        if not gain > EPS:  # also rejects nan from pairs a matrix does not allow
            continue
        diff = sizes[u] - sizes[t]
        if not (lo <= load_a + diff <= hi and lo <= load_b - diff <= hi):
            continue
        new_a = [x for x in plan.groups[a].members if x != t] + [u]
        new_b = [x for x in plan.groups[b].members if x != u] + [t]
        if plan.soft_valid(new_a) and plan.soft_valid(new_b):
            plan.remove(a, t)
            plan.remove(b, u)
            plan.add(a, u)
            plan.add(b, t)
            where[t], where[u] = b, a
            return True
    return False


def _relocate_groups(plan: Plan) -> bool:
    d = plan.data
    changed = False
    for grp in plan.groups:
        totals = d.cost[grp.members].sum(axis=0)
        totals = np.where(plan.rooms_left > 0, totals, np.inf)
        v = int(np.argmin(totals))
        if totals[v] < d.cost[grp.members, grp.venue].sum() - EPS:
            plan.rooms_left[grp.venue] += 1
            plan.rooms_left[v] -= 1
            grp.venue = v
            changed = True
    return changed
