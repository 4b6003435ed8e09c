"""The territorial registry (TERYT/TERC): voivodeships, counties, communes, and the JST.

Voivodeship, County and Commune mirror TERC's division of the country; `Jst` is the list of
local-government units derived from it (a city with county rights is two JST: a commune and
a county). Nothing is ever deleted: a unit that vanishes from a newer register is made inactive.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akademia.core.collation import polish
from akademia.core.scope import ScopePaths
from akademia.territory.kinds import JstKind, exchange_group_of


class Place(models.Model):
    """What every level of the division has: code, name, position and boundary."""

    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(_("active"), default=True)
    lat = models.FloatField(null=True, blank=True, verbose_name=_("latitude"))
    lon = models.FloatField(null=True, blank=True, verbose_name=_("longitude"))
    inner_lat = models.FloatField(
        null=True, blank=True, verbose_name=_("latitude of the inner point")
    )
    inner_lon = models.FloatField(
        null=True, blank=True, verbose_name=_("longitude of the inner point")
    )
    # GeoJSON geometry as text: served to the map as is, never parsed on the way.
    boundary = models.TextField(blank=True, verbose_name=_("boundary (GeoJSON)"))
    # The boundary simplified with its neighbours for maps of the whole country (territory/
    # outlines.py): a tenth of the size, still legible on A4. Voivodeships and counties only.
    outline = models.TextField(blank=True, verbose_name=_("outline for maps of the country"))

    class Meta:
        abstract = True
        ordering = [polish("name")]

    def __str__(self) -> str:
        return self.name

    @property
    def point(self) -> tuple[float | None, float | None]:
        """Where it stands on a map: the inner point (always inside the unit), else the
        centroid (which a ring-shaped unit does not contain)."""
        if self.inner_lat is not None and self.inner_lon is not None:
            return self.inner_lat, self.inner_lon
        return self.lat, self.lon


class Voivodeship(Place):
    """Województwo."""

    scope = ScopePaths(voivodeship="pk")

    code = models.CharField(_("TERYT code"), max_length=2, unique=True)
    capital = models.CharField(_("seat of the voivode"), max_length=100, blank=True)

    class Meta(Place.Meta):
        verbose_name = _("voivodeship")
        verbose_name_plural = _("voivodeships")


class County(Place):
    """Powiat, or a city with county rights ("miasto na prawach powiatu")."""

    code = models.CharField(_("TERYT code"), max_length=4, unique=True)
    voivodeship = models.ForeignKey(
        Voivodeship,
        on_delete=models.PROTECT,
        related_name="counties",
        verbose_name=_("voivodeship"),
    )
    is_city = models.BooleanField(_("city with county rights"), default=False)
    # Siedziba powiatu: not in TERC; loaded by import_geo from data/siedziby_powiatow.csv.
    seat = models.ForeignKey(
        "Commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("seat"),
        help_text=_("The commune of the seat town; a city with county rights is its own seat."),
    )

    class Meta(Place.Meta):
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name if self.is_city else f"{_('county')} {self.name}"


class Commune(Place):
    """Gmina: urban (RODZ 1), rural (2) or urban-rural (3)."""

    code = models.CharField(_("TERYT code"), max_length=7, unique=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="communes", verbose_name=_("county")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=JstKind.choices)

    class Meta(Place.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")


class Jst(models.Model):
    """Jednostka samorządu terytorialnego: a commune, a county or a voivodeship government.

    `code` is the 7-digit TERYT code: WWPPGGR for a commune, WWPP000 for a county and WW00000
    for a voivodeship. `name_key` and `search_key` are the name (and for `search_key` also the
    county and voivodeship) lower-cased and without Polish letters, for the picker.
    """

    scope = ScopePaths(voivodeship="voivodeship", jst="pk")

    code = models.CharField(_("TERYT code"), max_length=7, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=30, choices=JstKind.choices)
    voivodeship = models.ForeignKey(
        Voivodeship, on_delete=models.PROTECT, related_name="jst", verbose_name=_("voivodeship")
    )
    county = models.ForeignKey(
        County,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jst",
        verbose_name=_("county"),
    )
    commune = models.OneToOneField(
        Commune,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jst",
        verbose_name=_("commune"),
    )
    active = models.BooleanField(_("active"), default=True)
    name_key = models.CharField(max_length=100, db_index=True, verbose_name=_("name for searching"))
    search_key = models.CharField(max_length=300, verbose_name=_("text for searching"))

    class Meta:
        ordering = [polish("name"), "code"]
        verbose_name = _("local-government unit (JST)")
        verbose_name_plural = _("local-government units (JST)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=JstKind.values),
                name="territory_jst_kind_valid",
                violation_error_message=_("Unknown kind of JST."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def exchange_group(self) -> str:
        return exchange_group_of(self.kind)

    @property
    def place(self) -> Place:
        """The division unit whose position and boundary this JST has."""
        return self.commune or self.county or self.voivodeship


class RegisterImport(models.Model):
    """One import of the TERC register that changed something, with what it found."""

    state_date = models.CharField(_("register state as of"), max_length=10)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("imported by"),
    )
    summary = models.JSONField(default=dict, verbose_name=_("summary"))

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self) -> str:
        return _("TERC register as of %(date)s") % {"date": self.state_date}
