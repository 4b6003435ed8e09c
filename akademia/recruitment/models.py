"""Recruitment ("nabór"): projects, calls, applications of JST teams, selection and enrolment.

A Project is the pilot (national, no voivodeship) or a regional project (one voivodeship). A
Call belongs to a project and says who may apply, how applications are scored (Criterion rows)
and how many JST and people are taken (CallQuota rows, one per `selection.Quota`). An
Application is one JST's team; a SelectionRun stores what `selection.select` (or `refill`)
answered; publishing turns the selected teams into Enrolments of the project.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akademia.core.collation import polish
from akademia.core.scope import ScopePaths
from akademia.territory.kinds import ExchangeGroupKind


class Project(models.Model):
    """Projekt: the pilot (no voivodeship: national operators only) or a regional project."""

    scope = ScopePaths(voivodeship="voivodeship")

    name = models.CharField(_("name"), max_length=200)
    voivodeship = models.ForeignKey(
        "territory.Voivodeship",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recruitment_projects",
        verbose_name=_("voivodeship"),
        help_text=_("Empty for the national pilot."),
    )
    target_jst = models.PositiveIntegerField(_("target: number of JST"), default=0)
    target_people = models.PositiveIntegerField(_("target: number of people"), default=0)
    # The project's window ("okres realizacji"): every meeting of its training lies inside it.
    # Empty only for projects set up before the dates were asked for; they cannot be planned.
    starts_on = models.DateField(_("project starts on"), null=True, blank=True)
    ends_on = models.DateField(_("project ends on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        ordering = [polish("name")]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True, ends_on__isnull=True)
                | models.Q(starts_on__lte=models.F("ends_on"), starts_on__isnull=False)
                & models.Q(ends_on__isnull=False),
                name="recruitment_project_period",
                violation_error_message=_(
                    "A project ends on or after the day it starts; give both dates or neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_dates(self) -> bool:
        return self.starts_on is not None and self.ends_on is not None


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    OPEN = "open", _("open for applications")
    CLOSED = "closed", _("closed, under review")
    PUBLISHED = "published", _("results published")


CALL_TRANSITIONS: dict[str, tuple[str, ...]] = {
    CallStatus.DRAFT: (CallStatus.OPEN,),
    CallStatus.OPEN: (CallStatus.CLOSED,),
    CallStatus.CLOSED: (CallStatus.OPEN,),
    CallStatus.PUBLISHED: (),
}

DEFAULT_CONSENT = _(
    "I consent to the processing of the personal data given in this application (of the "
    "coordinator and of the team members) by the operator of Akademia Samorządowa for the "
    "purpose of recruitment to the project, its monitoring and evaluation. I confirm that the "
    "team members were informed about it."
)


class Call(models.Model):
    """Nabór: who may apply to a project, when, with what team, how they are scored and taken."""

    scope = ScopePaths(voivodeship="project__voivodeship")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="calls", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    versions = models.ManyToManyField(
        "programmes.ProgrammeVersion",
        related_name="recruitment_calls",
        verbose_name=_("programme versions offered"),
    )
    opens_on = models.DateField(_("applications from"))
    closes_on = models.DateField(_("applications until"))
    status = models.CharField(
        _("status"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    kinds = models.JSONField(
        _("exchange-group kinds that may apply"), default=list, help_text=_("rural, urban, county")
    )
    voivodeships = models.ManyToManyField(
        "territory.Voivodeship",
        blank=True,
        related_name="+",
        verbose_name=_("voivodeships that may apply"),
        help_text=_("Empty: all (a regional project's call: its voivodeship)."),
    )
    allow_returning = models.BooleanField(
        _("JST that already took part may apply again"), default=False
    )
    team_min = models.PositiveSmallIntegerField(_("team: minimum people"), default=2)
    team_max = models.PositiveSmallIntegerField(_("team: maximum people"), default=5)
    team_min_managers = models.PositiveSmallIntegerField(_("team: at least managers"), default=1)
    questions = models.JSONField(_("questions to applicants"), default=list, blank=True)
    consent_text = models.TextField(_("consent text"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    published_at = models.DateTimeField(_("results published"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", polish("title")]
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=CallStatus.values),
                name="recruitment_call_status",
                violation_error_message=_("Unknown status of a call for applications."),
            ),
            models.CheckConstraint(
                condition=models.Q(team_min__lte=models.F("team_max")),
                name="recruitment_call_team_bounds",
                violation_error_message=_("The smallest team cannot be larger than the largest."),
            ),
            models.CheckConstraint(
                condition=models.Q(opens_on__lte=models.F("closes_on")),
                name="recruitment_call_period",
                violation_error_message=_("Applications cannot close before they open."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def accepts_applications(self) -> bool:
        today = timezone.localdate()
        return self.status == CallStatus.OPEN and self.opens_on <= today <= self.closes_on

    @property
    def is_published(self) -> bool:
        return self.status == CallStatus.PUBLISHED

    @property
    def kind_labels(self) -> list[str]:
        return [str(ExchangeGroupKind(kind).label) for kind in self.kinds]


class CriterionCode(models.TextChoices):
    """Named scoring criteria, each computed from data (`scoring.py`), except the manual one."""

    RURAL = "rural", _("rural commune")
    NEWCOMER = "newcomer", _("JST that never received such support")
    COMPLETE_TEAM = "complete_team", _("complete team with a manager")
    MANUAL = "manual", _("operator's assessment of the answers")


class Criterion(models.Model):
    """One scoring criterion of a call and its weight (points for a full match)."""

    scope = ScopePaths(voivodeship="call__project__voivodeship")

    call = models.ForeignKey(
        Call,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("call for applications"),
    )
    code = models.CharField(_("criterion"), max_length=20, choices=CriterionCode.choices)
    weight = models.PositiveSmallIntegerField(_("weight (points)"))

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "code"],
                name="recruitment_criterion_unique",
                violation_error_message=_("This call already has this criterion."),
            ),
            models.CheckConstraint(
                condition=models.Q(code__in=CriterionCode.values),
                name="recruitment_criterion_code",
                violation_error_message=_("Unknown scoring criterion."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.weight})"


class QuotaField(models.TextChoices):
    """Which applications a quota counts: all, or those of a kind, a voivodeship or a county
    (the values are exchange-group kinds or TERYT codes)."""

    TOTAL = "", _("all applications")
    KIND = "kind", _("kind of JST")
    VOIVODESHIP = "voivodeship", _("voivodeship")
    COUNTY = "county", _("county")


class QuotaUnit(models.TextChoices):
    """What a quota counts: applications (JST), people, or people from the management."""

    JST = "jst", _("JST")
    PEOPLE = "people", _("people")
    MANAGERS = "managers", _("managers")


class CallQuota(models.Model):
    """A min and/or max on JST, people or managers; maps 1:1 to `selection.Quota`."""

    scope = ScopePaths(voivodeship="call__project__voivodeship")

    call = models.ForeignKey(
        Call,
        on_delete=models.CASCADE,
        related_name="quotas",
        verbose_name=_("call for applications"),
    )
    code = models.CharField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=100, blank=True)
    field = models.CharField(
        _("group"), max_length=20, choices=QuotaField.choices, blank=True, default=""
    )
    values = models.JSONField(_("values"), default=list, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=QuotaUnit.choices, default="jst")
    min = models.PositiveIntegerField(_("minimum"), null=True, blank=True)
    max = models.PositiveIntegerField(_("maximum"), null=True, blank=True)

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "code"],
                name="recruitment_quota_code_unique",
                violation_error_message=_(
                    "Two quotas of this call limit the same group in the same unit."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(min__isnull=False) | models.Q(max__isnull=False),
                name="recruitment_quota_has_bound",
                violation_error_message=_("A quota needs a minimum, a maximum or both."),
            ),
            models.CheckConstraint(
                condition=models.Q(min__isnull=True)
                | models.Q(max__isnull=True)
                | models.Q(min__lte=models.F("max")),
                name="recruitment_quota_bounds",
                violation_error_message=_("The minimum of a quota cannot be above its maximum."),
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.code


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    CORRECTIONS = "corrections", _("corrections requested")
    COMPLETE = "complete", _("complete")
    SELECTED = "selected", _("selected")
    WAITING = "waiting", _("on the waiting list")
    NOT_SELECTED = "not_selected", _("not selected")
    WITHDRAWN = "withdrawn", _("withdrawn")


# Applications that take part in a selection run (re-running moves them between the last three).
SELECTABLE = (
    ApplicationStatus.COMPLETE,
    ApplicationStatus.SELECTED,
    ApplicationStatus.WAITING,
    ApplicationStatus.NOT_SELECTED,
)
EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.CORRECTIONS)


class Override(models.TextChoices):
    NONE = "", _("no manual decision")
    IN = "in", _("force in")
    OUT = "out", _("force out")


def letter_path(application: "Application", filename: str) -> str:
    return f"recruitment/letters/{application.call_id}/{uuid.uuid4().hex}.pdf"


class Application(models.Model):
    """Zgłoszenie: one JST's application to a call, with its team."""

    scope = ScopePaths(voivodeship="call__project__voivodeship", jst="jst", own="coordinator")

    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("call for applications"),
    )
    jst = models.ForeignKey(
        "territory.Jst",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("JST"),
    )
    token = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        verbose_name=_("code of the application's link"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default="draft"
    )
    coordinator_name = models.CharField(_("coordinator's name"), max_length=150)
    coordinator_email = models.EmailField(_("coordinator's e-mail"))
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recruitment_applications",
        verbose_name=_("coordinator's account"),
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    answers = models.JSONField(_("answers"), default=list, blank=True)
    consent_text = models.TextField(_("consent shown"), blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    letter = models.FileField(_("letter of intent"), upload_to=letter_path, blank=True)
    letter_name = models.CharField(
        max_length=200, blank=True, verbose_name=_("file name of the letter")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    corrections_note = models.TextField(_("corrections requested"), blank=True)
    score = models.FloatField(_("score"), default=0)
    score_parts = models.JSONField(default=list, blank=True, verbose_name=_("parts of the score"))
    manual_points = models.PositiveSmallIntegerField(
        _("operator's assessment (0-10)"), null=True, blank=True
    )
    override = models.CharField(
        _("manual decision"), max_length=3, choices=Override.choices, blank=True, default=""
    )
    override_reason = models.TextField(_("reason for the manual decision"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("manual decision by"),
    )
    reasons = models.JSONField(_("selection reasons"), default=list, blank=True)
    waiting_position = models.PositiveIntegerField(_("waiting list position"), null=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    monitoring_completed_at = models.DateTimeField(
        _("participant data completed"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))

    class Meta:
        ordering = ["-score", "created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "jst"],
                condition=~models.Q(status="withdrawn"),
                name="recruitment_one_active_application_per_jst",
                violation_error_message=_("This JST has already applied to this call."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values),
                name="recruitment_application_status",
                violation_error_message=_("Unknown status of an application."),
            ),
            models.CheckConstraint(
                condition=models.Q(override__in=Override.values),
                name="recruitment_application_override",
                violation_error_message=_("Unknown manual decision."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jst.name}: {self.call.title}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def people(self) -> int:
        return len(self.team.all())

    @property
    def managers(self) -> int:
        return sum(1 for member in self.team.all() if member.profile == Profile.MANAGEMENT)


class Profile(models.TextChoices):
    MANAGEMENT = "management", _("management staff")
    OPERATIONAL = "operational", _("operational staff")


class Gender(models.TextChoices):
    FEMALE = "female", _("woman")
    MALE = "male", _("man")


class AgeGroup(models.TextChoices):
    UNDER_30 = "18-29", _("18-29 years")
    MIDDLE = "30-54", _("30-54 years")
    OVER_54 = "55+", _("55 years or more")


class Education(models.TextChoices):
    """ISCED levels as the EU-funds monitoring (SL2021) groups them."""

    SECONDARY = "isced3", _("secondary (ISCED 3)")
    POST_SECONDARY = "isced4", _("post-secondary (ISCED 4)")
    HIGHER = "isced5", _("higher education (ISCED 5-8)")


class TeamMember(models.Model):
    """One person of a JST team; the monitoring fields are filled after selection."""

    scope = ScopePaths(
        voivodeship="application__call__project__voivodeship",
        jst="application__jst",
        own="application__coordinator",
    )

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="team", verbose_name=_("application")
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("position in the team"))
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    position = models.CharField(_("position"), max_length=150)
    profile = models.CharField(_("profile"), max_length=20, choices=Profile.choices)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_group = models.CharField(
        _("age group"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    education = models.CharField(
        _("education"), max_length=10, choices=Education.choices, blank=True
    )

    class Meta:
        ordering = ["application", "order", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return self.full_name


class RunKind(models.TextChoices):
    SELECT = "select", _("selection")
    REFILL = "refill", _("refill after a withdrawal")


class RunStatus(models.TextChoices):
    """The optimiser's answer (selection.SelectionResult.status)."""

    OPTIMAL = "optimal", _("the best possible selection")
    FEASIBLE = "feasible", _("a good selection; a better one may exist")
    INFEASIBLE = "infeasible", _("the quotas cannot all be met")
    UNKNOWN = "unknown", _("no answer within the time limit")
    REFILLED = "refilled", _("place refilled from the waiting list")
    INCOMPLETE = "incomplete", _("place could not be refilled")


class SelectionRun(models.Model):
    """One answer of the optimiser, with its inputs, so a later refill needs nothing else."""

    scope = ScopePaths(voivodeship="call__project__voivodeship")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="runs", verbose_name=_("call for applications")
    )
    kind = models.CharField(
        max_length=10,
        choices=RunKind.choices,
        default=RunKind.SELECT,
        verbose_name=_("kind of run"),
    )
    status = models.CharField(_("result"), max_length=20, choices=RunStatus.choices)
    inputs = models.JSONField(default=dict, verbose_name=_("input data"))
    result = models.JSONField(default=dict, verbose_name=_("result data"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("run by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("run"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]
        verbose_name = _("selection run")
        verbose_name_plural = _("selection runs")

    def __str__(self) -> str:
        return _("Selection of %(call)s: %(status)s") % {
            "call": self.call,
            "status": self.get_status_display(),
        }

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible", "refilled")


class Enrolment(models.Model):
    """A person of a selected team, enrolled in the project (what the planner reads)."""

    scope = ScopePaths(voivodeship="project__voivodeship", jst="jst")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("project")
    )
    jst = models.ForeignKey(
        "territory.Jst", on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("JST")
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("application"),
    )
    member = models.OneToOneField(
        TeamMember,
        on_delete=models.PROTECT,
        related_name="enrolment",
        verbose_name=_("team member"),
    )
    profile = models.CharField(_("profile"), max_length=20, choices=Profile.choices)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("enrolled"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["project", "jst", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.member} ({self.jst})"
