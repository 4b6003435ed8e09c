"""Publishing a plan: its groups and meetings become the project's current ones, and the JST
coordinators are told their dates."""

import datetime as dt
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.planning import notifications, selectors
from akademia.planning.models import Meeting, Plan, PlanStatus, Trainer, TrainingGroup, Venue
from akademia.planning.services.common import lock_project, require_planner
from akademia.planning.signals import plan_published
from akademia.territory.models import Jst


class PlannedGroup(NamedTuple):
    """A group of the plan as publishing makes it: not saved, so a confirmation page can show
    it (and the e-mail its coordinators will get) before anything changes."""

    group: TrainingGroup
    teams: list[Jst]
    meetings: list[Meeting]


def planned_groups(plan: Plan) -> list[PlannedGroup]:
    """The groups and meetings of a solved plan, read from its result, unsaved."""
    venues = {v.solver_id: v for v in Venue.objects.filter(project=plan.project_id)}
    trainers = {t.solver_id: t for t in Trainer.objects.filter(project=plan.project_id)}
    units = Jst.objects.in_bulk([t["id"] for t in plan.problem["teams"]], field_name="code")
    groups = []
    for row in plan.result["groups"]:
        named = [m["trainer"] for m in row["meetings"] if m.get("trainer")]
        main = max(set(named), key=named.count) if named else None
        group = TrainingGroup(
            project=plan.project,
            plan=plan,
            code=row["id"],
            venue=venues[row["venue"]],
            trainer=trainers.get(main),
        )
        meetings = [
            Meeting(
                group=group,
                module=m["module"],
                start_date=dt.date.fromisoformat(m["dates"][0]),
                end_date=dt.date.fromisoformat(m["dates"][-1]),
                trainer=trainers.get(m.get("trainer")),
            )
            for m in row["meetings"]
            if m["dates"]
        ]
        groups.append(PlannedGroup(group, [units[code] for code in row["teams"]], meetings))
    return groups


def deleted_message(names: list[str]) -> str:
    return _(
        "The plan uses venues or trainers deleted since it was made: %(names)s. "
        "Change the plan or run the planner again."
    ) % {"names": ", ".join(names)}


def plan_publish_blocker(plan: Plan) -> str:
    """Why the plan cannot be published, or "" when it can: the one rule of the plan's page,
    its confirmation page and `plan_publish`."""
    if not plan.can_publish:
        return _("Only a solved plan that breaks no rule can be published.")
    missing = selectors.plan_deleted_names(plan)
    if missing:
        return deleted_message(missing)
    return _dates_blocker(plan)


def _dates_blocker(plan: Plan) -> str:
    """Coordinators are never told dates that are past or outside the project's dates (a plan
    made weeks ago, or before the project's dates changed)."""
    days = [d for g in plan.result["groups"] for m in g["meetings"] for d in m["dates"]]
    if not days:
        return ""
    first, last = dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days))
    if first <= timezone.localdate():
        return _(
            "The plan's first meeting is on %(day)s, which is past or today: coordinators "
            "cannot be told dates that are over. Run the planner again."
        ) % {"day": date_format(first, "j E Y")}
    project = plan.project
    if not project.has_dates:
        return _("The project has no dates yet: edit the project and set them, then plan again.")
    if first < project.starts_on or last > project.ends_on:
        return _(
            "The plan's meetings (%(first)s – %(last)s) do not fit the project's dates "
            "(%(start)s – %(end)s). Run the planner again."
        ) % {
            "first": date_format(first, "j E Y"),
            "last": date_format(last, "j E Y"),
            "start": date_format(project.starts_on, "j E Y"),
            "end": date_format(project.ends_on, "j E Y"),
        }
    return ""


@service
def plan_publish(*, actor: Actor, plan: Plan) -> Plan:
    """Turn a plan without violations into groups and meetings; e-mail the coordinators."""
    require_planner(actor, plan.project)
    lock_project(plan.project_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    blocker = plan_publish_blocker(plan)
    if blocker:
        raise DomainError(blocker)
    planned = planned_groups(plan)
    for old in Plan.objects.filter(project=plan.project, status=PlanStatus.PUBLISHED):
        old.status = PlanStatus.SUPERSEDED
        old.save(update_fields=["status"])
    TrainingGroup.objects.filter(project=plan.project, active=True).update(active=False)
    for group, teams, meetings in planned:
        group.save()
        group.teams.set(teams)
        Meeting.objects.bulk_create(meetings)
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = timezone.now()
    plan.save(update_fields=["status", "published_at"])
    audit.record(
        actor,
        "planning.plan.published",
        plan,
        {"groups": len(plan.result["groups"])},
    )
    notifications.queue_dates(plan)
    plan_id, project_id = plan.pk, plan.project_id
    # The groups changed: delivery (which planning does not import) makes their participants.
    transaction.on_commit(
        lambda: plan_published.send(sender=Plan, plan_id=plan_id, project_id=project_id)
    )
    return plan
