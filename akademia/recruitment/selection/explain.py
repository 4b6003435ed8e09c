"""Reasons per application, the quota usage table and binding quotas, derived from a selection.

Every statement is a fact checked against the selection itself, not assumed from the model:
- "quota_full": adding the application would exceed that quota's max, and its score is below
  (or tied and later in the ranking than) the lowest selected score among that quota's members;
- "swap_breaks_quota": otherwise, every one-for-one swap with a lower-scored selected (not
  forced) application is tried and one quota that the lowest-scored swap breaks is named;
- "blocked_by_forced" / "blocked_by_max": a max quota blocks it and the only lower-scored
  selected members were forced in, or no lower-scored selected application exists at all;
- "selected_for_min": higher-scored applications wait, and swapping this one for (some of)
  them would put a min quota below its minimum;
- "swap_possible" / "could_be_added": only possible when the solver stopped before proving
  optimality - the reason then says so instead of inventing a cause.
Multi-application exchanges are not enumerated here; `select(verify=N)` re-solves with each
of the top N waiting applications forced in and reports the exact score cost.
"""

from __future__ import annotations

import numpy as np

from . import messages
from .model import QuotaUsage, Reason
from .problem import Problem

Reasons = dict[str | int, tuple[Reason, ...]]


def waiting_list(problem: Problem, selected: np.ndarray) -> tuple[str | int, ...]:
    """Not-selected candidates ranked by score, ties by input order (stable)."""
    return problem.ids(problem.available & ~selected)


def explain(problem: Problem, selected: np.ndarray) -> tuple[Reasons, tuple[str | int, ...]]:
    """Reasons for every application and the waiting list, for a given selection."""
    usage = problem.usage(selected)
    queue = waiting_list(problem, selected)
    position = {app_id: p for p, app_id in enumerate(queue, start=1)}
    pool = problem.available | problem.forced_in
    candidate_rank = {j: r for r, j in enumerate((j for j in problem.order if pool[j]), 1)}
    waiting = problem.available & ~selected
    withdrawn = set(problem.withdrawn)
    reasons: Reasons = {}
    for j, app in enumerate(problem.applications):
        if app.id in withdrawn:
            found = [messages.withdrawn()]
        elif not app.eligible:
            found = [messages.ineligible()]
        elif problem.overrides.get(app.id) is False:
            found = [messages.excluded_forced()]
        elif selected[j]:
            found = _selected(problem, j, usage, candidate_rank[j], waiting)
        else:
            found = _not_selected(problem, j, selected, usage)
            found.append(messages.waiting(position[app.id]))
        reasons[app.id] = tuple(found)
    return reasons, queue


def _selected(
    problem: Problem, j: int, usage: np.ndarray, rank: int, waiting: np.ndarray
) -> list[Reason]:
    """Selected; plus the min quotas that stop a higher-scored waiting one from replacing it."""
    first = messages.selected_forced() if problem.forced_in[j] else messages.selected(rank)
    higher = np.flatnonzero(waiting & (problem.scores > problem.scores[j]))
    found = [first]
    if len(higher) == 0 or problem.forced_in[j]:
        return found
    for k, q in enumerate(problem.quotas):
        own = problem.amounts[k, j]
        if not q.min or own == 0 or usage[k] - own >= q.min:
            continue
        after = usage[k] - own + problem.amounts[k, higher]
        blocked = int((after < q.min).sum())
        if blocked:
            found.append(messages.selected_for_min(q, int(usage[k]), len(higher), blocked))
    return found


def _not_selected(
    problem: Problem, i: int, selected: np.ndarray, usage: np.ndarray
) -> list[Reason]:
    highs = problem.highs()
    own = problem.scores[i]
    full = [
        k
        for k in range(len(problem.quotas))
        if problem.amounts[k, i] > 0 and usage[k] + problem.amounts[k, i] > highs[k]
    ]
    found = []
    for k in full:
        inside = np.flatnonzero(selected & problem.members[k] & (problem.amounts[k] > 0))
        if len(inside) == 0:
            continue
        lowest = problem.scores[inside].min()
        tied_before = own == lowest and problem.rank[i] > problem.rank[inside].max()
        if own < lowest or tied_before:
            q = problem.quotas[k]
            found.append(messages.quota_full(q, int(usage[k]), own, float(lowest), own == lowest))
    if found:
        return found
    return [_swap_reason(problem, i, selected, usage, full)]


def _swap_reason(
    problem: Problem, i: int, selected: np.ndarray, usage: np.ndarray, full: list[int]
) -> Reason:
    """Try every one-for-one swap with a lower-scored selected application."""
    own = problem.scores[i]
    if not full:  # nothing blocks it: adding it alone keeps every quota
        if own > 0:
            return messages.could_be_added(float(own))
        return messages.not_beneficial(float(own))
    lower = np.flatnonzero(selected & ~problem.forced_in & (problem.scores < own))
    if len(lower) == 0:
        forced_lower = selected & problem.forced_in & (problem.scores < own)
        for k in full:
            inside = np.flatnonzero(forced_lower & problem.members[k])
            if len(inside):
                ids = [problem.applications[j].id for j in inside]
                return messages.blocked_by_forced(problem.quotas[k], int(usage[k]), ids)
        k = full[0]
        q = problem.quotas[k]
        return messages.blocked_by_max(q, int(usage[k]), int(problem.amounts[k, i]))
    after = usage[:, None] + problem.amounts[:, [i]] - problem.amounts[:, lower]
    broken_low = after < problem.lows()[:, None]
    broken_high = after > problem.highs()[:, None]
    ok = ~(broken_low | broken_high).any(axis=0)
    by_score = sorted(range(len(lower)), key=lambda c: problem.rank[lower[c]], reverse=True)
    feasible = [c for c in by_score if ok[c]]
    if feasible:
        other = lower[feasible[0]]
        return messages.swap_possible(problem.applications[other].id, float(problem.scores[other]))
    c = by_score[0]
    other = lower[c]
    k = int(np.flatnonzero(broken_low[:, c] | broken_high[:, c])[0])
    bound = "min" if broken_low[k, c] else "max"
    return messages.swap_breaks_quota(
        problem.quotas[k],
        bound,
        len(lower),
        problem.applications[other].id,
        float(problem.scores[other]),
        int(after[k, c]),
    )


def quota_usage(
    problem: Problem, selected: np.ndarray, reasons: Reasons
) -> tuple[tuple[QuotaUsage, ...], tuple[str, ...]]:
    """Usage table and binding quotas.

    A max binds when it blocks at least one waiting application; a min binds when it kept in
    an application that a higher-scored one would otherwise have replaced.
    """
    usage = problem.usage(selected)
    capacity = problem.capacity()
    waiting = problem.available & ~selected
    held_by_min = {
        r.params["quota"] for rs in reasons.values() for r in rs if r.code == "selected_for_min"
    }
    rows, binding = [], []
    for k, q in enumerate(problem.quotas):
        blocks = q.max is not None and bool(
            np.any(waiting & (problem.amounts[k] > 0) & (usage[k] + problem.amounts[k] > q.max))
        )
        binds = blocks or q.code in held_by_min
        rows.append(
            QuotaUsage(q.code, q.name, q.unit, q.min, q.max, int(usage[k]), int(capacity[k]), binds)
        )
        if binds:
            binding.append(q.code)
    return tuple(rows), tuple(binding)
