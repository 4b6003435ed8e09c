"""How a call's applications are scored (criteria) and taken (quotas: one `selection.Quota`
each).

The quota rules live here and only here: `quota_row_problems` (one row) and
`quota_rows_problems` (the rows together) say in the user's words what is wrong, the quota
editor shows them at the row, and `quotas_set` refuses the same. A quota's `code` is derived
from its group and unit (`quota_code`), never typed and never shown; its `label` is the
operator's name for it, or one made from the group (`quota_default_label`).
"""

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.recruitment import selectors
from akademia.recruitment.models import (
    ApplicationStatus,
    Call,
    CallQuota,
    Criterion,
    CriterionCode,
    QuotaField,
    QuotaUnit,
)
from akademia.recruitment.selection import Quota
from akademia.recruitment.services.applications import rescore
from akademia.recruitment.services.common import OPERATORS_ONLY
from akademia.territory.kinds import ExchangeGroupKind


@service
def criteria_set(*, actor: Actor, call: Call, weights: dict[str, int]) -> None:
    """Set the weights (0 removes a criterion) and rescore every application of the call."""
    require(actor, Capability.RUN_RECRUITMENT, call.project, OPERATORS_ONLY)
    for code in CriterionCode.values:
        weight = int(weights.get(code) or 0)
        if weight:
            Criterion.objects.update_or_create(call=call, code=code, defaults={"weight": weight})
        else:
            Criterion.objects.filter(call=call, code=code).delete()
    for application in call.applications.exclude(status=ApplicationStatus.WITHDRAWN):
        rescore(application)
    audit.record(
        actor,
        "recruitment.call.criteria_changed",
        call,
        {k: int(v or 0) for k, v in weights.items()},
    )


def quota_from_row(row: dict) -> Quota:
    """The optimiser's quota for a stored row (or a form row); ValueError when invalid."""
    return Quota(
        code=row.get("code") or quota_code(row),
        label=row.get("label") or "",
        field=row.get("field") or None,
        values=tuple(row.get("values") or ()),
        unit=row.get("unit") or QuotaUnit.JST,
        min=row.get("min"),
        max=row.get("max"),
    )


def quota_code(row: dict) -> str:
    """The internal key of a quota: its group and unit ("total:people", "kind:rural",
    "voivodeship:24:managers"). Two rows with one key limit the same thing twice."""
    field, unit = row.get("field") or "", row.get("unit") or QuotaUnit.JST
    if not field:
        return f"total:{unit}"
    group = f"{field}:{'+'.join(map(str, row.get('values') or ()))}"
    return group if unit == QuotaUnit.JST else f"{group}:{unit}"


def quota_default_label(row: dict, names: dict | None = None) -> str:
    """A name made from the group and the unit: "Rural JST", "All applications – people"."""
    group = selectors.quota_group_label(row.get("field") or "", row.get("values") or (), names)
    unit = row.get("unit") or QuotaUnit.JST
    if unit == QuotaUnit.JST:
        return capfirst(group)
    return capfirst(_("%(group)s – %(unit)s") % {"group": group, "unit": QuotaUnit(unit).label})


def _amount(value) -> str:
    return number_format(value)


def quota_row_problems(row: dict, names: dict | None = None) -> list[DomainError]:
    """What is wrong with one quota row, each in the user's words with the field of the row
    it is about (`field`, `unit`, `min`, `max`); [] when it can be saved."""
    names = names if names is not None else selectors.quota_place_names([row])
    label = row.get("label") or quota_default_label(row, names)
    field, values = row.get("field") or "", list(row.get("values") or ())
    problems = []
    known = {
        QuotaField.KIND: set(ExchangeGroupKind.values),
        QuotaField.VOIVODESHIP: set(names.get("voivodeship", {})),
        QuotaField.COUNTY: set(names.get("county", {})),
    }
    group_known = field in QuotaField.values and (
        not field or (values and set(map(str, values)) <= known[field])
    )
    if not group_known:
        problems.append(
            DomainError(
                _("Quota “%(label)s”: choose which applications it counts.") % {"label": label},
                field="field",
            )
        )
    if (row.get("unit") or QuotaUnit.JST) not in QuotaUnit.values:
        message = _("Quota “%(label)s”: choose what it counts.") % {"label": label}
        problems.append(DomainError(message, field="unit"))
    low, high = row.get("min"), row.get("max")
    if low is None and high is None:
        message = _("Quota “%(label)s” needs a minimum, a maximum or both.") % {"label": label}
        problems.append(DomainError(message, field="min"))
    if any(bound is not None and bound < 0 for bound in (low, high)):
        message = _("Quota “%(label)s”: a bound cannot be negative.") % {"label": label}
        problems.append(DomainError(message, field="min"))
    elif low is not None and high is not None and low > high:
        message = _("Quota “%(label)s”: the minimum %(min)s is above the maximum %(max)s.") % {
            "label": label,
            "min": _amount(low),
            "max": _amount(high),
        }
        problems.append(DomainError(message, field="max"))
    return problems


def quota_rows_problems(rows: list[dict], names: dict | None = None) -> list[DomainError]:
    """What is wrong with the rows together: one group limited twice in one unit, or one name
    given to two quotas (the results would not say which is meant)."""
    names = names if names is not None else selectors.quota_place_names(rows)
    problems, codes, labels = [], {}, set()
    for row in rows:
        label = row.get("label") or quota_default_label(row, names)
        code = quota_code(row)
        if code in codes:
            message = _(
                "Quotas “%(first)s” and “%(second)s” count the same applications in the same "
                "unit: put the minimum and the maximum in one row."
            ) % {"first": codes[code], "second": label}
            problems.append(DomainError(message))
        elif label in labels:
            message = _("Two quotas are named “%(label)s”: give each its own name.") % {
                "label": label
            }
            problems.append(DomainError(message, field="label"))
        codes.setdefault(code, label)
        labels.add(label)
    return problems


def _normalised(row: dict, names: dict) -> dict:
    field = row.get("field") or ""
    data = {
        "field": field,
        "values": [str(v) for v in row.get("values") or ()] if field else [],
        "unit": row.get("unit") or QuotaUnit.JST,
        "min": row.get("min"),
        "max": row.get("max"),
    }
    data["label"] = (row.get("label") or "").strip() or quota_default_label(data, names)
    data["code"] = quota_code(data)
    return data


@service
def quotas_set(*, actor: Actor, call: Call, rows: list[dict]) -> list[CallQuota]:
    """Replace the quotas of a call. A row names its group (`field`: "", "kind",
    "voivodeship" or "county", with `values`), `unit`, `min`/`max` and an optional `label`;
    the code is derived. Refused with the first of `quota_row_problems` and
    `quota_rows_problems`."""
    require(actor, Capability.RUN_RECRUITMENT, call.project, OPERATORS_ONLY)
    if call.is_published:
        raise DomainError(_("The results are published; the quotas can no longer change."))
    names = selectors.quota_place_names(rows)
    rows = [_normalised(row, names) for row in rows]
    problems = [p for row in rows for p in quota_row_problems(row, names)]
    problems += quota_rows_problems(rows, names)
    if problems:
        raise problems[0]
    for row in rows:
        try:
            quota_from_row(row)
        except ValueError as error:  # a rule above should have said it in the user's words
            raise DomainError(
                _("Quota “%(label)s” cannot be used.") % {"label": row["label"]}
            ) from error
    call.quotas.all().delete()
    quotas = CallQuota.objects.bulk_create(CallQuota(call=call, **row) for row in rows)
    audit.record(
        actor,
        "recruitment.call.quotas_changed",
        call,
        {"quotas": [row["label"] for row in rows]},
    )
    return quotas
