from django import template

from akademia.core import audit

register = template.Library()


@register.filter
def audit_label(action: str) -> str:
    return audit.label(action)
