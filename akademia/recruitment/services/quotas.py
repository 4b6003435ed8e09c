"""How a call's applications are scored (criteria) and taken (quotas: one `selection.Quota`
each)."""

from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.recruitment.models import ApplicationStatus, Call, CallQuota, Criterion, CriterionCode
from akademia.recruitment.selection import Quota
from akademia.recruitment.services.applications import rescore
from akademia.recruitment.services.common import OPERATORS_ONLY


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
        code=row["code"],
        label=row.get("label") or "",
        field=row.get("field") or None,
        values=tuple(row.get("values") or ()),
        unit=row.get("unit") or "jst",
        min=row.get("min"),
        max=row.get("max"),
    )


@service
def quotas_set(*, actor: Actor, call: Call, rows: list[dict]) -> list[CallQuota]:
    """Replace the quotas of a call; each row is checked by building its `selection.Quota`."""
    require(actor, Capability.RUN_RECRUITMENT, call.project, OPERATORS_ONLY)
    if call.is_published:
        raise DomainError(_("The results are published; the quotas can no longer change."))
    codes = [row["code"] for row in rows]
    if len(set(codes)) != len(codes):
        raise DomainError(_("Each quota needs its own code."))
    for row in rows:
        try:
            quota_from_row(row)
        except ValueError as error:
            raise DomainError(
                _("Quota %(code)s is invalid: %(error)s") % {"code": row["code"], "error": error}
            ) from error
    call.quotas.all().delete()
    quotas = CallQuota.objects.bulk_create(CallQuota(call=call, **row) for row in rows)
    audit.record(
        actor,
        "recruitment.call.quotas_changed",
        call,
        {"quotas": codes},
    )
    return quotas
