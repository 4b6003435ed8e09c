"""The planner as a background job: a person starts it, watches progress, may cancel."""

from django.urls import reverse
from django.utils.translation import gettext as _

from akademia.core.audit import SYSTEM
from akademia.core.jobs import handler
from akademia.planning import services


@handler("planning.solve")
def solve_plan(job, progress) -> dict:
    """Build → group → (cancel point) → calendar → store; `progress` raises on cancel.

    The platform finishes the run (`SYSTEM`): the person who started it was checked then, and
    is the job's and the plan's `created_by`."""
    plan = services.plan_solve(actor=SYSTEM, plan_id=job.params["plan"], progress=progress)
    return {
        _("Plan"): reverse("planning:plan-detail", args=[plan.pk]),
        _("Result"): plan.solver_status,
        _("Objective"): round(plan.objective, 1) if plan.objective is not None else "",
    }
