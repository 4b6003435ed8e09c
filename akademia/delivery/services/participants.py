"""Who takes part: the groups' participants follow the published plan and the enrolments
(`participants_sync`), a JST's coordinator replaces a person (zastępstwo) or records a
withdrawal (rezygnacja); each keeps the history of the place."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.accounts.services import Person, participant_accounts
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.delivery.models import AttendanceMark, Participant, ParticipantStatus, TrainingDay
from akademia.delivery.selectors import training_period
from akademia.delivery.services.team_tasks import assign_tasks
from akademia.planning.models import Meeting, TrainingGroup
from akademia.recruitment.models import Enrolment, Project


@dataclass
class SyncResult:
    created: int = 0
    withdrawn: int = 0
    regrouped: int = 0
    days: int = 0
    tasks: int = 0  # tasks between meetings given to teams
    tasks_moved: int = 0  # tasks whose due day followed a moved meeting

    @property
    def changed(self) -> bool:
        return any(
            (self.created, self.withdrawn, self.regrouped, self.days, self.tasks, self.tasks_moved)
        )


def participants_sync_project(*, actor: Actor, project_id: int) -> dict:
    """The task's entry: the project by id (it may be gone: nothing to do)."""
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return {}
    return vars(participants_sync(actor=actor, project=project))


@service
def participants_sync(*, actor: Actor, project: Project) -> SyncResult:
    """Make the project's participants and training days match its current groups.

    Idempotent (run twice, the same rows) and in a constant number of queries whatever the
    number of people:
    * whoever takes part in a group that a newer plan replaced is `regrouped` from today;
    * whoever holds a withdrawn enrolment has withdrawn, from the day of the withdrawal;
    * every enrolment of a JST in a current group gets a participant there, unless it has one:
      the person who held the place last (a substitute carries over to the new plan's group),
      or the enrolled team member, whose account is found or made (`participant_accounts`);
      a place whose last holder withdrew stays empty;
    * every day of the groups' meetings gets its TrainingDay;
    * every team with someone taking part gets each module's task between meetings
      (`team_tasks.assign_tasks`).
    The platform (`SYSTEM`, the task after publication) or a planner of the project runs it.
    """
    if actor is not SYSTEM:
        require(actor, Capability.PLAN_TRAINING, project)
    today = timezone.localdate()
    result = SyncResult()
    rows = list(
        Participant.objects.filter(group__project=project)
        .select_related("group", "enrolment")
        .order_by("since", "pk")
    )
    ended = _end_regrouped(rows, today) + _end_withdrawn(rows)
    Participant.objects.bulk_update(ended, ["status", "until", "end_reason"])
    result.regrouped = sum(1 for p in ended if p.status == ParticipantStatus.REGROUPED)
    result.withdrawn = len(ended) - result.regrouped
    groups = list(
        TrainingGroup.objects.filter(project=project, active=True).prefetch_related("teams")
    )
    new = _new_participants(actor, project, groups, rows, today)
    result.created = len(new)
    Participant.objects.bulk_create(new)
    result.days = _ensure_days(groups)
    given = assign_tasks(project, groups)
    result.tasks, result.tasks_moved = given.created, given.moved
    if result.changed:
        audit.record(actor, "delivery.participants.synced", project, vars(result))
    return result


def _end_regrouped(rows: list[Participant], today: dt.date) -> list[Participant]:
    ended = []
    for row in rows:
        if row.status == ParticipantStatus.ACTIVE and not row.group.active:
            row.status, row.until = ParticipantStatus.REGROUPED, max(row.since, today)
            ended.append(row)
    return ended


def _end_withdrawn(rows: list[Participant]) -> list[Participant]:
    ended = []
    for row in rows:
        withdrawn_at = row.enrolment.withdrawn_at
        if row.status == ParticipantStatus.ACTIVE and withdrawn_at is not None:
            row.status = ParticipantStatus.WITHDRAWN
            row.until = max(row.since, timezone.localdate(withdrawn_at))
            row.end_reason = _("The JST withdrew its application.")
            ended.append(row)
    return ended


def _new_participants(actor, project, groups, rows, today) -> list[Participant]:
    """Unsaved participants for the enrolments of current groups that have none there."""
    group_of_jst = {jst.pk: group for group in groups for jst in group.teams.all()}
    present = {(row.group_id, row.enrolment_id) for row in rows}
    last_holder = {row.enrolment_id: row for row in rows}  # rows are in date order
    enrolments = (
        Enrolment.objects.filter(
            project=project, withdrawn_at__isnull=True, jst__in=list(group_of_jst)
        )
        .select_related("member", "jst__voivodeship")
        .order_by("jst__name", "member__order", "pk")
    )
    places = []
    for enrolment in enrolments:
        group = group_of_jst[enrolment.jst_id]
        holder = last_holder.get(enrolment.pk)
        if (group.pk, enrolment.pk) in present:
            continue
        if holder is not None and holder.status == ParticipantStatus.WITHDRAWN:
            continue  # the person withdrew: the place stays empty
        places.append((group, enrolment, holder))
    accounts = participant_accounts(
        actor=actor,
        people=[
            Person(e.member.email, e.member.full_name, e.jst)
            for _g, e, holder in places
            if holder is None
        ],
    )
    return [
        _participant(group, enrolment, holder, accounts, today)
        for group, enrolment, holder in places
    ]


def _participant(group, enrolment, holder, accounts, today) -> Participant:
    if holder is not None:  # the same person, in the newer plan's group
        name, email, user_id = holder.full_name, holder.email, holder.user_id
    else:
        member = enrolment.member
        name, email = member.full_name, member.email
        user_id = accounts[email.strip().lower()].pk
    return Participant(
        group=group,
        enrolment=enrolment,
        jst_id=enrolment.jst_id,
        user_id=user_id,
        full_name=name,
        email=email,
        since=today,
    )


def _ensure_days(groups) -> int:
    """A TrainingDay for every day of the groups' meetings (those there already stay), with the
    default day's hours of the settings (the trainer changes them on the day's page)."""
    meetings = list(Meeting.objects.filter(group__in=groups))
    existing = set(
        TrainingDay.objects.filter(meeting__in=meetings).values_list("meeting_id", "date")
    )
    missing = [
        TrainingDay(
            meeting=meeting,
            date=date,
            starts_at=settings.DELIVERY_DAY_STARTS,
            ends_at=settings.DELIVERY_DAY_ENDS,
        )
        for meeting in meetings
        for date in _dates(meeting.start_date, meeting.end_date)
        if (meeting.pk, date) not in existing
    ]
    TrainingDay.objects.bulk_create(missing)
    return len(missing)


def _dates(first: dt.date, last: dt.date):
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)


# A person leaves: a substitute from a date on, or a withdrawal ---------------------------------


def _lock_active(participant: Participant) -> Participant:
    participant = (
        Participant.objects.select_for_update()
        .select_related("group", "jst")
        .get(pk=participant.pk)
    )
    if participant.status != ParticipantStatus.ACTIVE:
        raise DomainError(_("This person no longer takes part in the group."))
    return participant


def _check_date(participant: Participant, date: dt.date, field: str) -> None:
    """The date falls within the training and after the person started; no attendance of the
    person is recorded from that day on (their history ends the day before)."""
    period = training_period(participant.group)
    if period is None or not period[0] <= date <= period[1]:
        first, last = period or (None, None)
        raise DomainError(
            _("The date must fall within the group's training: from %(first)s to %(last)s.")
            % {"first": _day(first), "last": _day(last)}
            if period
            else _("The group has no meetings."),
            field=field,
        )
    if date < participant.since:
        raise DomainError(
            _("%(name)s takes part only from %(date)s.")
            % {"name": participant.full_name, "date": _day(participant.since)},
            field=field,
        )
    marked = (
        AttendanceMark.objects.filter(participant=participant, day__date__gte=date)
        .order_by("-day__date")
        .values_list("day__date", flat=True)
        .first()
    )
    if marked:
        raise DomainError(
            _(
                "Attendance of %(name)s is already recorded on %(date)s: choose a later date, "
                "or have that mark corrected first."
            )
            % {"name": participant.full_name, "date": _day(marked)},
            field=field,
        )


def _day(date: dt.date | None) -> str:
    return date_format(date, "j E Y") if date else ""


@service
def participant_substitute(
    *, actor: Actor, participant: Participant, full_name: str, email: str, since: dt.date
) -> Participant:
    """Zastępstwo: from `since` on another person of the same JST takes the place; the one
    replaced keeps their attendance up to the day before. Their JST's verified coordinator (or
    an operator) does it; the new person's account is found or made and invited."""
    require(
        actor,
        Capability.MANAGE_PARTICIPANTS,
        participant,
        _("Only the coordinator of the person's JST can replace them."),
    )
    old = _lock_active(participant)
    _check_date(old, since, "since")
    email = email.strip().lower()
    if not full_name.strip():
        raise DomainError(_("Give the substitute's full name."), field="full_name")
    if email == old.email.lower():
        raise DomainError(_("The substitute must be another person."), field="email")
    account = participant_accounts(actor=actor, people=[Person(email, full_name, old.jst)])[email]
    _check_same_jst(account, old)
    if Participant.objects.filter(
        group=old.group, user=account, status=ParticipantStatus.ACTIVE
    ).exists():
        raise DomainError(_("This person already takes part in the group."), field="email")
    old.status, old.until, old.ended_by = ParticipantStatus.SUBSTITUTED, since, audit.person(actor)
    old.save(update_fields=["status", "until", "ended_by"])
    new = Participant.objects.create(
        group=old.group,
        enrolment_id=old.enrolment_id,
        jst=old.jst,
        user=account,
        full_name=full_name.strip(),
        email=email,
        since=since,
        replaces=old,
    )
    audit.record(
        actor,
        "delivery.participant.substituted",
        new,
        {"replaces": old.pk, "replaced": old.full_name, "since": since.isoformat()},
    )
    return new


def _check_same_jst(account, old: Participant) -> None:
    """A substitute comes from the same JST: an account of another JST is another office's
    person (an account without a JST, e.g. a trainer's, is not refused for that)."""
    if account.jst_id and account.jst_id != old.jst_id:
        raise DomainError(
            _("This person belongs to another JST (%(jst)s); a substitute comes from %(own)s.")
            % {"jst": account.jst.name, "own": old.jst.name},
            field="email",
        )


@service
def participant_withdraw(
    *, actor: Actor, participant: Participant, date: dt.date, reason: str
) -> Participant:
    """Rezygnacja: the person no longer takes part from `date` on, for the reason given; their
    place stays empty (a later plan does not bring them back)."""
    require(
        actor,
        Capability.MANAGE_PARTICIPANTS,
        participant,
        _("Only the coordinator of the person's JST can record their withdrawal."),
    )
    participant = _lock_active(participant)
    if not reason.strip():
        raise DomainError(_("Give the reason for the withdrawal."), field="reason")
    _check_date(participant, date, "date")
    participant.status, participant.until = ParticipantStatus.WITHDRAWN, date
    participant.end_reason, participant.ended_by = reason.strip(), audit.person(actor)
    participant.save(update_fields=["status", "until", "end_reason", "ended_by"])
    audit.record(
        actor,
        "delivery.participant.withdrawn",
        participant,
        {"date": date.isoformat(), "reason": participant.end_reason},
    )
    return participant
