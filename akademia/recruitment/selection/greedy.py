"""Greedy-by-score baseline: what a spreadsheet sort would do, for comparison with `select`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .model import Application, Quota
from .problem import build_problem


@dataclass(frozen=True)
class GreedyResult:
    """Greedy selection; `unmet` lists quotas whose min (or max, via overrides) is broken."""

    selected: tuple[str | int, ...]
    objective: float
    unmet: tuple[str, ...]

    @property
    def meets_quotas(self) -> bool:
        return not self.unmet


def greedy_select(
    applications: Iterable[Application],
    quotas: Iterable[Quota],
    overrides: Mapping[str | int, bool] | None = None,
) -> GreedyResult:
    """Take applications by score (stable order), skipping any that would exceed a max.

    Min quotas are not looked ahead at - that is the point of the baseline - so the result
    can fall short of a minimum; `unmet` says which.
    """
    problem = build_problem(applications, quotas, overrides)
    chosen = problem.forced_in.copy()
    usage = problem.usage(chosen)
    highs = problem.highs()
    for j in problem.order:
        if problem.available[j] and np.all(usage + problem.amounts[:, j] <= highs):
            chosen[j] = True
            usage += problem.amounts[:, j]
    unmet = tuple(dict.fromkeys(problem.quotas[k].code for k, _ in problem.violations(usage)))
    return GreedyResult(problem.ids(chosen), float(problem.scores[chosen].sum()), unmet)
