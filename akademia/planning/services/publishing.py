"""Publishing a plan: its groups and meetings become the project's current ones, and the JST
coordinators are told their dates."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.planning import selectors
from akademia.planning.models import Meeting, Plan, PlanStatus, Trainer, TrainingGroup, Venue
from akademia.planning.services.common import lock_project, require_planner
from akademia.planning.signals import plan_published
from akademia.planning.tasks import notify_coordinators
from akademia.territory.models import Jst


def _require_still_there(plan: Plan) -> None:
    """A plan made before a venue or trainer was deleted cannot be published as it is."""
    missing = selectors.plan_deleted_names(plan)
    if missing:
        raise DomainError(deleted_message(missing))


def deleted_message(names: list[str]) -> str:
    return _(
        "The plan uses venues or trainers deleted since it was made: %(names)s. "
        "Change the plan or run the planner again."
    ) % {"names": ", ".join(names)}


@service
def plan_publish(*, actor: Actor, plan: Plan) -> Plan:
    """Turn a plan without violations into groups and meetings; e-mail the coordinators."""
    require_planner(actor, plan.project)
    lock_project(plan.project_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.can_publish:
        raise DomainError(_("Only a solved plan that breaks no rule can be published."))
    venues = {v.solver_id: v for v in Venue.objects.filter(project=plan.project)}
    trainers = {t.solver_id: t for t in Trainer.objects.filter(project=plan.project)}
    _require_still_there(plan)
    for old in Plan.objects.filter(project=plan.project, status=PlanStatus.PUBLISHED):
        old.status = PlanStatus.SUPERSEDED
        old.save(update_fields=["status"])
    TrainingGroup.objects.filter(project=plan.project, active=True).update(active=False)
    units = Jst.objects.in_bulk([t["id"] for t in plan.problem["teams"]], field_name="code")
    for row in plan.result["groups"]:
        named = [m["trainer"] for m in row["meetings"] if m.get("trainer")]
        main = max(set(named), key=named.count) if named else None
        group = TrainingGroup.objects.create(
            project=plan.project,
            plan=plan,
            code=row["id"],
            venue=venues[row["venue"]],
            trainer=trainers.get(main),
        )
        group.teams.set([units[code] for code in row["teams"]])
        Meeting.objects.bulk_create(
            Meeting(
                group=group,
                module=m["module"],
                start_date=dt.date.fromisoformat(m["dates"][0]),
                end_date=dt.date.fromisoformat(m["dates"][-1]),
                trainer=trainers.get(m.get("trainer")),
            )
            for m in row["meetings"]
            if m["dates"]
        )
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = timezone.now()
    plan.save(update_fields=["status", "published_at"])
    audit.record(
        actor,
        "planning.plan.published",
        plan,
        {"groups": len(plan.result["groups"])},
    )
    plan_id, project_id = plan.pk, plan.project_id
    transaction.on_commit(lambda: notify_coordinators.enqueue(plan_id))
    # The groups changed: delivery (which planning does not import) makes their participants.
    transaction.on_commit(
        lambda: plan_published.send(sender=Plan, plan_id=plan_id, project_id=project_id)
    )
    return plan
