from decimal import Decimal

from django import template

from akademia.programmes.models import Method, weekday_names
from akademia.territory.kinds import ExchangeGroupKind

register = template.Library()


@register.filter
def kinds(values) -> str:
    return ", ".join(str(ExchangeGroupKind(v).label) for v in values or [])


@register.filter
def methods(values) -> str:
    return ", ".join(str(Method(v).label) for v in values or [])


register.filter("weekday_names", weekday_names)


@register.filter
def total_hours(version) -> str:
    total = sum((Decimal(m.hours) for m in version.modules.all()), Decimal(0))
    return f"{total.normalize():f}"
