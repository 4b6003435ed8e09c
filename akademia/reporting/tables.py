"""The dashboard's tables, added up from the counted cells (no database here).

A `Table` has columns (what each measure is called) and rows; each row carries the filters that
narrow the dashboard to it, so its figures link to the list of the people behind them. Exports
(CSV, XLSX, the monthly report) write the same tables.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from akademia.recruitment.models import Gender, Profile
from akademia.territory.kinds import ExchangeGroupKind, exchange_group_of

LABELS = {
    "recruited": _("recruited"),
    "started": _("started"),
    "attending": _("attending"),
    "completed": pgettext_lazy("people", "completed"),
    "certified": _("certified"),
    "jst": _("JST reached"),
    "jst_trained": _("JST trained"),
    "target_people": _("target: people"),
    "target_jst": _("target: JST"),
    "percent": _("percent of the target"),
    "count": _("people"),
    "lost": _("fewer than at the stage before"),
    "withdrawn": _("places given up"),
}
STAGE_LABELS = {
    "applied": _("in submitted applications"),
    "selected": _("selected"),
    "enrolled": _("enrolled"),
    "started": _("attended"),
    "completed": pgettext_lazy("people", "completed"),
    "certified": _("certified"),
}
NO_DATA = pgettext_lazy("gender", "no data")
NONE = "brak"  # in a URL: the people whose gender is not known


@dataclass
class Row:
    key: str
    label: str
    counts: dict[str, int]
    targets: dict[str, int | None] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)  # filters narrowing to this row
    note: str = ""

    @property
    def percent(self) -> int | None:
        """People who started, as a percentage of the target of people trained."""
        target = self.targets.get("target_people")
        return round(100 * self.counts.get("started", 0) / target) if target else None

    @property
    def jst_percent(self) -> int | None:
        target = self.targets.get("target_jst")
        return round(100 * self.counts.get("jst", 0) / target) if target else None


@dataclass
class Table:
    slug: str
    title: str
    dimension: str  # the column heading of the first column
    columns: list[str]
    rows: list[Row]
    total: Row | None = None
    note: str = ""

    def header(self) -> list[str]:
        return [str(self.dimension)] + [str(LABELS[c]) for c in self.columns]

    def values(self, row: Row) -> list:
        found = []
        for column in self.columns:
            if column == "percent":
                found.append(row.percent)
            elif column.startswith("target_"):
                found.append(row.targets.get(column))
            else:
                found.append(row.counts.get(column, 0))
        return found

    def lines(self) -> list[list]:
        """The table as lines of cells, the heading first (for the exports)."""
        rows = self.rows + ([self.total] if self.total else [])
        return [self.header()] + [[str(r.label)] + self.values(r) for r in rows]


def rollup(cells: dict[str, list[dict]], key) -> dict[str, dict[str, int]]:
    """Per value of `key(cell)`: the sum of each measure's cells."""
    sums: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for measure, rows in cells.items():
        for cell in rows:
            sums[key(cell)][measure] += cell["n"]
    return {k: dict(v) for k, v in sums.items()}


def total(cells: dict[str, list[dict]]) -> dict[str, int]:
    return rollup(cells, lambda cell: "").get("", {})


def kind_of(cell: dict) -> str:
    return exchange_group_of(cell["cell_kind"])


def dimension_rows(sums: dict, choices, param: str) -> list[Row]:
    """One row per choice (also those with nothing counted), in the choices' order."""
    return [
        Row(value, label, sums.get(value, {}), params={param: value or NONE} if param else {})
        for value, label in choices
    ]


KINDS = ExchangeGroupKind.choices
PROFILES = Profile.choices
GENDERS = [*Gender.choices, ("", NO_DATA)]
PEOPLE = ["recruited", "started", "attending", "completed", "certified"]


def funnel_table(stages) -> Table:
    rows = [
        Row(
            s.key, STAGE_LABELS[s.key], {"count": s.count, "lost": s.lost, "withdrawn": s.withdrawn}
        )
        for s in stages
    ]
    return Table(
        "funnel",
        _("From application to certificate"),
        _("stage"),
        ["count", "lost", "withdrawn"],
        rows,
    )
