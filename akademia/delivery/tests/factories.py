"""Test data for delivery: a Śląskie project with enrolled teams, and a plan whose groups meet
on the days a test names (today, usually), published through planning's service.

The planner would put meetings a month ahead; a hand-made plan puts them where attendance can
be marked, and publishing it runs the same code as a solved plan's publication.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from akademia.core.audit import SYSTEM
from akademia.delivery import services
from akademia.planning import services as planning
from akademia.planning.models import Meeting, Plan, PlanStatus, TrainingGroup
from akademia.planning.problem import build_problem
from akademia.planning.services.common import next_number
from akademia.planning.tests.factories import enrolled_project
from akademia.programmes.models import ProgrammeVersion
from akademia.territory.models import Jst

KOZIEGLOWY, BESTWINA = "2409023", "2402022"  # the coordinator persona's JST, and Bestwina
TEAMS = [KOZIEGLOWY, BESTWINA]


def project_with_teams(national, regional, expert, *, codes=TEAMS, size=4):
    """A Śląskie project whose `codes` teams of `size` people are enrolled."""
    return enrolled_project(national, regional, expert, codes=codes, size=size)


def trainer_of(project, regional, user, name="Anna Trenerska"):
    return planning.trainer_save(
        actor=regional, project=project, name=name, lat=50.26, lon=19.02, user=user
    )


def publish(project, regional, groups: list[dict], venue=None) -> Plan:
    """Publish a plan of `groups`: each {"teams": [codes], "meetings": [[first day, days], ...],
    "trainer": Trainer or None}, at `venue` (the project's first). Returns the published plan
    (its groups are made)."""
    venue = venue or project.venues.order_by("pk").first()
    # Publishing refuses days that are past or today (coordinators are told dates ahead), so the
    # plan is published that many days later and its meetings then moved back: time has passed.
    firsts = [first for group in groups for first, _days in group["meetings"]]
    shift = max(0, (timezone.localdate() - min(firsts)).days + 1) if firsts else 0
    groups = [
        group
        | {
            "meetings": [
                (first + dt.timedelta(days=shift), days) for first, days in group["meetings"]
            ]
        }
        for group in groups
    ]
    problem = build_problem(project)  # the real problem, so that planning's pages read the plan
    sizes = {team["id"]: team["size"] for team in problem["teams"]}
    rows = []
    for number, group in enumerate(groups, start=1):
        trainer = group.get("trainer")
        meetings = [
            {
                "module": module,
                "dates": [(first + dt.timedelta(days=i)).isoformat() for i in range(days)],
                "trainer": trainer.solver_id if trainer else None,
            }
            for module, (first, days) in enumerate(group["meetings"], start=1)
        ]
        rows.append(
            {
                "id": f"G{number}",
                "venue": venue.solver_id,
                "teams": group["teams"],
                "size": sum(sizes[code] for code in group["teams"]),
                "meetings": meetings,
            }
        )
    plan = Plan.objects.create(
        project=project,
        number=next_number(project),
        status=PlanStatus.SOLVED,
        solver_status="optimal",
        problem=problem,
        result={"groups": rows},
    )
    plan = planning.plan_publish(actor=regional, plan=plan)
    if shift:
        back = dt.timedelta(days=shift)
        Meeting.objects.filter(group__plan=plan).update(
            start_date=F("start_date") - back, end_date=F("end_date") - back
        )
    return plan


def training(national, regional, expert, trainer_user, *, codes=TEAMS, size=4, first=None, days=2):
    """One group of the `codes` teams meeting for `days` days from `first` (today), taught by
    `trainer_user`; published and its participants made. Returns the group."""
    project = project_with_teams(national, regional, expert, codes=codes, size=size)
    trainer = trainer_of(project, regional, trainer_user)
    first = first or timezone.localdate()
    plan = publish(
        project, regional, [{"teams": codes, "meetings": [(first, days)], "trainer": trainer}]
    )
    services.participants_sync(actor=SYSTEM, project=project)
    return TrainingGroup.objects.get(plan=plan)


# Advisory support (doradztwo) -----------------------------------------------------------------


def advisory_hours(project, hours=16, mode="both"):
    """Give the programme version of the project's calls `hours` of advisory per JST, `mode`
    (office, remote or both): the test versions give none."""
    ProgrammeVersion.objects.filter(recruitment_calls__project=project).update(
        advisory_hours=hours, advisory_mode=mode
    )


def advised(national, regional, expert, advisor, *, codes=TEAMS, hours=16, mode="both", jst=None):
    """A Śląskie project of the `codes` teams whose programme gives `hours` of advisory per JST,
    with `advisor` assigned to Koziegłowy (or `jst`). Returns the assignment."""
    project = project_with_teams(national, regional, expert, codes=codes)
    advisory_hours(project, hours, mode)
    return services.advisory_assign(
        actor=regional,
        project=project,
        jst=Jst.objects.get(code=jst or KOZIEGLOWY),
        advisor=advisor,
    )


def details(
    date=None, hours="1.5", mode="office", topic="Budżet zadaniowy", done="", next_steps=""
):
    """An advisory entry's details (today, 1,5 h at the office unless told)."""
    return services.AdvisoryDetails(
        date=date or timezone.localdate(),
        hours=Decimal(hours),
        mode=mode,
        topic=topic,
        done=done,
        next_steps=next_steps,
    )


def held(advisor, assignment, **kwargs):
    """A visit that took place, reported by `advisor` (it waits for confirmation)."""
    kwargs.setdefault("done", "Przegląd projektu budżetu z zespołem")
    return services.advisory_log(actor=advisor, assignment=assignment, details=details(**kwargs))
