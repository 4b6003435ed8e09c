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
from akademia.planning.selectors import project_versions
from akademia.planning.services.common import next_number
from akademia.planning.tests.factories import enrolled_project
from akademia.programmes.models import Module, ProgrammeVersion
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
    if shift:
        # Past all the plan's days, so that moving days back never lands on a day still there.
        lasts = [first + dt.timedelta(days=n) for g in groups for first, n in g["meetings"]]
        shift += (max(lasts) - min(firsts)).days
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
        # Where on_commit runs at once (live-server tests), publishing already synced the
        # participants and made the days: they move back with their meetings.
        from akademia.delivery.models import TrainingDay

        TrainingDay.objects.filter(meeting__group__plan=plan).update(date=F("date") - back)
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


# Tasks between meetings -------------------------------------------------------------------------

TASKS = (
    "Przygotujcie w urzędzie mapę procesu uchwalania budżetu.",
    "Opiszcie, jak mieszkańcy mogą zgłaszać uwagi do projektu budżetu.",
)


def with_tasks(project, tasks=TASKS) -> None:
    """The project's programme version gets one module per task, each with its task between
    meetings (written straight to the published version: a test's shortcut)."""
    version = project_versions(project).first()
    modules = list(version.modules.order_by("order"))
    for order, text in enumerate(tasks, start=1):
        if order <= len(modules):
            Module.objects.filter(pk=modules[order - 1].pk).update(intersession_task=text)
        else:
            Module.objects.create(
                version=version,
                order=order,
                title=f"Moduł {order}",
                hours=8,
                methods=["workshop"],
                intersession_task=text,
            )


def task_training(
    national, regional, expert, trainer_user, *, codes=TEAMS, size=2, first=None, gap=21
):
    """One group of the `codes` teams, two modules with tasks (meetings of 2 days, `gap` days
    apart, from `first`: today), taught by `trainer_user`; published, participants and tasks
    given. Returns the group."""
    project = project_with_teams(national, regional, expert, codes=codes, size=size)
    with_tasks(project)
    trainer = trainer_of(project, regional, trainer_user)
    first = first or timezone.localdate()
    meetings = [(first, 2), (first + dt.timedelta(days=gap), 2)]
    plan = publish(project, regional, [{"teams": codes, "meetings": meetings, "trainer": trainer}])
    services.participants_sync(actor=SYSTEM, project=project)
    return TrainingGroup.objects.get(plan=plan)


def team_member(group, code=KOZIEGLOWY):
    """The account of the first person taking part in the group for the JST of `code`."""
    person = group.participants.filter(jst__code=code, status="active").order_by("pk").first()
    return person.user


def finished_training(national, regional, expert, trainer_user, *, days=5, codes=TEAMS, size=4):
    """A group whose `days` training days are over (the last was yesterday), with everyone
    taking part from the first day. Returns the group; nobody is marked yet."""
    first = timezone.localdate() - dt.timedelta(days=days)
    group = training(
        national, regional, expert, trainer_user, codes=codes, size=size, first=first, days=days
    )
    group.participants.update(since=first)
    return group


def mark_days(trainer_user, group, attended: dict, *, default="present"):
    """Mark every day of the group: a person in `attended` (participant -> days attended) is
    present on their first that many days and absent after; anyone else is `default`."""
    from akademia.delivery.models import TrainingDay

    days = list(TrainingDay.objects.filter(meeting__group=group).order_by("date"))
    people = list(group.participants.all())
    for index, day in enumerate(days):
        marks = []
        for person in people:
            status = default
            if person in attended:
                status = "present" if index < attended[person] else "absent"
            marks.append(services.MarkInput(person.pk, status))
        services.attendance_record(actor=trainer_user, day=day, marks=marks)
    return days


def issued_certificate(participant, *, actor=None):
    """A certificate of this participant made directly (whatever the rules say): for pages that
    need one to show, e.g. the URL table."""
    from akademia.delivery import certificates, selectors
    from akademia.delivery.models import Certificate

    version = selectors.group_version(participant.group)
    facts = {
        "first_day": participant.since,
        "last_day": participant.since,
        "modules": [{"title": m.title, "hours": str(m.hours)} for m in version.modules.all()],
        "hours": sum(m.hours for m in version.modules.all()),
    }
    return Certificate.objects.create(
        number=certificates.new_number(),
        participant=participant,
        version=version,
        full_name=participant.full_name,
        programme_title=version.title,
        version_number=version.number,
        project_name=participant.group.project.name,
        funding="Projekt współfinansowany ze środków Unii Europejskiej.",
        issuer="Akademia Samorządowa",
        issued_at=timezone.now(),
        issued_by=actor,
        **facts,
    )


# Calendars ------------------------------------------------------------------------------------


def plannable_friday(weeks: int = 6) -> dt.date:
    """A Friday `weeks` weeks ahead: inside the test plans' period (from a month ahead, for six
    months) and on a day their programme allows (Friday and Saturday)."""
    day = timezone.localdate() + dt.timedelta(weeks=weeks)
    return day + dt.timedelta(days=(4 - day.weekday()) % 7)


def future_training(national, regional, expert, trainer_user, *, codes=TEAMS, weeks=6):
    """`training` whose one meeting (two days) starts on a plannable Friday `weeks` ahead."""
    return training(
        national, regional, expert, trainer_user, codes=codes, first=plannable_friday(weeks)
    )


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
