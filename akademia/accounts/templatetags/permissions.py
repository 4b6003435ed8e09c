"""Templates ask the one permission API: `{% load permissions %}`, then
`{% if user|can:"plan_training" %}` or `{% can "plan_training" project as allowed %}`."""

from django import template

from akademia.accounts import permissions

register = template.Library()


@register.filter(name="can")
def can_filter(user, capability: str) -> bool:
    return permissions.can(user, capability)


@register.simple_tag(takes_context=True, name="can")
def can_tag(context, capability: str, obj=None) -> bool:
    return permissions.can(context["user"], capability, obj)
