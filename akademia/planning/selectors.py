"""Reads of planning, scoped by the permission layer.

Plans, venues, trainers and groups reach a voivodeship through their project; the pilot has
none, so only national operators see it. A JST's coordinator sees the current groups of its JST.
"""

from django.db.models import Count, QuerySet

from akademia.accounts.scoping import get_or_404, restrict
from akademia.planning.models import Meeting, Plan, PlanStatus, Trainer, TrainingGroup, Venue
from akademia.recruitment import selectors as recruitment
from akademia.recruitment.models import Project

PROJECT_PATH = "project__voivodeship"


def project_list_for(user) -> QuerySet[Project]:
    return recruitment.project_list_for(user).annotate(plan_count=Count("plans", distinct=True))


def project_get_for(user, pk: int) -> Project:
    return get_or_404(recruitment.project_list_for(user), pk=pk)


def plan_list_for(user, project: Project | None = None) -> QuerySet[Plan]:
    plans = Plan.objects.select_related("project", "project__voivodeship", "job", "created_by")
    if project is not None:
        plans = plans.filter(project=project)
    return restrict(plans, user, voivodeship=PROJECT_PATH)


def plan_get_for(user, pk: int) -> Plan:
    return get_or_404(plan_list_for(user), pk=pk)


def published_plan(project: Project) -> Plan | None:
    return Plan.objects.filter(project=project, status=PlanStatus.PUBLISHED).first()


def venue_list_for(user, project: Project) -> QuerySet[Venue]:
    venues = Venue.objects.filter(project=project).select_related("county")
    return restrict(venues, user, voivodeship=PROJECT_PATH)


def venue_get_for(user, pk: int) -> Venue:
    venues = Venue.objects.select_related("project", "project__voivodeship")
    return get_or_404(restrict(venues, user, voivodeship=PROJECT_PATH), pk=pk)


def trainer_list_for(user, project: Project) -> QuerySet[Trainer]:
    trainers = Trainer.objects.filter(project=project).select_related("home_jst")
    return restrict(trainers, user, voivodeship=PROJECT_PATH)


def trainer_get_for(user, pk: int) -> Trainer:
    trainers = Trainer.objects.select_related("project", "project__voivodeship", "home_jst")
    return get_or_404(restrict(trainers, user, voivodeship=PROJECT_PATH), pk=pk)


def venue_in_published_plan(venue: Venue) -> bool:
    """Groups exist only for published plans (also superseded ones, kept as history)."""
    return TrainingGroup.objects.filter(venue=venue).exists()


def trainer_in_published_plan(trainer: Trainer) -> bool:
    return (
        TrainingGroup.objects.filter(trainer=trainer).exists()
        or Meeting.objects.filter(trainer=trainer).exists()
    )


def own_groups(user) -> QuerySet[TrainingGroup]:
    """The current groups of the user's JST (coordinator, participant)."""
    groups = TrainingGroup.objects.filter(active=True).select_related("project", "venue", "trainer")
    groups = groups.prefetch_related("meetings__trainer", "teams")
    return restrict(groups, user, jst="teams")


def plan_deleted_names(plan: Plan) -> list[str]:
    """Names of the venues and trainers the plan uses that were deleted since it was made
    (the plan keeps them in its stored problem, so it still reads; it cannot be published)."""
    if not plan.result:
        return []
    present = {v.solver_id for v in Venue.objects.filter(project=plan.project_id)}
    present |= {t.solver_id for t in Trainer.objects.filter(project=plan.project_id)}
    names = {str(v["id"]): v.get("name", v["id"]) for v in plan.problem["venues"]}
    cal = plan.problem.get("calendar") or {}
    names |= {str(t["id"]): t.get("name", t["id"]) for t in cal.get("trainers", [])}
    used = {row["venue"] for row in plan.result["groups"]}
    for row in plan.result["groups"]:
        for meeting in row["meetings"]:
            used |= {t for t in (meeting.get("trainers") or [meeting.get("trainer")]) if t}
    return sorted(str(names.get(key, key)) for key in used - present)


def plan_in_progress(project: Project) -> Plan | None:
    """The project's plan whose solving job is still queued or running, if any."""
    from akademia.core.models import JobStatus

    return (
        Plan.objects.filter(
            project=project,
            status=PlanStatus.DRAFT,
            job__status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
        )
        .order_by("-number")
        .first()
    )
