"""Reads of planning, scoped by the permission layer (`accounts.permissions.visible`).

Plans, venues, trainers and groups reach a voivodeship through their project (their models
declare it); the pilot has none, so only national operators see it. A JST's coordinator and
participants see the current groups of their JST.

The second half reads the planner's input (`problem.py` turns it into the problem JSON) and
what the services check before they change a project's venues, trainers or plans; those take a
project the caller has already found in its scope.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from akademia.accounts.permissions import visible, visible_or_404
from akademia.core.collation import polish_alphabet_key
from akademia.core.models import JobStatus
from akademia.planning.models import Meeting, Plan, PlanStatus, Trainer, TrainingGroup, Venue
from akademia.programmes.models import ProgrammeVersion
from akademia.recruitment.models import Project
from akademia.territory.models import County, Voivodeship

# What a user sees ------------------------------------------------------------------------------


def project_list_for(user) -> QuerySet[Project]:
    """The user's projects with their number of plans and whether one is published."""
    published = Plan.objects.filter(project=OuterRef("pk"), status=PlanStatus.PUBLISHED)
    projects = Project.objects.select_related("voivodeship").annotate(
        plan_count=Count("plans", distinct=True), planned=Exists(published)
    )
    return visible(projects, user)


def project_get_for(user, pk: int) -> Project:
    return visible_or_404(Project.objects.select_related("voivodeship"), user, pk=pk)


def plan_list_for(user, project: Project | None = None) -> QuerySet[Plan]:
    plans = Plan.objects.select_related("project", "project__voivodeship", "job", "created_by")
    if project is not None:
        plans = plans.filter(project=project)
    return visible(plans, user)


def plan_get_for(user, pk: int) -> Plan:
    return visible_or_404(plan_list_for(user), user, pk=pk)


def plan_other_for(user, plan: Plan, pk: int | None) -> Plan | None:
    """The plan to compare `plan` with: the one asked for (another plan of the same project),
    else the plan it was copied from, else the newest other one."""
    others = plan_list_for(user, plan.project).exclude(pk=plan.pk)
    other = others.filter(pk=pk).first() if pk is not None else None
    if other is None:
        other = plan.derived_from if plan.derived_from_id else others.first()
    return other


def venue_list_for(user, project: Project) -> QuerySet[Venue]:
    return visible(Venue.objects.filter(project=project).select_related("county"), user)


def venue_get_for(user, pk: int) -> Venue:
    venues = Venue.objects.select_related("project", "project__voivodeship")
    return visible_or_404(venues, user, pk=pk)


def trainer_list_for(user, project: Project) -> QuerySet[Trainer]:
    return visible(Trainer.objects.filter(project=project).select_related("home_jst"), user)


def trainer_get_for(user, pk: int) -> Trainer:
    trainers = Trainer.objects.select_related("project", "project__voivodeship", "home_jst")
    return visible_or_404(trainers, user, pk=pk)


def own_groups(user) -> QuerySet[TrainingGroup]:
    """The current groups of the user's JST (coordinator, participant: through the groups'
    `jst` scope, their teams)."""
    groups = TrainingGroup.objects.filter(active=True).select_related("project", "venue", "trainer")
    return visible(groups.prefetch_related("meetings__trainer", "teams"), user)


def own_meetings(user) -> QuerySet[Meeting]:
    """The meetings of published plans that a trainer teaches ("Moje zjazdy"), in date order."""
    meetings = Meeting.objects.filter(trainer__user=user, group__active=True)
    meetings = meetings.select_related(
        "group", "group__project", "group__venue", "trainer", "venue"
    )
    return visible(meetings.prefetch_related("group__teams"), user).order_by("start_date", "pk")


# The home page --------------------------------------------------------------------------------

UPCOMING = 3  # the next meetings a home panel names


def home_plans(user) -> dict:
    """Which of the user's projects have a published plan, and where the others stand: their
    enrolled teams and their newest plan's status. One query."""
    newest = Plan.objects.filter(project=OuterRef("pk")).order_by("-number")
    projects = list(
        project_list_for(user).annotate(
            teams=Count(
                "enrolments__jst", filter=Q(enrolments__withdrawn_at__isnull=True), distinct=True
            ),
            newest_status=Subquery(newest.values("status")[:1]),
        )
    )
    for project in projects:
        project.newest_label = (
            PlanStatus(project.newest_status).label if project.newest_status else ""
        )
    return {
        "planned": sum(1 for p in projects if p.planned),
        "unplanned": [p for p in projects if not p.planned],
    }


def training_dates_ahead(user) -> QuerySet[Meeting]:
    """The meetings of the groups of the user's JST that have not ended yet, in date order."""
    meetings = Meeting.objects.filter(group__active=True, end_date__gte=timezone.localdate())
    meetings = meetings.select_related("group", "group__project", "group__venue")
    return visible(meetings, user).order_by("start_date", "pk")


def home_dates(user) -> dict:
    """A JST's training dates ahead: how many, and the next few. Two queries."""
    ahead = training_dates_ahead(user)
    return {"count": ahead.count(), "next": list(ahead[:UPCOMING])}


def home_meetings(user) -> dict:
    """The meetings a trainer teaches that have not ended yet: how many, the next few."""
    ahead = own_meetings(user).filter(end_date__gte=timezone.localdate())
    return {"count": ahead.count(), "next": list(ahead[:UPCOMING])}


# The planner's input and the services' checks --------------------------------------------------


def project_versions(project: Project) -> QuerySet[ProgrammeVersion]:
    """The programme versions the project's calls offered (the newest first: the default)."""
    versions = ProgrammeVersion.objects.filter(recruitment_calls__project=project).distinct()
    return versions.order_by("-pk")


def plannable_venues(project: Project) -> QuerySet[Venue]:
    """The venues the planner may use: the project's, unless switched off."""
    return Venue.objects.filter(project=project, active=True).order_by("pk")


def plannable_trainers(project: Project) -> QuerySet[Trainer]:
    trainers = Trainer.objects.filter(project=project, active=True)
    return trainers.select_related("home_jst__commune", "home_jst__county", "home_jst__voivodeship")


def trainer_names(project_id: int) -> dict[str, str]:
    """The project's trainers by solver id (``T<pk>``) → name."""
    return {t.solver_id: t.name for t in Trainer.objects.filter(project=project_id)}


def county_name(code: str) -> str:
    """A county by its TERYT code as a person reads it (the code itself if unknown)."""
    county = County.objects.filter(code=str(code)).first()
    return str(county) if county else str(code)


def default_venue_counties(project: Project) -> QuerySet[County]:
    """County-level units of the project's voivodeship; for the pilot, the 16 voivodeship
    capitals."""
    if project.voivodeship_id:
        counties = County.objects.filter(voivodeship=project.voivodeship, active=True)
    else:
        capitals = [v.capital for v in Voivodeship.objects.all()]
        counties = County.objects.filter(is_city=True, name__in=capitals, active=True)
    return counties.select_related("seat__county").order_by("code")


def venue_in_published_plan(venue: Venue) -> bool:
    """Groups exist only for published plans (also superseded ones, kept as history)."""
    return (
        TrainingGroup.objects.filter(venue=venue).exists()
        or Meeting.objects.filter(venue=venue).exists()
    )


def trainer_in_published_plan(trainer: Trainer) -> bool:
    return (
        TrainingGroup.objects.filter(trainer=trainer).exists()
        or Meeting.objects.filter(trainer=trainer).exists()
    )


def plan_deleted_names(plan: Plan) -> list[str]:
    """Names of the venues and trainers the plan uses that were deleted since it was made
    (the plan keeps them in its stored problem, so it still reads; it cannot be published)."""
    if not plan.result:
        return []
    present = {v.solver_id for v in Venue.objects.filter(project=plan.project_id)}
    present |= set(trainer_names(plan.project_id))
    names = {str(v["id"]): v.get("name", v["id"]) for v in plan.problem["venues"]}
    cal = plan.problem.get("calendar") or {}
    names |= {str(t["id"]): t.get("name", t["id"]) for t in cal.get("trainers", [])}
    used = {row["venue"] for row in plan.result["groups"]}
    for row in plan.result["groups"]:
        for meeting in row["meetings"]:
            used |= {t for t in (meeting.get("trainers") or [meeting.get("trainer")]) if t}
    return sorted((str(names.get(key, key)) for key in used - present), key=polish_alphabet_key)


def plan_groups(plan_id: int) -> QuerySet[TrainingGroup]:
    """The groups a plan's publication made, with what the coordinators' e-mail names."""
    groups = TrainingGroup.objects.filter(plan_id=plan_id).select_related("venue", "project")
    return groups.select_related("trainer").prefetch_related("teams", "meetings__trainer")


def plan_in_progress(project: Project) -> Plan | None:
    """The project's plan whose solving job is still queued or running, if any."""
    return (
        Plan.objects.filter(
            project=project,
            status=PlanStatus.DRAFT,
            job__status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
        )
        .order_by("-number")
        .first()
    )


def published_plan(project: Project) -> Plan | None:
    """The project's current plan: the one published (at most one, a DB constraint)."""
    return Plan.objects.filter(project=project, status=PlanStatus.PUBLISHED).first()
