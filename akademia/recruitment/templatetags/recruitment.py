from django import template

from akademia.recruitment.reasons import reason_of

register = template.Library()


@register.filter
def reason(value, labels=None) -> str:
    """A selection reason (stored dict or `selection.Reason`) in the active language; with
    `labels` (code → name), the quotas it names by code are named by their names."""
    return reason_of(value, labels)
