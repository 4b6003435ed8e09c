"""Validated, array-shaped view of a selection problem shared by the solver and the explainers.

Quotas become a dense (quota x application) matrix of amounts, which keeps the model building,
usage tables and swap checks vectorised and consistent with each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .model import Application, Quota


@dataclass(frozen=True)
class Problem:
    """Inputs plus derived arrays; index `j` is the position in `applications`."""

    applications: tuple[Application, ...]
    quotas: tuple[Quota, ...]
    overrides: dict[str | int, bool]
    withdrawn: tuple[str | int, ...]
    index: dict[str | int, int]
    amounts: np.ndarray  # (quotas, applications) amount counted, 0 outside the quota
    members: np.ndarray  # (quotas, applications) bool membership
    scores: np.ndarray
    available: np.ndarray  # may be selected: eligible, not forced out, not withdrawn
    forced_in: np.ndarray
    order: np.ndarray  # ranking: score descending, then input order (stable)
    rank: np.ndarray  # rank[j] = position of j in `order`

    @property
    def size(self) -> int:
        return len(self.applications)

    def ids(self, mask: np.ndarray) -> tuple[str | int, ...]:
        """Ids of the applications in `mask`, in ranking order."""
        return tuple(self.applications[j].id for j in self.order if mask[j])

    def usage(self, selected: np.ndarray) -> np.ndarray:
        return self.amounts @ selected.astype(np.int64)

    def capacity(self) -> np.ndarray:
        """Most each quota could receive if every available application were taken."""
        return self.amounts @ (self.available | self.forced_in).astype(np.int64)

    def lows(self) -> np.ndarray:
        return np.array([q.min if q.min is not None else -np.inf for q in self.quotas], float)

    def highs(self) -> np.ndarray:
        return np.array([q.max if q.max is not None else np.inf for q in self.quotas], float)

    def violations(self, usage: np.ndarray) -> list[tuple[int, str]]:
        """Quota bounds broken by a usage vector, as (quota index, "min"|"max")."""
        out = [(k, "min") for k in np.flatnonzero(usage < self.lows())]
        out += [(k, "max") for k in np.flatnonzero(usage > self.highs())]
        return sorted(out)


def build_problem(
    applications: Iterable[Application],
    quotas: Iterable[Quota],
    overrides: Mapping[str | int, bool] | None = None,
    withdrawn: Iterable[str | int] = (),
) -> Problem:
    """Validate inputs and precompute arrays; input errors raise ValueError early."""
    apps = tuple(applications)
    quota_list = tuple(quotas)
    overrides = dict(overrides or {})
    withdrawn = tuple(withdrawn)
    index = {a.id: j for j, a in enumerate(apps)}
    if len(index) != len(apps):
        raise ValueError("application ids must be unique")
    if len({q.code for q in quota_list}) != len(quota_list):
        raise ValueError("quota codes must be unique")
    for app_id in list(overrides) + list(withdrawn):
        if app_id not in index:
            raise ValueError(f"unknown application id {app_id!r}")
    for app_id, force in overrides.items():
        if force and not apps[index[app_id]].eligible:
            raise ValueError(f"application {app_id!r} is ineligible and cannot be forced in")

    n = len(apps)
    members = np.zeros((len(quota_list), n), dtype=bool)
    amounts = np.zeros((len(quota_list), n), dtype=np.int64)
    for k, quota in enumerate(quota_list):
        for j, app in enumerate(apps):
            if quota.applies_to(app):
                members[k, j] = True
                amounts[k, j] = app.amount(quota.unit)

    gone = np.zeros(n, dtype=bool)
    for app_id in withdrawn:
        gone[index[app_id]] = True
    forced_in = np.zeros(n, dtype=bool)
    forced_out = np.zeros(n, dtype=bool)
    for app_id, force in overrides.items():
        (forced_in if force else forced_out)[index[app_id]] = True
    forced_in &= ~gone
    eligible = np.array([a.eligible for a in apps], dtype=bool)
    available = eligible & ~forced_out & ~gone & ~forced_in

    scores = np.array([float(a.score) for a in apps], dtype=float)
    order = np.array(sorted(range(n), key=lambda j: (-scores[j], j)), dtype=np.int64)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    return Problem(
        applications=apps,
        quotas=quota_list,
        overrides=overrides,
        withdrawn=withdrawn,
        index=index,
        amounts=amounts,
        members=members,
        scores=scores,
        available=available,
        forced_in=forced_in,
        order=order,
        rank=rank,
    )
