"""Test data for planning: a Śląskie project with enrolled teams, made through the services."""

from datetime import timedelta

from django.utils import timezone

from akademia.core.audit import SYSTEM
from akademia.planning import services
from akademia.recruitment import services as recruitment
from akademia.recruitment.tests.factories import complete, make_version, open_call, team
from akademia.territory.models import Voivodeship

SLASKIE_TEAMS = [
    "2409023",  # Koziegłowy: the coordinator persona's JST
    "2402022",
    "2414011",
    "2404013",
    "2401011",
    "2403011",
    "2407011",
    "2417011",
]


def enrolled_project(
    national, regional, expert, *, codes=SLASKIE_TEAMS, size=4, venues=True, voivodeship="24"
):
    """A project (Śląskie unless told; it runs from two months ago for a year) whose `codes`
    teams (of `size` people) are enrolled, with the default venues; `regional` must be an
    operator of that voivodeship."""
    region = Voivodeship.objects.get(code=voivodeship)
    today = timezone.localdate()
    project = recruitment.project_create(
        actor=national,
        name=f"Projekt {region.name}",
        voivodeship=region,
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=400),
    )
    call = open_call(regional, project, make_version(expert, national))
    for code in codes:
        complete(
            regional,
            call,
            code,
            verify=True,
            members=team(size, managers=1, domain=f"{code}.example.org"),
        )
    recruitment.quotas_set(
        actor=regional,
        call=call,
        rows=[{"code": "total", "unit": "jst", "min": len(codes), "max": len(codes)}],
    )
    recruitment.selection_run(actor=regional, call=call)
    recruitment.selection_publish(actor=regional, call=call)
    if venues:
        services.venues_ensure_defaults(actor=regional, project=project)
    return project


def solved_plan(project, actor, **parameters):
    """A plan solved in this process (what the job does), with a short time limit."""
    plan = services.plan_create(
        actor=actor, project=project, parameters={"time_limit": 5} | parameters
    )
    return services.plan_solve(actor=SYSTEM, plan_id=plan.pk)


def add_trainers(project, actor, names=("Anna", "Bartosz")):
    """Trainers living in Katowice (so the planner gives every meeting one of them)."""
    return [
        services.trainer_save(actor=actor, project=project, name=name, lat=50.26, lon=19.02)
        for name in names
    ]
