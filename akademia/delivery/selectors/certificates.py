"""Completion (ukończenie) and certificates (zaświadczenia): rules, progress, the public check."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    Q,
    QuerySet,
    Sum,
)

from akademia.accounts.permissions import visible, visible_or_404
from akademia.core.models import Job, JobStatus
from akademia.delivery.models import (
    AWAITING,
    AdvisoryAssignment,
    AdvisoryStatus,
    Certificate,
    CompletionRules,
    Participant,
    TaskAssignment,
    TaskStatus,
    TrainingDay,
)
from akademia.planning import selectors as planning_selectors
from akademia.planning.models import TrainingGroup
from akademia.programmes.models import ProgrammeVersion

ISSUE_JOB = "delivery.issue_certificates"  # the job kind that issues a group's certificates

# Completion and certificates -------------------------------------------------------------------


def group_version(group: TrainingGroup) -> ProgrammeVersion | None:
    """The programme version a group is trained in: the one its plan was made for (the
    planner's `version` parameter), else the newest its project's calls offer (the planner's
    default)."""
    versions = planning_selectors.project_versions(group.project).select_related("programme")
    chosen = (group.plan.parameters or {}).get("version")
    version = versions.filter(pk=chosen).first() if chosen else None
    return version or versions.first()


def completion_rules_of(version: ProgrammeVersion) -> CompletionRules:
    """The version's rules, or the defaults (an unsaved row) when nobody set them."""
    rules = CompletionRules.objects.filter(version=version).first()
    rules = rules or CompletionRules(version=version)
    rules.version = version
    return rules


def version_get_for(user, pk: int) -> ProgrammeVersion:
    versions = ProgrammeVersion.objects.select_related("programme")
    return visible_or_404(versions, user, pk=pk)


def completion_participants(group: TrainingGroup) -> QuerySet[Participant]:
    """Everyone of the group, as completion reads them (the services' and the job's view)."""
    rows = Participant.objects.filter(group=group).select_related(
        "group__project", "group__venue", "jst", "user"
    )
    return rows.order_by("jst__name", "full_name", "since", "pk")


def completion_participants_for(user, group: TrainingGroup) -> QuerySet[Participant]:
    return visible(completion_participants(group), user)


def certificates_by_participant(participants, version) -> dict[int, Certificate]:
    rows = Certificate.objects.filter(participant__in=participants.values("pk"), version=version)
    return {row.participant_id: row for row in rows}


def certificate_get_for(user, pk: int) -> Certificate:
    rows = Certificate.objects.select_related("participant__group__project", "revoked_by")
    return visible_or_404(rows, user, pk=pk)


def certificate_download_for(user, pk: int) -> Certificate:
    """A certificate to download: in the user's scope (a participant: their own) and valid;
    a revoked one is no longer handed out."""
    rows = Certificate.objects.filter(revoked_at__isnull=True)
    return visible_or_404(rows, user, pk=pk)


# What the public verification page shows, and nothing more (no e-mail, JST or other person).
PUBLIC_FIELDS = (
    "number",
    "full_name",
    "programme_title",
    "version_number",
    "hours",
    "first_day",
    "last_day",
    "issuer",
    "issued_at",
    "revoked_at",
)


def certificate_public(number: str) -> Certificate | None:
    """The certificate with this number, or None: one query, the same for any number (a wrong
    number costs what a right one does)."""
    return Certificate.objects.only(*PUBLIC_FIELDS).filter(number=number).first()


def certificate_of(participant: Participant, version) -> Certificate | None:
    return Certificate.objects.filter(participant=participant, version=version).first()


def participant_locked(pk: int) -> Participant:
    """The participant's row, locked until the transaction ends: two runs issuing the same
    certificate wait for each other here (then the second finds it)."""
    rows = Participant.objects.select_for_update(of=("self",))
    return rows.select_related("group__project", "jst", "user").get(pk=pk)


def certificate_locked(pk: int) -> Certificate:
    return Certificate.objects.select_for_update().get(pk=pk)


def group_locked(pk: int) -> TrainingGroup:
    groups = TrainingGroup.objects.select_for_update(of=("self",))
    return groups.select_related("project", "plan").get(pk=pk)


def group_for_job(pk: int) -> TrainingGroup:
    return TrainingGroup.objects.select_related("project", "plan").get(pk=pk)


def issuing_job(group: TrainingGroup) -> Job | None:
    """A job issuing the group's certificates that has not finished."""
    jobs = Job.objects.filter(
        kind=ISSUE_JOB, params__group=group.pk, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
    )
    return jobs.order_by("-created_at").first()


def certificate_facts(participant: Participant, version: ProgrammeVersion) -> dict:
    """What a certificate of this person says: their days (first and last, within their
    period) and the modules of the meetings they had, with the hours of each."""
    days = TrainingDay.objects.filter(meeting__group_id=participant.group_id)
    dates = [d for d in days.values_list("date", flat=True) if participant.takes_part_on(d)]
    numbers = set(days.filter(date__in=dates).values_list("meeting__module", flat=True).distinct())
    modules = list(version.modules.order_by("order"))
    rows = [
        {"title": module.title, "hours": str(module.hours)}
        for number, module in enumerate(modules, start=1)
        if number in numbers
    ]
    return {
        "first_day": min(dates),
        "last_day": max(dates),
        "modules": rows,
        "hours": sum((Decimal(row["hours"]) for row in rows), Decimal(0)),
    }


# What the completion rules read for a whole group at once (`completion.Rule.load`) -------------


@dataclass(frozen=True)
class TeamTasks:
    """How many tasks a JST team of a group was given, and in which state they are."""

    total: int = 0
    accepted: int = 0
    returned: int = 0
    submitted: int = 0
    open: int = 0


def team_task_counts(participants: QuerySet[Participant]) -> dict[tuple[int, int], TeamTasks]:
    """Per (group, JST) of these participants: their team's tasks by state (one query)."""
    tasks = TaskAssignment.objects.filter(
        group_id__in=participants.values("group_id"), jst_id__in=participants.values("jst_id")
    )
    rows = (
        tasks.order_by()
        .values("group_id", "jst_id")
        .annotate(
            total=Count("pk"),
            accepted=Count("pk", filter=Q(status=TaskStatus.ACCEPTED)),
            returned=Count("pk", filter=Q(status=TaskStatus.RETURNED)),
            submitted=Count("pk", filter=Q(status=TaskStatus.SUBMITTED)),
            open=Count("pk", filter=Q(status=TaskStatus.OPEN)),
        )
    )
    return {(row.pop("group_id"), row.pop("jst_id")): TeamTasks(**row) for row in rows}


def version_gives_tasks(version: ProgrammeVersion) -> bool:
    """Whether a module of the version has a task between meetings (one query)."""
    return version.modules.exclude(intersession_task__regex=r"^\s*$").exists()


@dataclass(frozen=True)
class JstAdvisory:
    """A JST's advisory hours in a project by state (it has an advisor: the row exists)."""

    confirmed: Decimal
    awaiting: Decimal
    planned: Decimal


def jst_advisory_hours(participants: QuerySet[Participant]) -> dict[tuple[int, int], JstAdvisory]:
    """Per (project, JST) of these participants that has an advisor: the hours its
    coordinator confirmed, those awaiting confirmation (or disputed) and those planned, of all
    its entries whoever made them (one query)."""
    assignments = AdvisoryAssignment.objects.filter(
        project_id__in=participants.values("group__project_id"),
        jst_id__in=participants.values("jst_id"),
    )

    def total(*statuses):
        return Sum("sessions__hours", filter=Q(sessions__status__in=statuses))

    rows = (
        assignments.order_by()
        .values("project_id", "jst_id")
        .annotate(
            confirmed=total(AdvisoryStatus.CONFIRMED),
            awaiting=total(*AWAITING),
            planned=total(AdvisoryStatus.PLANNED),
        )
    )
    return {
        (row["project_id"], row["jst_id"]): JstAdvisory(
            *(row[name] or Decimal(0) for name in ("confirmed", "awaiting", "planned"))
        )
        for row in rows
    }
