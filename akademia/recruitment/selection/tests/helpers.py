"""Small builders shared by the selection tests."""

from __future__ import annotations

import random

import numpy as np

from akademia.recruitment.selection import Application, Quota, SelectionResult


def app(
    app_id: str,
    score: float,
    people: int = 3,
    kind: str = "rural",
    voivodeship: str = "02",
    managers: int = 1,
    **extra: object,
) -> Application:
    return Application(
        id=app_id,
        score=score,
        people=people,
        managers=managers,
        kind=kind,
        county=f"{voivodeship}01",
        voivodeship=voivodeship,
        **extra,
    )


def kind_quota(kind: str, unit: str = "jst", low: int | None = None, high: int | None = None):
    code = f"kind:{kind}" if unit == "jst" else f"kind:{kind}:{unit}"
    return Quota(code, f"{kind} {unit}", "kind", (kind,), unit, low, high)


def total_quota(unit: str = "jst", low: int | None = None, high: int | None = None) -> Quota:
    return Quota(f"total:{unit}", f"All {unit}", None, (), unit, low, high)


def usage_ok(result: SelectionResult) -> bool:
    return all(row.satisfied for row in result.quota_usage)


def recount(result: SelectionResult) -> dict[str, int]:
    """Quota usage recomputed from scratch, independent of the package's own counting."""
    chosen = {a.id: a for a in result.applications if a.id in set(result.selected)}
    return {
        q.code: sum(a.amount(q.unit) for a in chosen.values() if q.applies_to(a))
        for q in result.quotas
    }


def pilot_applications(seed: int = 7, count: int = 60) -> list[Application]:
    """Pilot-like call: several voivodeships, all three kinds, teams of 2-5, scores with ties."""
    rng = random.Random(seed)
    kinds = ["rural"] * 30 + ["urban"] * 18 + ["county"] * 12
    rng.shuffle(kinds)
    return [
        app(
            f"P{n:02d}",
            rng.randint(40, 95),
            people=rng.choice((2, 3, 3, 4, 5)),
            kind=kinds[n],
            voivodeship=rng.choice(("02", "12", "14", "24", "30")),
        )
        for n in range(count)
    ]


def brute_force(apps: list[Application], quotas: list[Quota]) -> float | None:
    """Best total score over all subsets (None if no subset meets the quotas)."""
    n = len(apps)
    masks = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    totals = masks @ np.array([a.score for a in apps], float)
    ok = np.ones(len(masks), dtype=bool)
    for q in quotas:
        amounts = np.array([a.amount(q.unit) if q.applies_to(a) else 0 for a in apps])
        used = masks @ amounts
        if q.min is not None:
            ok &= used >= q.min
        if q.max is not None:
            ok &= used <= q.max
    return float(totals[ok].max()) if ok.any() else None
