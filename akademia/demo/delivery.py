"""The pilot under way: its meetings moved into the past as if the training had begun months
ago, participants made from the published plan, attendance marked and closed on every past day
(late arrivals, people leaving early, excused and unexcused absences), and one substitute.

Publishing only accepts future dates (coordinators are told dates ahead), so the demo publishes
the pilot's plan first (`demo.planning`) and then moves its meetings back, as the tests of
delivery do: time has passed. The first group finished its last meeting two weeks ago; the others
have had two meetings. A participant of Będzin (PILOT_PARTICIPANT) signs in with the demo password
and sees their training. A second run changes nothing.
"""

import datetime as dt
import random

from django.db.models import F, Min
from django.utils import timezone

from akademia.accounts.models import User
from akademia.core.audit import SYSTEM
from akademia.delivery import services
from akademia.delivery.models import AttendanceMark, Participant, TrainingDay
from akademia.delivery.selectors import day_participants
from akademia.delivery.services.attendance import MarkInput
from akademia.demo.recruitment import PILOT
from akademia.demo.users import DEMO_PASSWORD
from akademia.planning.models import Meeting, Plan, PlanStatus
from akademia.recruitment.models import Project

PILOT_PARTICIPANT_JST = "2401011"  # Będzin, the pilot coordinator's JST
FINISHED_DAYS_AGO = 14
# How often each mark is given on a past day; the seed keeps the demo the same on every run.
MARKS = [("present", 86), ("late", 5), ("left_early", 3), ("excused", 4), ("absent", 2)]
NOTES = {
    "late": "spóźnienie ok. 20 min",
    "left_early": "wyjście o 14:00 (sesja rady gminy)",
    "excused": "zwolnienie lekarskie",
}
SUBSTITUTE = ("Halina Zastępcza", "zastepstwo@2401011.demo.example.org")


def ensure_demo_delivery() -> None:
    pilot = Project.objects.filter(name=PILOT).first()
    plan = Plan.objects.filter(project=pilot, status=PlanStatus.PUBLISHED).first()
    if plan is None:
        return
    if not AttendanceMark.objects.filter(day__meeting__group__plan=plan).exists():
        _move_into_the_past(plan)
        services.participants_sync(actor=SYSTEM, project=pilot)
        _from_the_first_day(plan)
        _run_the_training(plan)
    _participant_login(plan)


def story_groups(plan: Plan) -> list:
    """The plan's groups in the story's order: the one with Będzin's team first (it is the group
    that finished, whichever group the solver gave Będzin: with equal costs its choice may
    differ between databases), then the others by code."""
    groups = list(plan.training_groups.order_by("code"))
    with_bedzin = set(
        plan.training_groups.filter(teams__code=PILOT_PARTICIPANT_JST).values_list("pk", flat=True)
    )
    return sorted(groups, key=lambda group: group.pk not in with_bedzin)


def _move_into_the_past(plan: Plan) -> None:
    """Shift the meetings of the plan's groups: the first group ended FINISHED_DAYS_AGO, every
    other group has had two meetings and meets for the third in a week."""
    today = timezone.localdate()
    for number, group in enumerate(story_groups(plan)):
        meetings = Meeting.objects.filter(group=group).order_by("start_date")
        if number == 0:
            shift = meetings.last().end_date - (today - dt.timedelta(days=FINISHED_DAYS_AGO))
        else:
            third = meetings[min(2, meetings.count() - 1)]
            shift = third.start_date - (today + dt.timedelta(days=7))
        meetings.update(start_date=F("start_date") - shift, end_date=F("end_date") - shift)
    # The project began before its first meeting (as a project's dates would have said).
    first = Meeting.objects.filter(group__plan=plan).aggregate(first=Min("start_date"))["first"]
    Project.objects.filter(pk=plan.project_id, starts_on__gt=first).update(starts_on=first)


def _from_the_first_day(plan: Plan) -> None:
    """The sync made the participants today (the day it ran); in the story they took part from
    their group's first day, which the time travel above put in the past."""
    for group in plan.training_groups.annotate(first=Min("meetings__start_date")):
        Participant.objects.filter(group=group).update(since=group.first)


def _run_the_training(plan: Plan) -> None:
    """Mark and close every past day, the substitute taking over half-way in one group."""
    national = User.objects.get(email="krajowy@demo.example.org")
    chance = random.Random(2017)
    days = list(
        TrainingDay.objects.filter(meeting__group__plan=plan, date__lt=timezone.localdate())
        .select_related("meeting__trainer__user", "meeting__group")
        .order_by("date", "pk")
    )
    replaced = _substitution_day(days)
    unlucky = _unlucky(plan)
    for day in days:
        if day == replaced:
            _substitute(national, day)
        trainer = day.meeting.trainer.user if day.meeting.trainer else None
        actor = trainer or national
        marks = [_mark(person, chance, day, unlucky) for person in day_participants(day)]
        services.attendance_record(actor=actor, day=day, marks=marks)
        services.day_close(actor=actor, day=day)


def _unlucky(plan: Plan) -> tuple[int, set]:
    """The person of the first group who misses its first three days (ill): below the 80% of
    attendance a certificate needs, so the demo shows one who did not meet the rules."""
    first = story_groups(plan)[0]
    person = Participant.objects.filter(group=first).order_by("jst__name", "full_name").first()
    days = TrainingDay.objects.filter(meeting__group=first).order_by("date")[:3]
    return (person.pk if person else 0), {day.pk for day in days}


def _mark(
    person: Participant, chance: random.Random, day: TrainingDay, unlucky: tuple[int, set]
) -> MarkInput:
    (status,) = chance.choices([s for s, _w in MARKS], weights=[w for _s, w in MARKS])
    if person.pk == unlucky[0] and day.pk in unlucky[1]:
        status = "excused"
    return MarkInput(participant_id=person.pk, status=status, note=NOTES.get(status, ""))


def _substitution_day(days: list[TrainingDay]) -> TrainingDay | None:
    """The first day of the second group's second meeting: the substitute starts there."""
    groups = sorted({day.meeting.group.code for day in days})
    if len(groups) < 2:
        return None
    second = [d for d in days if d.meeting.group.code == groups[1]]
    modules = sorted({d.meeting.module for d in second})
    return next((d for d in second if len(modules) > 1 and d.meeting.module == modules[1]), None)


def _substitute(national: User, day: TrainingDay) -> None:
    """A person of the second group hands their place to a colleague from the same office."""
    person = (
        Participant.objects.filter(group=day.meeting.group, status="active")
        .order_by("jst__name", "full_name")
        .first()
    )
    if person is None:
        return
    name, email = SUBSTITUTE
    email = email.replace("2401011", person.jst.code)
    services.participant_substitute(
        actor=national, participant=person, full_name=name, email=email, since=day.date
    )


def _participant_login(plan: Plan) -> str | None:
    """Let one participant of Będzin sign in with the demo password; answers their e-mail."""
    person = (
        Participant.objects.filter(group__plan=plan, jst__code=PILOT_PARTICIPANT_JST)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if person is None:
        return None
    user = person.user
    if not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user.email


def pilot_participant_email() -> str | None:
    """The e-mail of the participant who signs in with the demo password (for the logins)."""
    return (
        Participant.objects.filter(
            group__plan__project__name=PILOT, jst__code=PILOT_PARTICIPANT_JST
        )
        .order_by("pk")
        .values_list("user__email", flat=True)
        .first()
    )
