"""The dashboard's filters, read from and written back to the URL (so a view can be
bookmarked and shared): ?projekt=<id>&rodzaj=rural&profil=management&od=2026-03&do=2026-06."""

import datetime as dt
import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.db.models import Q

from akademia.recruitment.models import Profile
from akademia.reporting.curves import next_month
from akademia.territory.kinds import ExchangeGroupKind, kinds_in_exchange_group

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value: str) -> dt.date | None:
    match = MONTH.match(value or "")
    if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2100:
        return None
    return dt.date(int(match[1]), int(match[2]), 1)


@dataclass(frozen=True)
class Filters:
    project: int | None = None
    kind: str = ""  # an ExchangeGroupKind: rural, urban, county
    profile: str = ""  # a recruitment Profile
    start: dt.date | None = None  # the first month of the period
    end: dt.date | None = None  # the last month of the period

    @classmethod
    def of(cls, params) -> "Filters":
        """The filters of a query string; what is not understood is left out."""
        project = params.get("projekt", "")
        kind = params.get("rodzaj", "")
        profile = params.get("profil", "")
        return cls(
            project=int(project) if project.isdigit() else None,
            kind=kind if kind in ExchangeGroupKind.values else "",
            profile=profile if profile in Profile.values else "",
            start=parse_month(params.get("od", "")),
            end=parse_month(params.get("do", "")),
        )

    def params(self) -> dict[str, str]:
        found = {
            "projekt": str(self.project or ""),
            "rodzaj": self.kind,
            "profil": self.profile,
            "od": self.start.strftime("%Y-%m") if self.start else "",
            "do": self.end.strftime("%Y-%m") if self.end else "",
        }
        return {key: value for key, value in found.items() if value}

    def query(self, **more) -> str:
        """The query string of these filters (with `more` parameters), "" when there is none."""
        params = self.params() | {k: v for k, v in more.items() if v}
        return urlencode(params)

    def without_project(self) -> "Filters":
        return replace(self, project=None)

    @property
    def jst_kinds(self) -> list[str]:
        return kinds_in_exchange_group(self.kind) if self.kind else []

    @property
    def first_day(self) -> dt.date | None:
        return self.start

    @property
    def after_last_day(self) -> dt.date | None:
        """The first day after the period (None: open-ended)."""
        return next_month(self.end) if self.end else None

    @property
    def any(self) -> bool:
        return bool(self.params())


def narrowing(filters: Filters, *, project: str, jst: str, profile: str, day: str = "") -> Q:
    """The condition of the filters on rows, given the paths to their project id, JST, profile
    and the day (a date or a datetime path) that puts them in a period."""
    condition = Q()
    if filters.project and project:
        condition &= Q(**{project: filters.project})
    if filters.kind and jst:
        condition &= Q(**{f"{jst}__kind__in": filters.jst_kinds})
    if filters.profile and profile:
        condition &= Q(**{profile: filters.profile})
    if day and filters.first_day:
        condition &= Q(**{f"{day}__gte": filters.first_day})
    if day and filters.after_last_day:
        condition &= Q(**{f"{day}__lt": filters.after_last_day})
    return condition


def narrow(rows, filters: Filters, *, project: str, jst: str, profile: str, day: str = ""):
    """Rows narrowed by the filters (`narrowing`)."""
    return rows.filter(narrowing(filters, project=project, jst=jst, profile=profile, day=day))
