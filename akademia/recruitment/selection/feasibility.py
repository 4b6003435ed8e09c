"""Why quotas cannot be met, and the least change to the quotas that fixes it.

Two layers: cheap necessary conditions that give a concrete, countable message ("min 10 county
JST, only 6 applied"), then an elastic MIP - one slack per quota bound, minimising the total
relaxation weighted by unit - that finds the smallest set of bound changes and catches the
conflicts the simple checks cannot see (e.g. exact people totals with fixed team sizes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from . import messages
from .model import Quota, QuotaChange, Reason, Relaxation
from .problem import Problem
from .solver import new_highs, pass_model, run

MAX_ALTERNATIVES = 5


def necessary_conditions(problem: Problem) -> list[Reason]:
    """Simple counting arguments that prove infeasibility when they fail (empty list = pass)."""
    reasons = _unreachable_mins(problem) + _forced_over_max(problem)
    reasons += _mins_over_max(problem) + _cross_unit(problem)
    return reasons


def _pool(problem: Problem) -> np.ndarray:
    return problem.available | problem.forced_in


def _unreachable_mins(problem: Problem) -> list[Reason]:
    capacity = problem.capacity()
    pool = _pool(problem)
    out = []
    for k, q in enumerate(problem.quotas):
        if q.min and capacity[k] < q.min:
            candidates = int((problem.members[k] & pool).sum())
            out.append(messages.min_unreachable(q, int(capacity[k]), candidates))
    return out


def _forced_over_max(problem: Problem) -> list[Reason]:
    forced = problem.usage(problem.forced_in)
    out = []
    for k, q in enumerate(problem.quotas):
        if q.max is not None and forced[k] > q.max:
            ids = list(problem.ids(problem.forced_in & problem.members[k]))
            out.append(messages.forced_exceed_max(q, int(forced[k]), ids))
    return out


def _inside(problem: Problem, inner: int, outer: int) -> bool:
    """True when every candidate counted by quota `inner` is also counted by `outer`."""
    pool = _pool(problem)
    inner_members = problem.members[inner] & pool
    return not np.any(inner_members & ~problem.members[outer])


def _mins_over_max(problem: Problem) -> list[Reason]:
    """Disjoint min quotas (same field, same unit) inside a max quota must fit under its max."""
    pool = _pool(problem)
    out = []
    for m, outer in enumerate(problem.quotas):
        if outer.max is None:
            continue
        fields = sorted({q.field for q in problem.quotas if q.field is not None})
        for name in fields:
            parts, taken = [], np.zeros(problem.size, dtype=bool)
            for k, q in enumerate(problem.quotas):
                if k == m or q.field != name or q.unit != outer.unit or not q.min:
                    continue
                mask = problem.members[k] & pool
                if np.any(mask & taken) or not _inside(problem, k, m):
                    continue
                parts.append(q)
                taken |= mask
            total = sum(q.min for q in parts)
            if parts and total > outer.max:
                out.append(messages.mins_exceed_max(parts, total, outer))
    return out


def _cross_unit(problem: Problem) -> list[Reason]:
    """A min in people inside a max in JST (or the reverse), using best/worst team sizes."""
    pool = _pool(problem)
    out = []
    for k, inner in enumerate(problem.quotas):
        if not inner.min:
            continue
        for m, outer in enumerate(problem.quotas):
            if m == k or outer.max is None or outer.unit == inner.unit:
                continue
            if "jst" not in (inner.unit, outer.unit) or not _inside(problem, k, m):
                continue
            members = np.flatnonzero(problem.members[k] & pool)
            if inner.unit != "jst":
                gains = np.sort([problem.applications[j].amount(inner.unit) for j in members])
                best = int(gains[::-1][: outer.max].sum())
            else:
                costs = np.sort([problem.applications[j].amount(outer.unit) for j in members])
                best = int(np.searchsorted(np.cumsum(costs), outer.max, side="right"))
            if best < inner.min:
                out.append(messages.min_unreachable_under_max(inner, outer, best))
    return out


@dataclass(frozen=True)
class _Bound:
    quota: int
    side: str  # "min" | "max"


def unit_weights(problem: Problem) -> dict[str, float]:
    """Cost of relaxing one unit: one JST = 1, one person = 1 / mean team size, and so on.

    This makes "lower the people minimum by 7" comparable to "lower the JST minimum by 2".
    """
    pool = _pool(problem)
    apps = [a for a, ok in zip(problem.applications, pool, strict=True) if ok]
    people = np.mean([a.people for a in apps]) if apps else 1.0
    managers = np.mean([a.managers for a in apps]) if apps else 1.0
    return {"jst": 1.0, "people": 1.0 / max(people, 1.0), "managers": 1.0 / max(managers, 1.0)}


class ElasticModel:
    """Selection columns plus one slack per quota bound; minimises weighted relaxation."""

    def __init__(self, problem: Problem, time_limit: float) -> None:
        self.problem = problem
        self.bounds = [
            _Bound(k, side)
            for k, q in enumerate(problem.quotas)
            for side in ("min", "max")
            if (q.min if side == "min" else q.max is not None)
        ]
        n, b = problem.size, len(self.bounds)
        weights = unit_weights(problem)
        slack_cost = [
            weights[problem.quotas[bd.quota].unit] * (1.0 + 1e-3 * i / max(b, 1))
            for i, bd in enumerate(self.bounds)
        ]
        rows, lower, upper = [], [], []
        for i, bd in enumerate(self.bounds):
            q = problem.quotas[bd.quota]
            slack = np.zeros(b)
            slack[i] = 1.0 if bd.side == "min" else -1.0
            rows.append(np.concatenate([problem.amounts[bd.quota].astype(float), slack]))
            lower.append(q.min if bd.side == "min" else -np.inf)
            upper.append(np.inf if bd.side == "min" else q.max)
        self.highs = new_highs(time_limit, mip_rel_gap=0.0, mip_abs_gap=1e-4)
        self.slack_upper = np.full(b, np.inf)
        pass_model(
            self.highs,
            cost=np.concatenate([np.zeros(n), slack_cost]),
            col_lower=np.concatenate([problem.forced_in.astype(float), np.zeros(b)]),
            col_upper=np.concatenate(
                [(problem.available | problem.forced_in).astype(float), self.slack_upper]
            ),
            integer=np.concatenate([np.ones(n, dtype=bool), np.zeros(b, dtype=bool)]),
            matrix=sparse.csc_matrix(np.array(rows).reshape(b, n + b)),
            row_lower=np.array(lower),
            row_upper=np.array(upper),
            maximise=False,
        )

    def solve(self, forbidden: tuple[int, ...] = ()) -> tuple[str, list[QuotaChange], float]:
        """Least relaxation with the slacks in `forbidden` (bound positions) held at zero."""
        n = self.problem.size
        for i in forbidden:
            self.highs.changeColBounds(n + i, 0.0, 0.0)
        try:
            outcome = run(self.highs)
        finally:
            for i in forbidden:
                self.highs.changeColBounds(n + i, 0.0, np.inf)
        if outcome.values is None:
            return outcome.status, [], math.inf
        return outcome.status, self._changes(outcome.values[n:]), float(outcome.objective)

    def _changes(self, slacks: np.ndarray) -> list[QuotaChange]:
        changes = []
        for bd, value in zip(self.bounds, slacks, strict=True):
            step = math.ceil(value - 1e-6)
            if step <= 0:
                continue
            q = self.problem.quotas[bd.quota]
            current = q.min if bd.side == "min" else q.max
            proposed = max(current - step, 0) if bd.side == "min" else current + step
            reason = messages.relax(q, bd.side, current, proposed)
            changes.append(QuotaChange(q.code, bd.side, q.unit, current, proposed, reason))
        return changes

    def position(self, change: QuotaChange) -> int:
        for i, bd in enumerate(self.bounds):
            if self.problem.quotas[bd.quota].code == change.code and bd.side == change.bound:
                return i
        raise KeyError(change.code)


def relaxed_quotas(quotas: tuple[Quota, ...], changes: list[QuotaChange]) -> tuple[Quota, ...]:
    """The quota list with the proposed bounds applied (ready to re-run selection)."""
    by_code = {(c.code, c.bound): c.proposed for c in changes}
    out = []
    for q in quotas:
        low = by_code.get((q.code, "min"), q.min)
        high = by_code.get((q.code, "max"), q.max)
        out.append(replace(q, min=low, max=high))
    return tuple(out)


def least_relaxation(problem: Problem, time_limit: float) -> Relaxation | None:
    """Smallest weighted relaxation, plus alternatives and the bounds no relaxation avoids.

    Alternatives come from forbidding each proposed change in turn: if that is infeasible the
    change is unavoidable, otherwise the re-solve shows another way out (e.g. raise the total
    instead of lowering a per-kind minimum).
    """
    model = ElasticModel(problem, time_limit)
    status, changes, cost = model.solve()
    if status not in ("optimal", "feasible") or not changes:
        return None
    alternatives, unavoidable = [], []
    for change in changes[:MAX_ALTERNATIVES]:
        alt_status, alt_changes, _ = model.solve((model.position(change),))
        if alt_status == "infeasible":
            unavoidable.append(change.code)
        elif alt_changes and alt_changes != changes and alt_changes not in alternatives:
            alternatives.append(alt_changes)
    return Relaxation(
        changes=tuple(changes),
        cost=round(cost, 6),
        quotas=relaxed_quotas(problem.quotas, changes),
        alternatives=tuple(tuple(a) for a in alternatives),
        unavoidable=tuple(unavoidable),
    )
