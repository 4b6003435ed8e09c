"""Dane do SM EFS: what the EU monitoring system of EFS+ projects (SM EFS, part of CST2021)
needs of each participant and each supported JST, beyond what recruitment and delivery hold.

* **MonitoringData** ("dane uczestnika do SM EFS"): one person's answers for one project,
  given by the person (or their JST's coordinator on their behalf) when they start taking part:
  PESEL (or why there is none, then sex and date of birth), citizenship, education (ISCED),
  status on the labour market at entry, place of residence, a phone number, the sensitive
  questions (each may be refused) and, at the end, their situation.
* **InstitutionData** ("dane instytucji"): a supported JST's NIP and address (the TERYT
  registry holds neither).
* **ProjectNumber**: the project's number in the funding agreement (the first column of every
  row of the participant import).

What the columns mean and where their dictionaries come from: docs/efs.md. A choice list that
another app already has is taken from there (sex is recruitment's `Gender`; the kind of a JST is
`territory.kinds`, never repeated here); the lists below differ from any other app's, each says
why where it could be mistaken for one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akademia.core.scope import ScopePaths
from akademia.recruitment.models import Gender


class Citizenship(models.TextChoices):
    POLISH = "pl", _("Polish citizenship")
    EU = "eu", _("no Polish citizenship: a citizen of another EU country")
    NON_EU = "non_eu", _("no Polish or EU citizenship: a citizen of a non-EU country, or stateless")


class NoPeselReason(models.TextChoices):
    FOREIGNER = "foreigner", _("a foreigner who was given no PESEL")
    OTHER = "other", _("another reason")


# Sex: the same two values as the team member's gender that recruitment asks (one place for
# them); SM EFS's words for them ("Kobieta", "Mężczyzna") are in `smefs.SEX`.
Sex = Gender


class Education(models.TextChoices):
    """The ISCED levels of the SM EFS dictionary.

    Not recruitment's `Education`, on purpose: recruitment asks a JST's team for one of three
    levels (ISCED 3, 4, 5-8: the officials it recruits have at least secondary education), while
    the SM EFS dictionary has four groups that join other levels (ISCED 0; 1 or 2; 3 or 4; 5-8),
    so neither list maps onto the other (ISCED 3 and 4 are one value here, two there)."""

    ISCED_0 = "isced0", _("no or incomplete primary education (ISCED 0)")
    ISCED_1_2 = "isced1-2", _("primary (ISCED 1) or lower secondary (ISCED 2)")
    ISCED_3_4 = "isced3-4", _("upper secondary (ISCED 3) or post-secondary (ISCED 4)")
    ISCED_5_8 = "isced5-8", _("higher education (ISCED 5–8)")


class LabourStatus(models.TextChoices):
    """Status on the labour market at entry: the programme trains officials, so employed."""

    LOCAL_GOVERNMENT = "local_government", _("employed in local-government administration")
    GOVERNMENT = "government", _("employed in government administration")
    OTHER = "employed_other", _("employed elsewhere")


class EndSituation(models.TextChoices):
    EMPLOYED = "employed", _("employed")
    UNEMPLOYED = "unemployed", _("unemployed")
    INACTIVE = "inactive", _("economically inactive")
    OTHER = "other", _("other")


class Answer(models.TextChoices):
    """A sensitive question: refusing to answer is a valid answer."""

    YES = "yes", _("yes")
    NO = "no", _("no")
    REFUSED = "refused", _("I refuse to answer")


class Degurba(models.TextChoices):
    CITY = "1", _("1: a city (densely populated area)")
    TOWN = "2", _("2: a town or suburb (intermediate density)")
    RURAL = "3", _("3: a rural area (thinly populated)")


SENSITIVE = ("foreign_origin", "third_country", "minority", "homeless", "disability")


def _answer(label):
    return models.CharField(label, max_length=10, choices=Answer.choices)


class MonitoringData(models.Model):
    """Dane uczestnika do SM EFS: one person's monitoring answers for one project."""

    scope = ScopePaths(voivodeship="project__voivodeship", jst="jst", own="user", person="user")

    project = models.ForeignKey(
        "recruitment.Project", on_delete=models.PROTECT, related_name="+", verbose_name=_("project")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="monitoring_data",
        verbose_name=_("participant"),
    )
    jst = models.ForeignKey(
        "territory.Jst", on_delete=models.PROTECT, related_name="+", verbose_name=_("JST")
    )
    citizenship = models.CharField(
        _("citizenship"), max_length=10, choices=Citizenship.choices, default=Citizenship.POLISH
    )
    pesel = models.CharField(_("PESEL number"), max_length=11, blank=True)
    no_pesel_reason = models.CharField(
        _("why there is no PESEL"), max_length=10, choices=NoPeselReason.choices, blank=True
    )
    # From the PESEL when there is one; given by the person when there is none.
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"))
    education = models.CharField(_("education"), max_length=10, choices=Education.choices)
    labour_status = models.CharField(
        _("status on the labour market when joining the project"),
        max_length=20,
        choices=LabourStatus.choices,
    )
    residence = models.ForeignKey(
        "territory.Jst",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune of residence"),
    )
    locality = models.CharField(_("locality"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=6)
    degurba = models.CharField(
        _("degree of urbanisation (DEGURBA)"), max_length=1, choices=Degurba.choices
    )
    phone = models.CharField(_("contact phone"), max_length=15)
    foreign_origin = _answer(_("person of foreign origin"))
    third_country = _answer(_("citizen of a third country"))
    minority = _answer(
        _("member of a national or ethnic minority (incl. marginalised communities)")
    )
    homeless = _answer(_("homeless or excluded from access to housing"))
    disability = _answer(_("person with disabilities"))
    end_situation = models.CharField(
        _("situation when leaving the project"),
        max_length=20,
        choices=EndSituation.choices,
        blank=True,
    )
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filled in by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("monitoring data of a participant")
        verbose_name_plural = _("monitoring data of participants")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                name="efs_one_record_per_person_and_project",
                violation_error_message=_("This person's data for this project already exist."),
            ),
            # A PESEL, or the reason why there is none: never both, never neither.
            models.CheckConstraint(
                condition=(models.Q(pesel="") & ~models.Q(no_pesel_reason=""))
                | (~models.Q(pesel="") & models.Q(no_pesel_reason="")),
                name="efs_pesel_or_reason",
                violation_error_message=_("Give a PESEL or the reason why there is none."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Monitoring data no. %(pk)s") % {"pk": self.pk})


class InstitutionData(models.Model):
    """Dane instytucji: a supported JST's tax number and address, for the institution import."""

    scope = ScopePaths(voivodeship="jst__voivodeship", jst="jst")

    jst = models.OneToOneField(
        "territory.Jst", on_delete=models.PROTECT, related_name="+", verbose_name=_("JST")
    )
    nip = models.CharField(_("NIP number"), max_length=10)
    street = models.CharField(_("street"), max_length=100, blank=True)
    building = models.CharField(_("building number"), max_length=10)
    unit = models.CharField(_("unit number"), max_length=10, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6)
    locality = models.CharField(_("locality"), max_length=100)
    degurba = models.CharField(
        _("degree of urbanisation (DEGURBA)"), max_length=1, choices=Degurba.choices
    )
    phone = models.CharField(_("contact phone"), max_length=15)
    email = models.EmailField(_("office e-mail"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))

    class Meta:
        ordering = ["jst__name", "pk"]
        verbose_name = _("institution data of a JST")
        verbose_name_plural = _("institution data of JST")

    def __str__(self) -> str:
        return str(self.jst)


class ProjectNumber(models.Model):
    """The project's number in its funding agreement (e.g. FERS.04.01-IP.04-0001/24) and its
    zakres wsparcia: the value of the call's own SM EFS dictionary that every participant row
    carries, typed once here instead of in SM EFS for each person."""

    scope = ScopePaths(voivodeship="project__voivodeship")

    project = models.OneToOneField(
        "recruitment.Project",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("project"),
    )
    number = models.CharField(_("project number"), max_length=40)
    support_scope = models.CharField(_("scope of support"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))

    class Meta:
        verbose_name = _("project number")
        verbose_name_plural = _("project numbers")

    def __str__(self) -> str:
        return self.number
