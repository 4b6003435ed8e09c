"""Indicator targets ("wskaźniki"): what a project, or the programme as a whole, is to reach
and by when. A target counts one indicator, as a total or for one category (a kind of JST, an
audience profile, a gender); its curve says how much of it is due by the end of each month.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from akademia.core.scope import ScopePaths


class Indicator(models.TextChoices):
    JST = "jst", _("JST supported")
    TRAINED = "trained", _("people trained")
    COMPLETED = "completed", _("people who completed the training")


class Category(models.TextChoices):
    """What part of an indicator a target counts: all of it, or one kind, profile or gender."""

    TOTAL = "", pgettext_lazy("target category", "all")
    RURAL = "rural", _("rural JST")
    URBAN = "urban", _("urban JST")
    COUNTY = "county", _("county-level JST")
    MANAGEMENT = "management", _("management staff")
    OPERATIONAL = "operational", _("operational staff")
    FEMALE = "female", _("women")
    MALE = "male", _("men")


class Target(models.Model):
    """Wartość docelowa wskaźnika: of one project, or of the programme (no project)."""

    scope = ScopePaths(voivodeship="project__voivodeship")

    project = models.ForeignKey(
        "recruitment.Project",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reporting_targets",
        verbose_name=_("project"),
        help_text=_("Empty: the programme as a whole."),
    )
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, blank=True, default=""
    )
    value = models.PositiveIntegerField(_("target value"))
    # [["2026-03", 30], ["2026-06", 90], ...]: the cumulative value due by the end of a month.
    curve = models.JSONField(_("target curve"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))

    class Meta:
        ordering = ["project", "indicator", "category"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "indicator", "category"],
                condition=models.Q(project__isnull=False),
                name="reporting_one_target_per_project",
                violation_error_message=_("This project already has this target."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "category"],
                condition=models.Q(project__isnull=True),
                name="reporting_one_national_target",
                violation_error_message=_("The programme already has this target."),
            ),
            models.CheckConstraint(
                condition=models.Q(indicator__in=Indicator.values)
                & models.Q(category__in=Category.values),
                name="reporting_target_known",
                violation_error_message=_("Choose an indicator and a category from the list."),
            ),
        ]

    def __str__(self) -> str:
        owner = self.project.name if self.project_id else _("programme")
        return f"{owner}: {self.get_indicator_display()} ({self.get_category_display()})"
