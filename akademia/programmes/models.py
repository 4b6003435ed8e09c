"""The catalogue of training-and-advisory programmes ("programy szkoleniowo-doradcze").

A Programme is the lasting identity; its content lives in numbered ProgrammeVersions. A version
is edited while it is a draft and frozen once it goes to consultation; the next version starts
as a copy. Modules keep a `key` across copies, so a diff recognises a renamed module.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akademia.core.collation import polish
from akademia.core.scope import ScopePaths


class Audience(models.TextChoices):
    """Profile of the people trained ("sprofilowanie ze względu na odbiorców")."""

    MANAGEMENT = "management", _("management staff")
    OPERATIONAL = "operational", _("operational staff")
    BOTH = "both", _("management and operational staff together")
    SEPARATE_PATHS = "separate_paths", _("separate paths for management and operational staff")


class Method(models.TextChoices):
    """Method of delivering a module ("metoda realizacji")."""

    LECTURE = "lecture", _("lecture")
    WORKSHOP = "workshop", _("workshop")
    CASE_STUDY = "case_study", _("case study")
    SIMULATION = "simulation", _("simulation or decision game")
    E_LEARNING = "e_learning", _("e-learning")
    STUDY_VISIT = "study_visit", _("study visit")
    COACHING = "coaching", _("coaching")


class AdvisoryMode(models.TextChoices):
    OFFICE = "office", _("at the JST office")
    REMOTE = "remote", _("remote")
    BOTH = "both", _("at the office or remote")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_CONSULTATION = "in_consultation", _("in consultation")
    APPROVED_FOR_PILOT = "approved_for_pilot", _("approved for pilot")
    FINAL = "final", _("final")


# Allowed moves between statuses; everything else is refused by the service.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    VersionStatus.DRAFT: (VersionStatus.IN_CONSULTATION, VersionStatus.APPROVED_FOR_PILOT),
    VersionStatus.IN_CONSULTATION: (VersionStatus.APPROVED_FOR_PILOT,),
    VersionStatus.APPROVED_FOR_PILOT: (VersionStatus.FINAL,),
    VersionStatus.FINAL: (),
}
PUBLISHED_STATUSES = (VersionStatus.APPROVED_FOR_PILOT, VersionStatus.FINAL)


WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


def weekday_names(days) -> str:
    names = dict(WEEKDAYS)
    return ", ".join(str(names[day]) for day in days or [])


def default_weekdays() -> list[int]:
    """Friday and Saturday, the usual days of meetings for working officials."""
    return [5, 6]


class Programme(models.Model):
    """Program szkoleniowo-doradczy: the identity that versions share."""

    scope = ScopePaths(author="authors", national=True)

    title = models.CharField(_("title"), max_length=250)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="authored_programmes", verbose_name=_("authors")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        ordering = [polish("title")]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.title


class ProgrammeVersion(models.Model):
    """One version of a programme: its content and organisation parameters."""

    scope = ScopePaths(author="programme__authors", national=True)

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="versions", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        verbose_name=_("based on version"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=250)
    goal = models.TextField(_("goal"))
    target_kinds = models.JSONField(
        _("JST kinds it is for"), default=list, help_text=_("rural, urban, county")
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.BOTH
    )
    advisory_hours = models.PositiveSmallIntegerField(_("advisory hours per JST"), default=0)
    advisory_mode = models.CharField(
        _("advisory"), max_length=10, choices=AdvisoryMode.choices, default=AdvisoryMode.BOTH
    )
    # Organisation parameters ("parametry organizacyjne"), consumed later by the planner.
    group_min = models.PositiveSmallIntegerField(_("training group: minimum people"), default=16)
    group_max = models.PositiveSmallIntegerField(_("training group: maximum people"), default=25)
    team_min = models.PositiveSmallIntegerField(_("JST team: minimum people"), default=2)
    team_max = models.PositiveSmallIntegerField(_("JST team: maximum people"), default=5)
    team_min_managers = models.PositiveSmallIntegerField(
        _("JST team: at least this many managers"), default=1
    )
    duration_months = models.PositiveSmallIntegerField(_("length in months"), default=6)
    period_start = models.DateField(_("allowed period: from"), null=True, blank=True)
    period_end = models.DateField(_("allowed period: to"), null=True, blank=True)
    days_per_meeting = models.PositiveSmallIntegerField(_("days per meeting"), default=2)
    gap_min_weeks = models.PositiveSmallIntegerField(
        _("gap between meetings: minimum weeks"), default=3
    )
    gap_max_weeks = models.PositiveSmallIntegerField(
        _("gap between meetings: maximum weeks"), default=6
    )
    weekdays = models.JSONField(
        _("allowed weekdays"), default=default_weekdays, help_text=_("1 = Monday … 7 = Sunday")
    )
    start_hour = models.TimeField(_("meetings start at"), default="09:00")
    end_hour = models.TimeField(_("meetings end at"), default="16:00")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))

    class Meta:
        ordering = ["programme", "-number"]
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="programmes_version_unique",
                violation_error_message=_("This programme already has a version with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=VersionStatus.values),
                name="programmes_status_valid",
                violation_error_message=_("Unknown status of a programme version."),
            ),
            models.CheckConstraint(
                condition=models.Q(group_min__lte=models.F("group_max")),
                name="programmes_group_bounds",
                violation_error_message=_("The smallest group cannot be larger than the largest."),
            ),
            models.CheckConstraint(
                condition=models.Q(team_min__lte=models.F("team_max")),
                name="programmes_team_bounds",
                violation_error_message=_("The smallest team cannot be larger than the largest."),
            ),
            models.CheckConstraint(
                condition=models.Q(gap_min_weeks__lte=models.F("gap_max_weeks")),
                name="programmes_gap_bounds",
                violation_error_message=_(
                    "The shortest break between meetings cannot be longer than the longest."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_STATUSES

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]


class Module(models.Model):
    """Moduł: one block of the programme, delivered at one meeting ("zjazd")."""

    scope = ScopePaths(author="version__programme__authors", national=True)

    version = models.ForeignKey(
        ProgrammeVersion,
        on_delete=models.CASCADE,
        related_name="modules",
        verbose_name=_("programme version"),
    )
    key = models.UUIDField(default=uuid.uuid4, editable=False, verbose_name=_("module identifier"))
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=250)
    learning_outcomes = models.TextField(_("learning outcomes"), blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    methods = models.JSONField(_("methods"), default=list)
    intersession_task = models.TextField(
        _("task at the JST office before the next meeting"), blank=True
    )

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"],
                name="programmes_module_key_unique",
                violation_error_message=_(
                    "This version already has a module with this identifier."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title
