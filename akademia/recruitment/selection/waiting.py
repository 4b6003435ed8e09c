"""Refill after a withdrawal: the next waiting application that keeps every quota satisfied."""

from __future__ import annotations

import time

import numpy as np

from . import messages
from .explain import explain, quota_usage
from .model import Reason, RefillResult, SelectionResult
from .problem import Problem, build_problem


def refill(result: SelectionResult, withdrawn_id: str | int) -> RefillResult:
    """Withdraw `withdrawn_id` and take the first waiting application that fits.

    "Fits" means that after the withdrawal and the addition every quota - min and max, in
    every unit - holds. Candidates are tried strictly in waiting-list order, so the first
    fitting one wins even if a later one scores the same; skipped ones are reported with the
    quota they would break. No candidate is ever added if it breaks a quota: then `added` is
    None and the result lists what stays unmet. The returned result can be refilled again.
    """
    if not result.feasible:
        raise ValueError("refill needs a result with a selection")
    if withdrawn_id in result.withdrawn:
        raise ValueError(f"application {withdrawn_id!r} was already withdrawn")
    start = time.perf_counter()
    problem = build_problem(
        result.applications,
        result.quotas,
        result.overrides,
        withdrawn=(*result.withdrawn, withdrawn_id),
    )
    chosen = np.zeros(problem.size, dtype=bool)
    for app_id in result.selected:
        chosen[problem.index[app_id]] = app_id != withdrawn_id
    if withdrawn_id not in result.selected:
        reason = messages.refill_not_selected(withdrawn_id)
        return RefillResult(None, reason, (), _result(problem, chosen, None, withdrawn_id, start))
    added, skipped = None, []
    usage = problem.usage(chosen)
    candidates = [i for i in result.waiting_list if i != withdrawn_id]
    for position, app_id in enumerate(candidates, start=1):
        j = problem.index[app_id]
        broken = problem.violations(usage + problem.amounts[:, j])
        if not broken:
            added = app_id
            chosen[j] = True
            reason = messages.refill_added(app_id, withdrawn_id, position)
            break
        k, bound = broken[0]
        after = int(usage[k] + problem.amounts[k, j])
        skipped.append((app_id, messages.refill_breaks(problem.quotas[k], bound, after)))
    if added is None:
        unmet = [problem.quotas[k].code for k, _ in problem.violations(usage)]
        reason = messages.refill_none(withdrawn_id, unmet)
    new = _result(problem, chosen, added, withdrawn_id, start)
    return RefillResult(added, reason, tuple(skipped), new)


def _result(
    problem: Problem,
    chosen: np.ndarray,
    added: str | int | None,
    withdrawn_id: str | int,
    start: float,
) -> SelectionResult:
    """The selection after the change, re-explained; "incomplete" if a quota is now unmet."""
    reasons, queue = explain(problem, chosen)
    if added is not None:
        reasons[added] = (messages.refilled(withdrawn_id), *reasons[added])
    usage, binding = quota_usage(problem, chosen, reasons)
    broken = problem.violations(problem.usage(chosen))
    problems: tuple[Reason, ...] = ()
    if broken:
        unmet = [problem.quotas[k].code for k, _ in broken]
        problems = (messages.refill_none(withdrawn_id, unmet),)
    return SelectionResult(
        status="incomplete" if broken else "refilled",
        selected=problem.ids(chosen),
        objective=float(problem.scores[chosen].sum()),
        bound=None,
        gap=None,
        seconds=time.perf_counter() - start,
        reasons=reasons,
        waiting_list=queue,
        quota_usage=usage,
        binding_quotas=binding,
        problems=problems,
        applications=problem.applications,
        quotas=problem.quotas,
        overrides=dict(problem.overrides),
        withdrawn=problem.withdrawn,
    )
