"""Writes of reporting: the indicator targets (the only thing it stores)."""

from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.recruitment.models import Project
from akademia.reporting.models import Category, Indicator, Target


@service
def target_set(
    *,
    actor,
    project: Project | None,
    indicator: str,
    category: str,
    value: int,
    curve: list,
) -> Target:
    """Sets one target of a project (operators of its voivodeship) or of the programme (the
    national operator); the curve's last value may not pass the target."""
    if project is None:
        require(actor, Capability.SET_NATIONAL_TARGETS)
    else:
        require(actor, Capability.SET_TARGETS, project)
    if indicator not in Indicator.values or category not in Category.values:
        raise DomainError(_("Choose an indicator and a category from the list."), field="indicator")
    if curve and curve[-1][1] > value:
        raise DomainError(_("The curve ends above the target value."), field="curve")
    target, created = Target.objects.update_or_create(
        project=project,
        indicator=indicator,
        category=category,
        defaults={"value": value, "curve": curve, "updated_by": audit.person(actor)},
    )
    data = {"value": value, "curve": curve, "created": created}
    audit.record(actor, "reporting.target.set", target, data)
    return target
