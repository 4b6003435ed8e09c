"""Planning ("planowanie"): venues, trainers, plans (solver runs) and the published groups.

A Plan stores the problem it was solved for (``akademia-plan/1``) and the solver's answer
(``akademia-plan-result/1``) as JSON, so a plan can be shown, edited, checked and compared
without solving again. Publishing a plan turns it into TrainingGroups and Meetings, which the
delivery of the training reads.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akademia.core.collation import polish
from akademia.core.scope import ScopePaths
from akademia.territory.coordinates import validate_latitude, validate_longitude


class Venue(models.Model):
    """Miejsce szkoleń: where groups meet; ``max_groups`` rooms (groups and meetings a day)."""

    scope = ScopePaths(voivodeship="project__voivodeship")

    project = models.ForeignKey(
        "recruitment.Project",
        on_delete=models.CASCADE,
        related_name="venues",
        verbose_name=_("project"),
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    county = models.ForeignKey(
        "territory.County",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The county whose seat this is (default venues)."),
        verbose_name=_("county"),
    )
    lat = models.FloatField(_("latitude"), validators=[validate_latitude])
    lon = models.FloatField(_("longitude"), validators=[validate_longitude])
    max_groups = models.PositiveSmallIntegerField(_("rooms (groups at once)"), default=2)
    unavailable = models.JSONField(_("unavailable dates"), default=list, blank=True)
    active = models.BooleanField(_("used in plans"), default=True)

    class Meta:
        ordering = ["project", polish("name")]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_groups__gte=1),
                name="planning_venue_rooms",
                violation_error_message=_("A venue has at least one room."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def solver_id(self) -> str:
        return f"V{self.pk}"


class Trainer(models.Model):
    """Trener: leads meetings; lives somewhere (travel), has days off and a limit of days."""

    scope = ScopePaths(voivodeship="project__voivodeship")

    project = models.ForeignKey(
        "recruitment.Project",
        on_delete=models.CASCADE,
        related_name="trainers",
        verbose_name=_("project"),
    )
    name = models.CharField(_("name"), max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("account"),
    )
    home_jst = models.ForeignKey(
        "territory.Jst",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("home JST"),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True, validators=[validate_latitude])
    lon = models.FloatField(_("longitude"), null=True, blank=True, validators=[validate_longitude])
    unavailable = models.JSONField(_("unavailable dates"), default=list, blank=True)
    max_days = models.PositiveSmallIntegerField(_("at most days"), null=True, blank=True)
    active = models.BooleanField(_("used in plans"), default=True)

    class Meta:
        ordering = ["project", polish("name")]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self) -> str:
        return self.name

    @property
    def solver_id(self) -> str:
        return f"T{self.pk}"

    @property
    def home(self) -> tuple[float | None, float | None]:
        if self.lat is not None and self.lon is not None:
            return self.lat, self.lon
        if self.home_jst is not None:
            return self.home_jst.place.point
        return None, None


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("waiting for the planner")
    SOLVED = "solved", _("solved")
    PUBLISHED = "published", _("published")
    SUPERSEDED = "superseded", _("superseded")


PLAN_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PlanStatus.DRAFT: (PlanStatus.SOLVED,),
    PlanStatus.SOLVED: (PlanStatus.PUBLISHED,),
    PlanStatus.PUBLISHED: (PlanStatus.SUPERSEDED,),
    PlanStatus.SUPERSEDED: (),
}


class SolverStatus(models.TextChoices):
    """The solver's answer (akademia-plan-result/1 "status")."""

    OPTIMAL = "optimal", _("the best possible plan")
    FEASIBLE = "feasible", _("a good plan; a better one may exist")
    INFEASIBLE = "infeasible", _("no plan meets every rule")


class Plan(models.Model):
    """Plan: one run of the planner for a project, or an operator's edited copy of one."""

    scope = ScopePaths(voivodeship="project__voivodeship")

    project = models.ForeignKey(
        "recruitment.Project",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("project"),
    )
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    derived_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copy of plan"),
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    problem = models.JSONField(_("problem (akademia-plan/1)"), null=True, blank=True)
    result = models.JSONField(_("result (akademia-plan-result/1)"), null=True, blank=True)
    solver_status = models.CharField(
        _("solver status"), max_length=20, blank=True, choices=SolverStatus.choices
    )
    objective = models.FloatField(_("objective"), null=True, blank=True)
    lower_bound = models.FloatField(_("lower bound"), null=True, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    reason = models.JSONField(_("reason"), null=True, blank=True)
    violations = models.JSONField(_("violated rules"), default=list, blank=True)
    changes = models.JSONField(_("changes to the plan it was copied from"), default=list)
    job = models.ForeignKey(
        "core.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("planner's job"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["project", "-number"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"],
                name="planning_plan_number",
                violation_error_message=_("This project already has a plan with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PlanStatus.values),
                name="planning_plan_status",
                violation_error_message=_("Unknown status of a plan."),
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(status="published"),
                name="planning_one_published_plan_per_project",
                violation_error_message=_("This project already has a published plan."),
            ),
        ]

    def __str__(self) -> str:
        return _("Plan %(number)s of %(project)s") % {
            "number": self.number,
            "project": self.project,
        }

    @property
    def is_feasible(self) -> bool:
        return self.solver_status in ("optimal", "feasible")

    @property
    def can_publish(self) -> bool:
        return self.status == PlanStatus.SOLVED and self.is_feasible and not self.violations

    @property
    def is_editable(self) -> bool:
        return self.status == PlanStatus.SOLVED and self.is_feasible


class TrainingGroup(models.Model):
    """Grupa szkoleniowa: teams of JST that train together at one venue (a published plan)."""

    # A trainer sees the groups they teach (the main trainer, or of one of its meetings).
    scope = ScopePaths(
        voivodeship="project__voivodeship",
        jst="teams",
        teacher=("trainer__user", "meetings__trainer__user"),
    )

    project = models.ForeignKey(
        "recruitment.Project",
        on_delete=models.PROTECT,
        related_name="training_groups",
        verbose_name=_("project"),
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="training_groups", verbose_name=_("plan")
    )
    code = models.CharField(_("group"), max_length=20)
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="training_groups", verbose_name=_("venue")
    )
    trainer = models.ForeignKey(
        Trainer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_groups",
        verbose_name=_("main trainer"),
    )
    teams = models.ManyToManyField(
        "territory.Jst", related_name="training_groups", verbose_name=_("teams (JST)")
    )
    active = models.BooleanField(_("current"), default=True)

    class Meta:
        ordering = ["project", "code"]
        verbose_name = _("training group")
        verbose_name_plural = _("training groups")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="planning_group_code",
                violation_error_message=_("This plan already has a group with this name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.venue})"


class Meeting(models.Model):
    """Zjazd: one module of a group's programme, on consecutive days, with a trainer."""

    scope = ScopePaths(
        voivodeship="group__project__voivodeship",
        jst="group__teams",
        teacher=("trainer__user", "group__trainer__user"),
    )

    group = models.ForeignKey(
        TrainingGroup,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("training group"),
    )
    module = models.PositiveSmallIntegerField(_("module"))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    trainer = models.ForeignKey(
        Trainer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("trainer"),
    )
    # Empty: the group's venue. Set when a meeting moves elsewhere after publication
    # (`services.meeting_change`).
    venue = models.ForeignKey(
        Venue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("venue, when not the group's"),
    )

    class Meta:
        ordering = ["group", "module"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "module"],
                name="planning_meeting_module",
                violation_error_message=_("This group already has a meeting of this module."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")),
                name="planning_meeting_dates",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group.code}: {self.module}"

    @property
    def place(self) -> Venue:
        """Where the meeting is held: its own venue, else its group's."""
        return self.venue or self.group.venue
