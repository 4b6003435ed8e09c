"""Kinds of local-government units (JST) and the exchange groups they belong to.

The mapping from JST kind to exchange-group kind ("rodzaj Grupy Wymiany Doświadczeń") lives
here and only here; a deployment can override entries with the EXCHANGE_GROUP_KINDS setting.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JstKind(models.TextChoices):
    """Kind of JST, as TERC names it (NAZWA_DOD)."""

    URBAN_COMMUNE = "gmina_miejska", _("urban commune (gmina miejska)")
    RURAL_COMMUNE = "gmina_wiejska", _("rural commune (gmina wiejska)")
    URBAN_RURAL_COMMUNE = "gmina_miejsko_wiejska", _("urban-rural commune (gmina miejsko-wiejska)")
    COUNTY = "powiat", _("county (powiat)")
    CITY_COUNTY = "miasto_na_prawach_powiatu", _("city with county rights")
    VOIVODESHIP = "wojewodztwo", _("voivodeship government (samorząd województwa)")


class ExchangeGroupKind(models.TextChoices):
    """Kind of exchange group ("Grupa Wymiany Doświadczeń"): rural, urban or county."""

    RURAL = "rural", pgettext_lazy("exchange group", "rural")
    URBAN = "urban", pgettext_lazy("exchange group", "urban")
    COUNTY = "county", pgettext_lazy("exchange group", "county")


DEFAULT_EXCHANGE_GROUPS: dict[str, str] = {
    JstKind.URBAN_COMMUNE: ExchangeGroupKind.URBAN,
    JstKind.RURAL_COMMUNE: ExchangeGroupKind.RURAL,
    JstKind.URBAN_RURAL_COMMUNE: ExchangeGroupKind.RURAL,
    JstKind.COUNTY: ExchangeGroupKind.COUNTY,
    JstKind.CITY_COUNTY: ExchangeGroupKind.COUNTY,
    JstKind.VOIVODESHIP: ExchangeGroupKind.COUNTY,
}

COMMUNE_KINDS = (JstKind.URBAN_COMMUNE, JstKind.RURAL_COMMUNE, JstKind.URBAN_RURAL_COMMUNE)
COUNTY_LEVEL_KINDS = (JstKind.COUNTY, JstKind.CITY_COUNTY)


def exchange_groups() -> dict[str, str]:
    return {**DEFAULT_EXCHANGE_GROUPS, **getattr(settings, "EXCHANGE_GROUP_KINDS", {})}


def exchange_group_of(kind: str) -> str:
    return exchange_groups()[kind]


def kinds_in_exchange_group(group: str) -> list[str]:
    """The JST kinds that make up one exchange group, for filtering queries."""
    return [kind for kind, g in exchange_groups().items() if g == group]
