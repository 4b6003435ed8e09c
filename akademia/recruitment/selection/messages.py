"""Reason builders: one function per reason code, so code, params and English text agree.

The web app translates by `code` and `params`; `text` is the English fallback. Params hold
only JSON-friendly values (str, int, float, lists of ids).
"""

from __future__ import annotations

from typing import Any

from .model import UNIT_WORDS, Quota, Reason


def amount(value: float, unit: str) -> str:
    """'12 JST', '36 people' - amounts are integral, floats only from scores."""
    return f"{int(round(value))} {UNIT_WORDS[unit]}"


def score(value: float) -> str:
    return f"{value:g}"


def _quota(q: Quota) -> dict[str, Any]:
    return {"quota": q.code, "label": q.name, "unit": q.unit}


# Per-application reasons -------------------------------------------------------------------


def selected(rank: int) -> Reason:
    return Reason("selected", {"rank": rank}, f"Selected (rank {rank} by score).")


def selected_forced() -> Reason:
    return Reason("selected_forced", {}, "Selected by a manual decision (forced in).")


def selected_for_min(q: Quota, used: int, outranked: int, blocked: int) -> Reason:
    params = _quota(q) | {"min": q.min, "used": used, "outranked": outranked, "blocked": blocked}
    text = (
        f"Selected although {outranked} not-selected application(s) score higher: swapping it "
        f"for {blocked} of them would put quota '{q.name}' below its min "
        f"{amount(q.min, q.unit)} (now {amount(used, q.unit)})."
    )
    return Reason("selected_for_min", params, text)


def excluded_forced() -> Reason:
    return Reason("excluded_forced", {}, "Not selected: excluded by a manual decision.")


def ineligible() -> Reason:
    return Reason("ineligible", {}, "Not selected: the application is not eligible.")


def withdrawn() -> Reason:
    return Reason("withdrawn", {}, "Withdrawn after selection.")


def quota_full(q: Quota, used: int, own: float, lowest: float, tie: bool) -> Reason:
    params = _quota(q) | {
        "max": q.max,
        "used": used,
        "score": own,
        "lowest_selected_score": lowest,
        "tie": tie,
    }
    if tie:
        compare = (
            f"its score {score(own)} equals the lowest selected score in that quota and it "
            f"ranks later in the stable tie-break order"
        )
    else:
        compare = (
            f"its score {score(own)} is below the lowest selected score in that quota "
            f"({score(lowest)})"
        )
    text = (
        f"Not selected: quota '{q.name}' is full ({amount(used, q.unit)} of max "
        f"{amount(q.max, q.unit)}) and {compare}."
    )
    return Reason("quota_full", params, text)


def swap_breaks_quota(
    q: Quota, bound: str, lower_scored: int, example_id: Any, example_score: float, after: int
) -> Reason:
    limit = q.min if bound == "min" else q.max
    params = _quota(q) | {
        "bound": bound,
        "limit": limit,
        "value_after": after,
        "lower_scored": lower_scored,
        "example": example_id,
        "example_score": example_score,
    }
    side = "below its min" if bound == "min" else "above its max"
    text = (
        f"Not selected: {lower_scored} selected application(s) score lower, but swapping it for "
        f"any of them breaks a quota - e.g. for {example_id} (score {score(example_score)}) "
        f"quota '{q.name}' would be {amount(after, q.unit)}, {side} {amount(limit, q.unit)}."
    )
    return Reason("swap_breaks_quota", params, text)


def blocked_by_max(q: Quota, used: int, own_amount: int) -> Reason:
    params = _quota(q) | {"max": q.max, "used": used, "amount": own_amount}
    text = (
        f"Not selected: adding it would put quota '{q.name}' at "
        f"{amount(used + own_amount, q.unit)}, above its max {amount(q.max, q.unit)}, and no "
        f"lower-scored selected application can make room for it."
    )
    return Reason("blocked_by_max", params, text)


def blocked_by_forced(q: Quota, used: int, forced_ids: list[Any]) -> Reason:
    params = _quota(q) | {"max": q.max, "used": used, "forced": forced_ids}
    text = (
        f"Not selected: quota '{q.name}' is full ({amount(used, q.unit)} of max "
        f"{amount(q.max, q.unit)}); the only lower-scored selected applications "
        f"({', '.join(map(str, forced_ids))}) were forced in by a manual decision."
    )
    return Reason("blocked_by_forced", params, text)


def swap_possible(other_id: Any, other_score: float) -> Reason:
    params = {"example": other_id, "example_score": other_score}
    text = (
        f"Not selected, although swapping it for {other_id} (score {score(other_score)}) would "
        f"meet all quotas and raise the total: the solver stopped before proving optimality."
    )
    return Reason("swap_possible", params, text)


def could_be_added(own: float) -> Reason:
    params = {"score": own}
    text = (
        f"Not selected, although adding it (score {score(own)}) would meet all quotas and raise "
        f"the total: the solver stopped before proving optimality."
    )
    return Reason("could_be_added", params, text)


def not_beneficial(own: float) -> Reason:
    params = {"score": own}
    text = f"Not selected: adding it (score {score(own)}) would not raise the total score."
    return Reason("not_beneficial", params, text)


def waiting(position: int) -> Reason:
    return Reason("waiting_list", {"position": position}, f"On the waiting list at {position}.")


def verified_cost(cost: float, dropped: list[Any], added: list[Any]) -> Reason:
    params = {"cost": cost, "dropped": dropped, "added": added}
    extra = f" and adding {', '.join(map(str, added))}" if added else ""
    text = (
        f"Checked by re-solving with it forced in: the best such selection scores {score(cost)} "
        f"less, dropping {', '.join(map(str, dropped)) or 'nothing'}{extra}."
    )
    return Reason("verified_cost", params, text)


def verified_impossible() -> Reason:
    text = "Checked by re-solving with it forced in: no selection including it meets all quotas."
    return Reason("verified_impossible", {}, text)


def refilled(replaces: Any) -> Reason:
    text = f"Selected from the waiting list to replace {replaces}."
    return Reason("refilled", {"replaces": replaces}, text)


# Problem-level reasons (infeasibility) -----------------------------------------------------


def min_unreachable(q: Quota, capacity: int, candidates: int) -> Reason:
    params = _quota(q) | {"min": q.min, "capacity": capacity, "candidates": candidates}
    what = (
        f"only {candidates} eligible application(s) match it"
        if q.unit == "jst"
        else f"all {candidates} eligible application(s) matching it bring only "
        f"{amount(capacity, q.unit)}"
    )
    text = f"Quota '{q.name}' needs at least {amount(q.min, q.unit)}, but {what}."
    return Reason("min_unreachable", params, text)


def forced_exceed_max(q: Quota, forced: int, ids: list[Any]) -> Reason:
    params = _quota(q) | {"max": q.max, "forced": forced, "ids": ids}
    text = (
        f"Applications forced in already bring {amount(forced, q.unit)} to quota '{q.name}', "
        f"above its max {amount(q.max, q.unit)}."
    )
    return Reason("forced_exceed_max", params, text)


def mins_exceed_max(parts: list[Quota], total: int, outer: Quota) -> Reason:
    params = {
        "quotas": [p.code for p in parts],
        "total_min": total,
        "quota": outer.code,
        "label": outer.name,
        "unit": outer.unit,
        "max": outer.max,
    }
    names = ", ".join(f"'{p.name}'" for p in parts)
    text = (
        f"Min quotas {names} need together {amount(total, outer.unit)}, but quota "
        f"'{outer.name}' allows at most {amount(outer.max, outer.unit)}."
    )
    return Reason("mins_exceed_max", params, text)


def min_unreachable_under_max(inner: Quota, outer: Quota, best: int) -> Reason:
    params = {
        "quota": inner.code,
        "label": inner.name,
        "unit": inner.unit,
        "min": inner.min,
        "limited_by": outer.code,
        "limited_by_unit": outer.unit,
        "max": outer.max,
        "best": best,
    }
    text = (
        f"Quota '{inner.name}' needs at least {amount(inner.min, inner.unit)}, but within the "
        f"max {amount(outer.max, outer.unit)} of quota '{outer.name}' its applications can "
        f"bring at most {amount(best, inner.unit)}."
    )
    return Reason("min_unreachable_under_max", params, text)


def quotas_conflict(codes: list[str]) -> Reason:
    text = (
        "The quotas cannot all be met together; the least relaxation touches "
        + ", ".join(f"'{c}'" for c in codes)
        + "."
    )
    return Reason("quotas_conflict", {"quotas": codes}, text)


def relax(q: Quota, bound: str, current: int, proposed: int) -> Reason:
    params = _quota(q) | {"bound": bound, "from": current, "to": proposed}
    change = "Lower the minimum" if bound == "min" else "Raise the maximum"
    text = (
        f"{change} of quota '{q.name}' from {amount(current, q.unit)} to "
        f"{amount(proposed, q.unit)}."
    )
    return Reason(f"relax_{bound}", params, text)


def solver_stopped(status: str, seconds: float) -> Reason:
    params = {"status": status, "seconds": round(seconds, 2)}
    outcome = "a selection not proved optimal" if status == "feasible" else "no selection"
    text = f"The solver stopped at its time limit after {seconds:.1f} s with {outcome}."
    return Reason("solver_time_limit", params, text)


# Refill reasons ----------------------------------------------------------------------------


def refill_added(app_id: Any, replaces: Any, position: int) -> Reason:
    params = {"id": app_id, "replaces": replaces, "position": position}
    text = f"{app_id} (waiting list position {position}) replaces {replaces}; all quotas hold."
    return Reason("refill_added", params, text)


def refill_breaks(q: Quota, bound: str, after: int) -> Reason:
    limit = q.min if bound == "min" else q.max
    params = _quota(q) | {"bound": bound, "limit": limit, "value_after": after}
    side = "below its min" if bound == "min" else "above its max"
    text = (
        f"Skipped: with it quota '{q.name}' would be {amount(after, q.unit)}, "
        f"{side} {amount(limit, q.unit)}."
    )
    return Reason("refill_breaks_quota", params, text)


def refill_none(replaces: Any, broken: list[str]) -> Reason:
    params = {"replaces": replaces, "quotas": broken}
    if broken:
        text = (
            f"No waiting application can replace {replaces} without breaking a quota; "
            f"still unmet: {', '.join(broken)}. Re-run the selection."
        )
    else:
        text = (
            f"No waiting application can replace {replaces} without breaking a quota; "
            f"the remaining selection still meets every quota."
        )
    return Reason("refill_none", params, text)


def refill_not_selected(app_id: Any) -> Reason:
    text = f"{app_id} was not selected; it is removed from the waiting list, nothing to refill."
    return Reason("refill_not_selected", {"id": app_id}, text)
