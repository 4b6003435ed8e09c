"""`{{ value|hours }}`: advisory hours as people write them ("1,5", "2" in Polish)."""

from django import template

from akademia.delivery.hours import hours_text

register = template.Library()


@register.filter
def hours(value) -> str:
    return hours_text(value)
