from django import template

from akademia.recruitment.reasons import reason_of

register = template.Library()


@register.filter
def reason(value) -> str:
    """A selection reason (stored dict or `selection.Reason`) in the active language."""
    return reason_of(value)
