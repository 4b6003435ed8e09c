from django import template

from akademia.planning.models import SolverStatus

register = template.Library()


@register.filter
def solver_status(value: str) -> str:
    """The planner's answer ("optimal"...) in the reader's words; "" for none."""
    return str(SolverStatus(value).label) if value in SolverStatus.values else ""
