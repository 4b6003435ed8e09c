"""The national dataset in the middle of delivery (issues #12 and #13): after the plans are
published, the training has been going on for months.

Per national project, through delivery's services (the calls a person's click would make):

* the trainers get accounts (`planning.trainer_save`), so they mark their lists and review tasks;
* time has passed, as in the demo's pilot (`demo.delivery`): publishing only accepts future
  days, so the published meetings are moved back, the groups staggered: in every four groups
  (by code) the first has one meeting left, the second and fourth finished (the last day
  `FINISHED_DAYS_AGO` or more ago), the third has two left; the next meeting of a group still
  training is a week ahead. The participants are made by delivery's sync
  (`participants_sync`, what the worker runs after publication), from their group's first day;
* every past day is marked by its trainer with one call for the whole list
  (`attendance_record`: mostly present, some late, leaving early, absent or excused with the
  reason) and closed (`day_close`); in the second group of each project a person hands their
  place to a colleague from the second meeting on (`participant_substitute`);
* the tasks between meetings whose meeting is past are answered by the JST's coordinator and
  reviewed by the group's trainer (`task_submit`, `task_review`): mostly accepted, some
  returned and sent again, a few returned, waiting for a review or not sent;
* every enrolled JST gets an advisor, one of the project's trainers (`advisory_assign`), who
  reports two visits or sessions held (`advisory_log`); the coordinator confirms most of them,
  disputes a few (`advisory_confirm`, `advisory_dispute`), and some have a visit planned;
* the JST of the groups that finished three weeks ago or more have had all their advisory
  hours, confirmed, and those groups have their certificates
  (`certificate_issue`, as the issuing job does), except for people below the attendance the
  rules ask; those that finished two weeks ago wait for theirs.

Seeded: the same seed and sizes give the same marks, answers and entries. A project whose
lists are marked already is left as it is, so a second run does nothing.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Max, Min
from django.utils import timezone

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.accounts.selectors import coordinators_of_jsts
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.delivery import selectors as delivery_selectors
from akademia.delivery import services as delivery
from akademia.delivery.models import (
    AdvisoryAssignment,
    AttendanceMark,
    Participant,
    ParticipantStatus,
    TaskAssignment,
    TrainingDay,
)
from akademia.delivery.services.attendance import MarkInput
from akademia.demo.users import DEMO_PASSWORD
from akademia.planning import services as planning
from akademia.planning.models import Meeting, Plan, PlanStatus, Trainer, TrainingGroup
from akademia.recruitment.models import Project

DOMAIN = "national.example.org"  # the national dataset's addresses (demo.national)
FINISHED_DAYS_AGO = 14
NEXT_MEETING_IN = 7
# How often each mark is given on a past day (as in the demo's pilot).
MARKS = [("present", 86), ("late", 5), ("left_early", 3), ("excused", 4), ("absent", 2)]
NOTES = {
    "late": ["spóźnienie ok. 20 min", "spóźnienie ok. 40 min (dojazd)"],
    "left_early": ["wyjście o 14:00 (sesja rady gminy)", "wyjście o 13:30 (sprawy urzędu)"],
    "excused": ["zwolnienie lekarskie", "opieka nad dzieckiem", "delegacja służbowa"],
}
ANSWER = "Odpowiedź zespołu {jst} na zadanie modułu {module}: opis, dane i wnioski w treści."
FEEDBACK = "Proszę uzupełnić dane źródłowe i wskazać osobę odpowiedzialną za wdrożenie."
TOPICS = [
    "Diagnoza potrzeb urzędu",
    "Wskaźniki wieloletniej prognozy finansowej",
    "Harmonogram konsultacji społecznych",
    "Lista zadań inwestycyjnych",
    "Regulamin budżetu obywatelskiego",
]


@dataclass
class DeliverySummary:
    participants: int = 0
    days_closed: int = 0
    marks: int = 0
    substitutes: int = 0
    tasks_answered: int = 0
    reviews: int = 0
    advisory_entries: int = 0
    certificates: int = 0


def deliver(projects, *, national: User, rng: random.Random, log=print) -> DeliverySummary:
    """Run the training of `projects` (national projects with a published plan) up to today."""
    summary = DeliverySummary()
    for project in projects:
        plan = Plan.objects.filter(project=project, status=PlanStatus.PUBLISHED).first()
        if plan is None or AttendanceMark.objects.filter(day__meeting__group__plan=plan).exists():
            continue
        email = f"operator.{project.voivodeship.code}@{DOMAIN}"
        operator = User.objects.filter(email=email).first() or national
        _trainer_accounts(operator, project)
        past = _move_into_the_past(plan)
        delivery.participants_sync(actor=SYSTEM, project=project)
        _from_the_first_day(plan)
        summary.participants += Participant.objects.filter(group__plan=plan).count()
        _run_the_training(summary, rng, national, plan, past)
        _tasks(summary, rng, plan, past)
        _advisory(summary, rng, operator, project)
        log(f"{project.name}: delivery up to today")
    return summary


def certify(projects, *, national: User, summary: DeliverySummary) -> None:
    """The certificates of the projects' finished groups; after their surveys are answered
    (`national_evaluation.evaluate`), since a programme with a final test asks for it."""
    for project in projects:
        plan = Plan.objects.filter(project=project, status=PlanStatus.PUBLISHED).first()
        if plan is not None:
            _certificates(summary, national, plan)


def _trainer_accounts(operator: User, project: Project) -> None:
    """Each trainer of the project gets an account (a trainer of the project's voivodeship)."""
    for trainer in Trainer.objects.filter(project=project, user__isnull=True).order_by("pk"):
        email = f"trener.{project.voivodeship.code}.{trainer.pk}@{DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, full_name=trainer.name, role=Role.TRAINER
            )
            user.voivodeships.set([project.voivodeship])
        planning.trainer_save(actor=operator, project=project, trainer=trainer, user=user)


def _meetings_past(index: int, count: int) -> int:
    """How many meetings the group of this position has had: two groups in four finished, the
    first group of a project has one meeting left (a region of one group is still training)."""
    return [count - 1, count, count - 2, count][index % 4] if count > 2 else count


def _move_into_the_past(plan: Plan) -> dict[int, int]:
    """Shift each group's meetings (and days, if made already) back; returns per group how
    many meetings are past."""
    today = timezone.localdate()
    past = {}
    for index, group in enumerate(plan.training_groups.order_by("code")):
        meetings = list(Meeting.objects.filter(group=group).order_by("start_date", "pk"))
        if not meetings:
            continue
        done = _meetings_past(index, len(meetings))
        if done == len(meetings):
            target = today - dt.timedelta(days=FINISHED_DAYS_AGO + 7 * (index % 3))
            shift = meetings[-1].end_date - target
        else:
            shift = meetings[done].start_date - (today + dt.timedelta(days=NEXT_MEETING_IN))
        Meeting.objects.filter(group=group).update(
            start_date=F("start_date") - shift, end_date=F("end_date") - shift
        )
        TrainingDay.objects.filter(meeting__group=group).update(date=F("date") - shift)
        past[group.pk] = done
    first = Meeting.objects.filter(group__plan=plan).aggregate(first=Min("start_date"))["first"]
    Project.objects.filter(pk=plan.project_id, starts_on__gt=first).update(starts_on=first)
    return past


def _from_the_first_day(plan: Plan) -> None:
    """The sync made the participants today; they took part from their group's first day."""
    today = timezone.localdate()
    for group in plan.training_groups.annotate(first=Min("meetings__start_date")):
        Participant.objects.filter(group=group, since=today, replaces__isnull=True).update(
            since=group.first
        )


def _run_the_training(summary, rng, national, plan, past) -> None:
    """Mark and close every past day, in date order; the substitute takes over on the first
    day of the second meeting of the plan's second group."""
    days = list(
        TrainingDay.objects.filter(meeting__group__plan=plan, date__lt=timezone.localdate())
        .select_related("meeting__trainer__user", "meeting__group__trainer__user")
        .order_by("date", "pk")
    )
    replaced = _substitution_day(plan, days)
    for day in days:
        if day == replaced and _substitute(national, day):
            summary.substitutes += 1
        trainer = day.meeting.trainer or day.meeting.group.trainer
        actor = trainer.user if trainer and trainer.user else national
        marks = [_mark(person, rng) for person in delivery_selectors.day_participants(day)]
        results = delivery.attendance_record(actor=actor, day=day, marks=marks)
        summary.marks += sum(1 for result in results if result.outcome == "saved")
        delivery.day_close(actor=actor, day=day)
        summary.days_closed += 1


def _mark(person: Participant, rng: random.Random) -> MarkInput:
    (status,) = rng.choices([s for s, _w in MARKS], weights=[w for _s, w in MARKS])
    note = rng.choice(NOTES[status]) if status in NOTES else ""
    return MarkInput(participant_id=person.pk, status=status, note=note)


def _substitution_day(plan: Plan, days: list[TrainingDay]) -> TrainingDay | None:
    groups = list(plan.training_groups.order_by("code").values_list("pk", flat=True)[:2])
    if len(groups) < 2:
        return None
    second = [d for d in days if d.meeting.group_id == groups[1] and d.meeting.module == 2]
    return second[0] if second else None


def _substitute(national: User, day: TrainingDay) -> bool:
    person = (
        Participant.objects.filter(group=day.meeting.group, status=ParticipantStatus.ACTIVE)
        .select_related("jst")
        .order_by("jst__name", "full_name", "pk")
        .first()
    )
    if person is None:
        return False
    delivery.participant_substitute(
        actor=national,
        participant=person,
        full_name="Halina Zastępcza",
        email=f"zastepstwo@{person.jst.code}.{DOMAIN}",
        since=day.date,
    )
    return True


def _tasks(summary, rng, plan, past) -> None:
    """The tasks of the meetings held: answered by the JST's coordinator, reviewed by the
    group's trainer; the task of the last meeting held is not due yet, so fewer are done."""
    today = timezone.localdate()
    tasks = list(
        TaskAssignment.objects.filter(group__plan=plan)
        .select_related("group__trainer__user", "jst")
        .order_by("group__code", "module", "jst__code")
    )
    coordinators = {}
    for user in coordinators_of_jsts({t.jst_id for t in tasks}).order_by("pk"):
        coordinators.setdefault(user.jst_id, user)
    reviewers = _reviewers(plan)
    for task in tasks:
        if task.module > past.get(task.group_id, 0):
            continue
        team, trainer = coordinators.get(task.jst_id), reviewers.get(task.group_id)
        if team is None or trainer is None:
            continue
        chance = rng.random()
        if task.due_on >= today:  # the current task: some sent, a few already accepted
            steps = [] if chance < 0.4 else ["submit"] if chance < 0.8 else ["submit", "accept"]
        elif chance < 0.06:
            steps = []  # overdue, not sent
        elif chance < 0.18:
            steps = ["submit", "return", "submit", "accept"]
        elif chance < 0.23:
            steps = ["submit", "return"]
        elif chance < 0.26:
            steps = ["submit"]
        else:
            steps = ["submit", "accept"]
        for step in steps:
            if step == "submit":
                text = ANSWER.format(jst=task.jst.name, module=task.module)
                delivery.task_submit(actor=team, assignment=task, text=text)
                summary.tasks_answered += 1
            else:
                decision = "accepted" if step == "accept" else "returned"
                feedback = "" if step == "accept" else FEEDBACK
                delivery.task_review(
                    actor=trainer, assignment=task, decision=decision, feedback=feedback
                )
                summary.reviews += 1


def _reviewers(plan: Plan) -> dict[int, User]:
    """Per group, the trainer account that reviews its tasks (its main trainer, else the
    trainer of its first meeting)."""
    found = {}
    meetings = Meeting.objects.filter(group__plan=plan, trainer__user__isnull=False)
    for meeting in meetings.select_related("trainer__user").order_by("start_date", "pk"):
        found.setdefault(meeting.group_id, meeting.trainer.user)
    groups = TrainingGroup.objects.filter(plan=plan, trainer__user__isnull=False)
    for group in groups.select_related("trainer__user"):
        found[group.pk] = group.trainer.user
    return found


def _advisory(summary, rng, operator, project) -> None:
    """Every enrolled JST gets an advisor; two entries held each (most confirmed), some a
    visit planned. Each advisor's entries fall on different days (at most 12 hours a day)."""
    if not delivery_selectors.advisory_due(project)[0]:
        return
    advisors = [
        t.user for t in Trainer.objects.filter(project=project, user__isnull=False).order_by("pk")
    ]
    if not advisors:
        return
    today = timezone.localdate()
    jsts = list(delivery_selectors.advisory_jsts(project))
    coordinators = {}
    for user in coordinators_of_jsts(jsts).order_by("pk"):
        coordinators.setdefault(user.jst_id, user)
    taken = defaultdict(int)  # per advisor: how many days back their entries reach
    project.refresh_from_db()
    finished = _finished_jsts(project, today)
    for number, jst in enumerate(jsts):
        advisor = advisors[number % len(advisors)]
        if AdvisoryAssignment.objects.filter(project=project, jst=jst).exists():
            continue
        assignment = delivery.advisory_assign(
            actor=operator, project=project, jst=jst, advisor=advisor
        )
        for visit in range(2):
            taken[advisor.pk] += 1
            date = today - dt.timedelta(days=1 + 2 * taken[advisor.pk])
            if date < project.starts_on:
                break
            details = delivery.AdvisoryDetails(
                date=date,
                hours=Decimal(rng.choice(["1.5", "2", "2", "3", "4"])),
                mode="office" if (number + visit) % 2 == 0 else "remote",
                topic=rng.choice(TOPICS),
                done="Przegląd dokumentów i rozmowa z zespołem JST.",
                next_steps="Zespół przygotuje materiały na kolejne spotkanie.",
            )
            session = delivery.advisory_log(actor=advisor, assignment=assignment, details=details)
            summary.advisory_entries += 1
            coordinator = coordinators.get(jst.pk)
            chance = rng.random()
            if coordinator is None or (visit == 1 and chance < 0.2):
                continue  # waits for the coordinator
            if visit == 1 and chance < 0.28:
                delivery.advisory_dispute(
                    actor=coordinator, session=session, comment="Wizyta trwała krócej."
                )
            else:
                delivery.advisory_confirm(actor=coordinator, session=session)
        if jst.pk in finished and jst.pk in coordinators:
            taken[advisor.pk] += 1
            day = today - dt.timedelta(days=1 + 2 * taken[advisor.pk])
            _advisory_complete(assignment, coordinators[jst.pk], advisor, day, rng, summary)
            continue
        if rng.random() < 0.3:
            date = today + dt.timedelta(days=3 + taken[advisor.pk])
            if date <= project.ends_on:
                details = delivery.AdvisoryDetails(
                    date=date, hours=Decimal(2), mode="office", topic=rng.choice(TOPICS)
                )
                delivery.advisory_plan(actor=advisor, assignment=assignment, details=details)
                summary.advisory_entries += 1


def _finished_jsts(project, today: dt.date) -> set[int]:
    """The JST whose group ended long enough ago for its certificates (`_certificates`)."""
    ended_by = today - dt.timedelta(days=FINISHED_DAYS_AGO + 7)
    groups = TrainingGroup.objects.filter(plan__project=project, active=True)
    groups = groups.annotate(last=Max("meetings__end_date")).filter(last__lte=ended_by)
    return set(groups.values_list("teams", flat=True))


def _advisory_complete(assignment, coordinator, advisor, day, rng, summary) -> None:
    """A JST whose training has ended has had all its advisory hours, confirmed: a last
    entry makes up what the two visits left."""
    hours = delivery_selectors.advisory_assignment_hours(assignment)
    rest = hours.due - hours.confirmed
    if rest <= 0:
        return
    details = delivery.AdvisoryDetails(
        date=day,
        hours=rest,
        mode="office",
        topic=rng.choice(TOPICS),
        done="Podsumowanie wdrożenia i plan dalszych działań JST.",
        next_steps="Zespół wdraża plan samodzielnie.",
    )
    session = delivery.advisory_log(actor=advisor, assignment=assignment, details=details)
    delivery.advisory_confirm(actor=coordinator, session=session)
    summary.advisory_entries += 1


def _certificates(summary, national, plan) -> None:
    """The certificates of the groups whose training ended three weeks ago or more (as the
    issuing job makes them); those that finished two weeks ago wait for theirs (the delivery
    benchmark issues them through the job)."""
    issued_by = timezone.localdate() - dt.timedelta(days=FINISHED_DAYS_AGO + 7)
    groups = plan.training_groups.annotate(last=Max("meetings__end_date"))
    groups = groups.filter(last__lte=issued_by)
    for group in groups.order_by("code"):
        for participant in group.participants.filter(status="active").order_by("pk"):
            try:
                _certificate, made = delivery.certificate_issue(
                    actor=national, participant=participant
                )
            except DomainError:
                continue  # below the attendance the rules ask: the completion page says why
            summary.certificates += made
