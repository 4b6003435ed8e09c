"""Advisory support (doradztwo): assignments, sessions, confirmations, hours against due."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import (
    F,
    Q,
    QuerySet,
    Sum,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from akademia.accounts.permissions import can, get_or_404, visible, visible_or_404
from akademia.accounts.roles import Capability
from akademia.accounts.selectors import advisors_of
from akademia.core.collation import polish
from akademia.delivery import hours
from akademia.delivery.models import (
    EDITABLE_ADVISORY,
    TAKES_TIME,
    AdvisoryAssignment,
    AdvisoryChange,
    AdvisorySession,
    AdvisoryStatus,
    SessionMode,
)
from akademia.planning.models import Plan, PlanStatus
from akademia.programmes.models import AdvisoryMode, ProgrammeVersion
from akademia.recruitment.models import Enrolment, Project
from akademia.territory.models import Jst, Voivodeship

# Advisory support (doradztwo) ------------------------------------------------------------------
#
# An advisor (a trainer) sees the JST assigned to them (the `teacher` path), a verified
# coordinator their JST's (`jst`), an operator their voivodeships'; a participant nothing.


def advisory_dues(projects) -> dict[int, tuple[Decimal, str]]:
    """Per project (by id): the hours due to each of its JST and where they may take place (a
    programmes.AdvisoryMode value: office, remote or both), from the programme version its
    published plan was made for, else the newest its calls offer (the planner's default). Two
    queries for any number of projects."""
    ids = [project.pk for project in projects]
    plans = Plan.objects.filter(project_id__in=ids, status=PlanStatus.PUBLISHED)
    chosen = {
        pk: (params or {}).get("version")
        for pk, params in plans.values_list("project_id", "parameters")
    }
    offered: dict[int, dict[int, ProgrammeVersion]] = defaultdict(dict)
    versions = ProgrammeVersion.objects.filter(recruitment_calls__project_id__in=ids)
    for version in versions.annotate(project_id=F("recruitment_calls__project_id")).order_by("-pk"):
        offered[version.project_id].setdefault(version.pk, version)
    dues = {}
    for pk in ids:
        version = offered[pk].get(chosen.get(pk)) or next(iter(offered[pk].values()), None)
        dues[pk] = (
            (Decimal(version.advisory_hours), version.advisory_mode)
            if version
            else (Decimal(0), AdvisoryMode.BOTH)
        )
    return dues


def advisory_due(project: Project) -> tuple[Decimal, str]:
    """`advisory_dues` of one project."""
    return advisory_dues([project])[project.pk]


def advisory_assignments_for(user, *, project: int | None = None) -> QuerySet[AdvisoryAssignment]:
    rows = AdvisoryAssignment.objects.select_related("project", "jst", "advisor")
    if project:
        rows = rows.filter(project_id=project)
    return visible(rows, user).order_by(polish("project__name"), polish("jst__name"), "pk")


def advisory_assignment_get_for(user, pk: int) -> AdvisoryAssignment:
    rows = AdvisoryAssignment.objects.select_related("project__voivodeship", "jst", "advisor")
    return visible_or_404(rows, user, pk=pk)


def advisory_sessions_for(
    user, *, assignment: AdvisoryAssignment | None = None, project: int | None = None
) -> QuerySet[AdvisorySession]:
    """Entries of the user's scope (of one JST's assignment or one project), by date."""
    rows = AdvisorySession.objects.select_related(
        "assignment__project", "assignment__jst", "advisor"
    )
    if assignment is not None:
        rows = rows.filter(assignment=assignment)
    if project:
        rows = rows.filter(assignment__project_id=project)
    return visible(rows, user).order_by("date", "pk")


def advisory_session_get_for(user, pk: int) -> AdvisorySession:
    rows = AdvisorySession.objects.select_related(
        "assignment__project", "assignment__jst", "assignment__advisor", "advisor", "changed_by"
    )
    return visible_or_404(rows, user, pk=pk)


def advisory_history_for(user, session: AdvisorySession) -> QuerySet[AdvisoryChange]:
    changes = AdvisoryChange.objects.filter(session=session).select_related("changed_by")
    return visible(changes, user).order_by("version")


def advisory_to_confirm_for(user) -> QuerySet[AdvisorySession]:
    """Entries waiting for this coordinator's confirmation (none for anyone else)."""
    if not can(user, Capability.CONFIRM_ADVISORY):
        return AdvisorySession.objects.none()
    return advisory_sessions_for(user).filter(status=AdvisoryStatus.REPORTED)


def advisory_upcoming_for(user) -> QuerySet[AdvisorySession]:
    """An advisor's planned entries from today on (their next visits)."""
    if not can(user, Capability.LOG_ADVISORY):
        return AdvisorySession.objects.none()
    rows = advisory_sessions_for(user).filter(advisor=user, status=AdvisoryStatus.PLANNED)
    return rows.filter(date__gte=timezone.localdate())


def advisory_projects_for(user) -> QuerySet[Project]:
    """The projects whose advisors the user may assign (an operator's, with enrolled JST)."""
    if not can(user, Capability.ASSIGN_ADVISORS):
        return Project.objects.none()
    projects = Project.objects.filter(enrolments__withdrawn_at__isnull=True).distinct()
    return visible(projects, user).order_by(polish("name"))


def advisory_project_get_for(user, pk: int) -> Project:
    return get_or_404(advisory_projects_for(user), pk=pk)


def advisory_jsts(project: Project) -> QuerySet[Jst]:
    """The JST due advisory in a project: those with an enrolment not withdrawn."""
    enrolled = Enrolment.objects.filter(project=project, withdrawn_at__isnull=True)
    return Jst.objects.filter(pk__in=enrolled.values("jst_id")).order_by(polish("name"), "code")


def advisor_choices(project: Project) -> QuerySet:
    """Who may advise the project's JST: the trainers of their voivodeships."""
    voivodeships = advisory_jsts(project).values("voivodeship_id")
    return advisors_of(Voivodeship.objects.filter(pk__in=voivodeships))


def advisor_works_in(advisor, voivodeship_id: int) -> bool:
    """Whether a trainer works in the voivodeship (what an advisor of its JST must)."""
    return advisor.voivodeships.filter(pk=voivodeship_id).exists()


def is_enrolled(project: Project, jst: Jst) -> bool:
    return advisory_jsts(project).filter(pk=jst.pk).exists()


def advisor_hours_on(advisor, date: dt.date, *, besides: int | None = None) -> Decimal:
    """The hours an advisor has entered (planned or held, not cancelled) on one day, in any
    JST, leaving out the entry `besides` (the one being changed)."""
    rows = AdvisorySession.objects.filter(advisor=advisor, date=date, status__in=TAKES_TIME)
    if besides:
        rows = rows.exclude(pk=besides)
    return rows.aggregate(total=Sum("hours"))["total"] or Decimal(0)


def may_log_advisory(user, assignment: AdvisoryAssignment) -> bool:
    """The JST's current advisor adds its entries."""
    return assignment.advisor_id == user.pk and can(user, Capability.LOG_ADVISORY, assignment)


def may_edit_session(user, session: AdvisorySession) -> bool:
    """The entry's advisor changes it while it is planned, awaits confirmation or is disputed."""
    return (
        session.advisor_id == user.pk
        and session.status in EDITABLE_ADVISORY
        and can(user, Capability.LOG_ADVISORY, session)
    )


def may_confirm_session(user, session: AdvisorySession) -> bool:
    """The JST's verified coordinator confirms or disputes a reported entry."""
    return session.status == AdvisoryStatus.REPORTED and can(
        user, Capability.CONFIRM_ADVISORY, session
    )


@dataclass(frozen=True)
class AdvisoryEvent:
    """One advisory visit or session for a calendar (docs/delivery.md, "Advisory support").

    `uid` stays the same whatever changes in the entry (an iCal UID); `sequence` grows with each
    change (iCal SEQUENCE). A day's entry has no time of day: a calendar shows it all day."""

    uid: str
    date: dt.date
    hours: Decimal
    title: str
    place: str
    status: str
    status_label: str
    sequence: int
    url: str
    changed_at: dt.datetime | None = None  # the last change (iCal LAST-MODIFIED)

    @property
    def planned(self) -> bool:
        return self.status == AdvisoryStatus.PLANNED

    @property
    def cancelled(self) -> bool:
        return self.status == AdvisoryStatus.CANCELLED


def advisory_events_for(
    user, start: dt.date, end: dt.date, *, cancelled: bool = False
) -> list[AdvisoryEvent]:
    """The advisory visits and sessions of the user's calendar from `start` to `end` (both
    included), not cancelled (unless `cancelled`: a feed tells calendar programs that an event
    it sent is off): an advisor's JST, a coordinator's JST, an operator's voivodeships; nothing
    for anyone else. Titles are in the active language. One query."""
    if not can(user, Capability.SEE_ADVISORY):
        return []
    rows = advisory_sessions_for(user).filter(date__gte=start, date__lte=end)
    if not cancelled:
        rows = rows.exclude(status=AdvisoryStatus.CANCELLED)
    return [_event(session) for session in rows]


def _event(session: AdvisorySession) -> AdvisoryEvent:
    jst = session.assignment.jst.name
    office = session.mode == SessionMode.OFFICE
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return AdvisoryEvent(
        uid=f"advisory-{session.pk}@{host}",
        date=session.date,
        hours=session.hours,
        title=gettext("Advisory: %(jst)s, %(topic)s") % {"jst": jst, "topic": session.topic},
        place=gettext("JST office: %(jst)s") % {"jst": jst} if office else gettext("remote"),
        status=session.status,
        status_label=session.get_status_display(),
        sequence=session.version,
        url=reverse("delivery:advisory-session", args=[session.pk]),
        changed_at=session.changed_at,
    )


def advisory_sums_for(user, *, project: int | None = None) -> list[dict]:
    """The hours of the user's scope per assignment, advisor and status, in one query:
    {assignment_id, advisor_id, advisor__full_name, status, total}."""
    rows = advisory_sessions_for(user, project=project).order_by()
    return list(
        rows.values("assignment_id", "advisor_id", "advisor__full_name", "status").annotate(
            total=Sum("hours")
        )
    )


def advisory_unassigned_for(user, *, project: int | None = None) -> list[tuple[Project, Jst]]:
    """For an operator: the enrolled JST of their projects that have no advisor yet."""
    if not can(user, Capability.ASSIGN_ADVISORS):
        return []
    enrolments = Enrolment.objects.filter(withdrawn_at__isnull=True)
    if project:
        enrolments = enrolments.filter(project_id=project)
    enrolled = set(visible(enrolments, user).values_list("project_id", "jst_id"))
    assigned = AdvisoryAssignment.objects.filter(project_id__in={p for p, _j in enrolled})
    pairs = enrolled - set(assigned.values_list("project_id", "jst_id"))
    projects = Project.objects.in_bulk({p for p, _j in pairs})
    jsts = Jst.objects.in_bulk({j for _p, j in pairs})
    return [(projects[p], jsts[j]) for p, j in pairs]


def advisory_report_projects_for(user) -> QuerySet[Project]:
    """The projects the user's advisory report may be narrowed to."""
    assigned = visible(AdvisoryAssignment.objects.all(), user).values("project_id")
    return Project.objects.filter(
        Q(pk__in=assigned) | Q(pk__in=advisory_projects_for(user).values("pk"))
    ).order_by(polish("name"))


def advisory_report_for(user, *, project: int | None = None) -> hours.AdvisoryReport:
    """Hours due, confirmed, awaiting and planned per JST, advisor and project of the user's
    scope (optionally one project), in a few queries plus two per project."""
    # Only what the report shows (and its XLSX): nationally 1000 assignments, whose projects,
    # JST and advisors read whole (the JST's search keys, the accounts) were 4000 instances of
    # every column, a third of the page's time.
    shown = ("project__name", "jst__name", "jst__code", "advisor__full_name")
    assignments = list(advisory_assignments_for(user, project=project).only(*shown))
    unassigned = advisory_unassigned_for(user, project=project)
    projects = {a.project for a in assignments} | {p for p, _jst in unassigned}
    dues = {pk: due for pk, (due, _mode) in advisory_dues(projects).items()}
    return hours.build(assignments, unassigned, advisory_sums_for(user, project=project), dues)


def advisory_assignment_hours(assignment: AdvisoryAssignment) -> hours.Hours:
    """One JST's hours (an assignment already in the reader's scope): due, and of all its
    entries, whoever made them, confirmed, awaiting and planned."""
    totals = hours.Hours(due=advisory_due(assignment.project)[0])
    rows = AdvisorySession.objects.filter(assignment=assignment).order_by()
    for row in rows.values("status").annotate(total=Sum("hours")):
        totals.count(row["status"], row["total"])
    return totals


def advisory_mode_choices(project: Project) -> list[tuple[str, str]]:
    """The forms an entry of the project may take: those its programme allows."""
    allowed = advisory_due(project)[1]
    return [
        (value, label)
        for value, label in SessionMode.choices
        if allowed == AdvisoryMode.BOTH or value == allowed
    ]
