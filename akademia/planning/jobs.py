"""The planner as a background job: a person starts it, watches progress, may cancel."""

from akademia.core.audit import SYSTEM
from akademia.core.jobs import handler
from akademia.planning import services


@handler("planning.solve")
def solve_plan(job, progress) -> dict:
    """Build → group → (cancel point) → calendar → store; `progress` raises on cancel.

    The platform finishes the run (`SYSTEM`): the person who started it was checked then, and
    is the job's and the plan's `created_by`."""
    plan = services.plan_solve(actor=SYSTEM, plan_id=job.params["plan"], progress=progress)
    # Stable keys, put in words by planning/job_result.html in the reader's language.
    return {"plan": plan.pk, "solver_status": plan.solver_status}
