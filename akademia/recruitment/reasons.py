"""The optimiser's reasons in the active language, from their stored `code` and `params`.

`selection/messages.py` builds each reason with an English `text`; here every code has a
gettext template with the same named params, so the UI and e-mails show the reason in the
reader's language. A code with variants (a min or a max side, a tie...) picks its template by
`VARIANTS`. Unknown codes, or params that no longer fit, fall back to the stored English text.
"""

from collections.abc import Mapping
from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy, pgettext

BELOW_MIN = "min"
ABOVE_MAX = "max"

TEMPLATES = {
    "selected": _("Selected (rank %(rank)d by score)."),
    "selected_forced": _("Selected by a manual decision (forced in)."),
    "selected_for_min": ngettext_lazy(
        "Selected although %(outranked)d not-selected application scores higher: swapping it "
        "for %(blocked)d of them would put quota '%(label)s' below its min %(min)s "
        "(now %(used)s).",
        "Selected although %(outranked)d not-selected applications score higher: swapping it "
        "for %(blocked)d of them would put quota '%(label)s' below its min %(min)s "
        "(now %(used)s).",
        "outranked",
    ),
    "excluded_forced": _("Not selected: excluded by a manual decision."),
    "ineligible": _("Not selected: the application is not eligible."),
    "withdrawn": _("Withdrawn after selection."),
    ("quota_full", "below"): _(
        "Not selected: quota '%(label)s' is full (%(used)s of max %(max)s) and its score "
        "%(score)s is below the lowest selected score in that quota "
        "(%(lowest_selected_score)s)."
    ),
    ("quota_full", "tie"): _(
        "Not selected: quota '%(label)s' is full (%(used)s of max %(max)s) and its score "
        "%(score)s equals the lowest selected score in that quota and it ranks later in the "
        "stable tie-break order."
    ),
    ("swap_breaks_quota", BELOW_MIN): ngettext_lazy(
        "Not selected: %(lower_scored)d selected application scores lower, but swapping it for "
        "any of them breaks a quota - e.g. for %(example)s (score %(example_score)s) quota "
        "'%(label)s' would be %(value_after)s, below its min %(limit)s.",
        "Not selected: %(lower_scored)d selected applications score lower, but swapping it for "
        "any of them breaks a quota - e.g. for %(example)s (score %(example_score)s) quota "
        "'%(label)s' would be %(value_after)s, below its min %(limit)s.",
        "lower_scored",
    ),
    ("swap_breaks_quota", ABOVE_MAX): ngettext_lazy(
        "Not selected: %(lower_scored)d selected application scores lower, but swapping it for "
        "any of them breaks a quota - e.g. for %(example)s (score %(example_score)s) quota "
        "'%(label)s' would be %(value_after)s, above its max %(limit)s.",
        "Not selected: %(lower_scored)d selected applications score lower, but swapping it for "
        "any of them breaks a quota - e.g. for %(example)s (score %(example_score)s) quota "
        "'%(label)s' would be %(value_after)s, above its max %(limit)s.",
        "lower_scored",
    ),
    "blocked_by_max": _(
        "Not selected: adding it would put quota '%(label)s' at %(total)s, above its max "
        "%(max)s, and no lower-scored selected application can make room for it."
    ),
    "blocked_by_forced": _(
        "Not selected: quota '%(label)s' is full (%(used)s of max %(max)s); the only "
        "lower-scored selected applications (%(forced)s) were forced in by a manual decision."
    ),
    "swap_possible": _(
        "Not selected, although swapping it for %(example)s (score %(example_score)s) would "
        "meet all quotas and raise the total: the solver stopped before proving optimality."
    ),
    "could_be_added": _(
        "Not selected, although adding it (score %(score)s) would meet all quotas and raise "
        "the total: the solver stopped before proving optimality."
    ),
    "not_beneficial": _(
        "Not selected: adding it (score %(score)s) would not raise the total score."
    ),
    "waiting_list": _("On the waiting list at %(position)d."),
    ("verified_cost", "dropped"): _(
        "Checked by re-solving with it forced in: the best such selection scores %(cost)s "
        "less, dropping %(dropped)s."
    ),
    ("verified_cost", "added"): _(
        "Checked by re-solving with it forced in: the best such selection scores %(cost)s "
        "less, dropping %(dropped)s and adding %(added)s."
    ),
    "verified_impossible": _(
        "Checked by re-solving with it forced in: no selection including it meets all quotas."
    ),
    "refilled": _("Selected from the waiting list to replace %(replaces)s."),
    # Problem-level reasons (why no selection meets the quotas) and the least relaxation.
    ("min_unreachable", "jst"): ngettext_lazy(
        "Quota '%(label)s' needs at least %(min)s, but only %(candidates)d eligible "
        "application matches it.",
        "Quota '%(label)s' needs at least %(min)s, but only %(candidates)d eligible "
        "applications match it.",
        "candidates",
    ),
    ("min_unreachable", "amount"): ngettext_lazy(
        "Quota '%(label)s' needs at least %(min)s, but the %(candidates)d eligible application "
        "matching it brings only %(capacity)s.",
        "Quota '%(label)s' needs at least %(min)s, but all %(candidates)d eligible applications "
        "matching it bring only %(capacity)s.",
        "candidates",
    ),
    "forced_exceed_max": _(
        "Applications forced in already bring %(forced)s to quota '%(label)s', above its max "
        "%(max)s."
    ),
    "mins_exceed_max": _(
        "Min quotas %(quotas)s need together %(total_min)s, but quota '%(label)s' allows at "
        "most %(max)s."
    ),
    "min_unreachable_under_max": _(
        "Quota '%(label)s' needs at least %(min)s, but within the max %(max)s of quota "
        "'%(limited_by)s' its applications can bring at most %(best)s."
    ),
    "quotas_conflict": _(
        "The quotas cannot all be met together; the least relaxation touches %(quotas)s."
    ),
    "relax_min": _("Lower the minimum of quota '%(label)s' from %(from)s to %(to)s."),
    "relax_max": _("Raise the maximum of quota '%(label)s' from %(from)s to %(to)s."),
    ("solver_time_limit", "feasible"): _(
        "The solver stopped at its time limit after %(seconds)s s with a selection not proved "
        "optimal."
    ),
    ("solver_time_limit", "none"): _(
        "The solver stopped at its time limit after %(seconds)s s with no selection."
    ),
    # Every candidate's reason when no selection exists (`optimise._empty`).
    ("no_selection", "quotas"): _("Not selected: no selection meets all the quotas."),
    ("no_selection", "time"): _("Not selected: the solver found no selection in its time limit."),
    # Refill after a withdrawal.
    "refill_added": _(
        "%(id)s (waiting list position %(position)d) replaces %(replaces)s; all quotas hold."
    ),
    ("refill_breaks_quota", BELOW_MIN): _(
        "Skipped: with it quota '%(label)s' would be %(value_after)s, below its min %(limit)s."
    ),
    ("refill_breaks_quota", ABOVE_MAX): _(
        "Skipped: with it quota '%(label)s' would be %(value_after)s, above its max %(limit)s."
    ),
    ("refill_none", "unmet"): _(
        "No waiting application can replace %(replaces)s without breaking a quota; still "
        "unmet: %(quotas)s. Re-run the selection."
    ),
    ("refill_none", "met"): _(
        "No waiting application can replace %(replaces)s without breaking a quota; the "
        "remaining selection still meets every quota."
    ),
    "refill_not_selected": _(
        "%(id)s was not selected; it is removed from the waiting list, nothing to refill."
    ),
}

VARIANTS = {
    "quota_full": lambda p: "tie" if p.get("tie") else "below",
    "swap_breaks_quota": lambda p: p.get("bound"),
    "refill_breaks_quota": lambda p: p.get("bound"),
    "verified_cost": lambda p: "added" if p.get("added") else "dropped",
    "min_unreachable": lambda p: "jst" if p.get("unit") == "jst" else "amount",
    "solver_time_limit": lambda p: "feasible" if p.get("status") == "feasible" else "none",
    "no_selection": lambda p: "time" if p.get("cause") == "solver_time_limit" else "quotas",
    "refill_none": lambda p: "unmet" if p.get("quotas") else "met",
}

# Params that are amounts in the quota's unit (`limited_by_unit` for the outer quota's max).
AMOUNTS = {"min", "max", "used", "from", "to", "limit", "value_after", "capacity", "total_min"}
AMOUNTS |= {"best", "forced", "total"}
SCORES = {"score", "lowest_selected_score", "example_score", "cost"}


def unit_amount(value: float, unit: str) -> str:
    """'12 JST', '36 people', '4 managers' with the right plural form."""
    n = int(round(value))
    if unit == "jst":
        return ngettext("%(n)d JST", "%(n)d JST", n) % {"n": n}
    if unit == "people":
        return ngettext("%(n)d person", "%(n)d people", n) % {"n": n}
    if unit == "managers":
        return ngettext("%(n)d manager", "%(n)d managers", n) % {"n": n}
    return f"{n} {unit}"


def score(value: float) -> str:
    """As the optimiser writes it ('12.5', '40'), with the locale's decimal separator."""
    return f"{float(value):g}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def _value(key: str, value: Any, params: Mapping[str, Any], labels: Mapping[str, str]) -> Any:
    if key == "limited_by":
        return labels.get(value, value)
    if isinstance(value, list | tuple):
        if key == "quotas":
            value = [
                pgettext("quoted name", "'%(name)s'") % {"name": labels.get(v, v)} for v in value
            ]
        return ", ".join(map(str, value)) or pgettext("none of the applications", "nothing")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if key in AMOUNTS:
        unit = params.get("limited_by_unit") if key == "max" else None
        return unit_amount(value, unit or params.get("unit", "jst"))
    if key in SCORES:
        return score(value)
    if key == "seconds":
        return formats.number_format(value, 1)
    return value


def reason_text(
    code: str,
    params: Mapping[str, Any] | None = None,
    text: str = "",
    labels: Mapping[str, str] | None = None,
) -> str:
    """The reason `code` with `params` in the active language; `text` if it has no template.
    `labels` names the quotas a reason gives by code (`quota_labels` of the run's result)."""
    params = dict(params or {})
    if "used" in params and "amount" in params:
        params["total"] = params["used"] + params["amount"]
    variant = VARIANTS.get(code)
    template = TEMPLATES.get((code, variant(params)) if variant else code)
    if template is None:
        return text or code
    values = {key: _value(key, value, params, labels or {}) for key, value in params.items()}
    try:
        return template % values
    except (KeyError, TypeError, ValueError):
        return text or code


def reason_of(reason: Any, labels: Mapping[str, str] | None = None) -> str:
    """A stored reason ({"code", "params", "text"}) or a `selection.Reason`, translated."""
    if isinstance(reason, Mapping):
        code, params, text = reason.get("code", ""), reason.get("params"), reason.get("text", "")
        return reason_text(code, params, text, labels)
    if hasattr(reason, "code"):
        return reason_text(reason.code, reason.params, reason.text, labels)
    return str(reason)


def quota_labels(result: Mapping[str, Any] | None) -> dict[str, str]:
    """The quotas of a stored selection result by code → the name a person reads."""
    return {
        row["code"]: row.get("label") or row["code"]
        for row in (result or {}).get("quota_usage", ())
    }
