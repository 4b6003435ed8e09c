"""`select`: the optimal selection under quotas, with reasons, waiting list and diagnostics."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

import numpy as np

from . import messages
from .explain import Reasons, explain, quota_usage
from .feasibility import least_relaxation, necessary_conditions
from .model import Application, Quota, QuotaUsage, Reason, Relaxation, SelectionResult
from .problem import Problem, build_problem
from .solver import MipOutcome, SelectionMip


def select(
    applications: Iterable[Application],
    quotas: Iterable[Quota],
    overrides: Mapping[str | int, bool] | None = None,
    *,
    time_limit: float = 30.0,
    verify: int = 10,
) -> SelectionResult:
    """Choose applications maximising total score subject to every quota.

    overrides: {application id: True (force in) | False (force out)}; they are hard
    constraints, so overrides that break a quota make the result "infeasible" with reasons.
    verify: how many applications from the top of the waiting list get their reason checked
    by re-solving with them forced in (each is one extra MIP solve).
    Ties in total score are broken towards higher-ranked applications (score, then input
    order), so the same input always gives the same selection.
    """
    start = time.perf_counter()
    problem = build_problem(applications, quotas, overrides)
    problems = necessary_conditions(problem)
    if problems:
        return _infeasible(problem, problems, time_limit, start)
    mip = SelectionMip(problem, time_limit)
    outcome = mip.solve()
    if outcome.status == "infeasible":
        return _infeasible(problem, [], time_limit, start)
    if outcome.status == "unknown":
        stopped = messages.solver_stopped(outcome.status, outcome.seconds)
        return _empty(problem, "unknown", (stopped,), None, (), start)
    return _solved(problem, mip, outcome, verify, start)


def _solved(
    problem: Problem, mip: SelectionMip, outcome: MipOutcome, verify: int, start: float
) -> SelectionResult:
    chosen = mip.selection(outcome)
    reasons, queue = explain(problem, chosen)
    _verify(problem, mip, chosen, queue[: max(verify, 0)], reasons)
    usage, binding = quota_usage(problem, chosen, reasons)
    objective = float(problem.scores[chosen].sum())
    problems = ()
    if outcome.status != "optimal":
        problems = (messages.solver_stopped(outcome.status, outcome.seconds),)
    return SelectionResult(
        status=outcome.status,
        selected=problem.ids(chosen),
        objective=objective,
        bound=mip.score_bound(outcome),
        gap=outcome.gap,
        seconds=time.perf_counter() - start,
        reasons=reasons,
        waiting_list=queue,
        quota_usage=usage,
        binding_quotas=binding,
        problems=problems,
        applications=problem.applications,
        quotas=problem.quotas,
        overrides=dict(problem.overrides),
    )


def _verify(
    problem: Problem,
    mip: SelectionMip,
    chosen: np.ndarray,
    ids: tuple[str | int, ...],
    reasons: Reasons,
) -> None:
    """Re-solve with each application forced in and record what including it would cost."""
    base = float(problem.scores[chosen].sum())
    for app_id in ids:
        j = problem.index[app_id]
        outcome = mip.solve(force_in=j, hint=_swap_hint(problem, chosen, j))
        if outcome.status == "infeasible":
            extra = messages.verified_impossible()
        elif outcome.status == "optimal":
            forced = mip.selection(outcome)
            dropped = list(problem.ids(chosen & ~forced))
            added = [i for i in problem.ids(forced & ~chosen) if i != app_id]
            cost = round(base - float(problem.scores[forced].sum()), 9)
            extra = messages.verified_cost(cost, dropped, added)
        else:
            continue
        reasons[app_id] = (*reasons[app_id], extra)


def _swap_hint(problem: Problem, chosen: np.ndarray, j: int) -> np.ndarray | None:
    """A feasible selection containing `j`: add it, drop the lowest-ranked one that fits."""
    usage = problem.usage(chosen) + problem.amounts[:, j]
    if not problem.violations(usage):
        hint = chosen.copy()
        hint[j] = True
        return hint
    out = np.flatnonzero(chosen & ~problem.forced_in)
    out = out[np.argsort(-problem.rank[out])]
    after = usage[:, None] - problem.amounts[:, out]
    ok = ((after >= problem.lows()[:, None]) & (after <= problem.highs()[:, None])).all(axis=0)
    if not ok.any():
        return None
    hint = chosen.copy()
    hint[j] = True
    hint[out[np.argmax(ok)]] = False
    return hint


def _infeasible(
    problem: Problem, problems: list[Reason], time_limit: float, start: float
) -> SelectionResult:
    """Explain infeasibility: simple conditions first, then the least relaxation."""
    relaxation = least_relaxation(problem, time_limit)
    codes: list[str] = []
    if relaxation is not None:
        codes += [c.code for c in relaxation.changes]
    if not problems and relaxation is not None:
        problems = [messages.quotas_conflict(codes)]
    for reason in problems:
        named = reason.params.get("quotas", []) + [reason.params.get("quota")]
        named.append(reason.params.get("limited_by"))
        codes += [c for c in named if c]
    binding = tuple(dict.fromkeys(codes))
    return _empty(problem, "infeasible", tuple(problems), relaxation, binding, start)


def _empty(
    problem: Problem,
    status: str,
    problems: tuple[Reason, ...],
    relaxation: Relaxation | None,
    binding: tuple[str, ...],
    start: float,
) -> SelectionResult:
    """A result without a selection: every candidate gets the problem-level explanation."""
    summary = problems[0] if problems else messages.quotas_conflict(list(binding))
    reasons: Reasons = {}
    for app in problem.applications:
        if not app.eligible:
            reasons[app.id] = (messages.ineligible(),)
        elif problem.overrides.get(app.id) is False:
            reasons[app.id] = (messages.excluded_forced(),)
        else:
            reasons[app.id] = (Reason("no_selection", {"cause": summary.code}, summary.text),)
    forced = problem.usage(problem.forced_in)
    capacity = problem.capacity()
    usage = tuple(
        QuotaUsage(
            q.code,
            q.name,
            q.unit,
            q.min,
            q.max,
            int(forced[k]),
            int(capacity[k]),
            q.code in binding,
        )
        for k, q in enumerate(problem.quotas)
    )
    return SelectionResult(
        status=status,
        selected=(),
        objective=0.0,
        bound=None,
        gap=None,
        seconds=time.perf_counter() - start,
        reasons=reasons,
        waiting_list=(),
        quota_usage=usage,
        binding_quotas=binding,
        problems=problems,
        relaxation=relaxation,
        applications=problem.applications,
        quotas=problem.quotas,
        overrides=dict(problem.overrides),
    )
