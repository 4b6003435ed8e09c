"""Plain data types for selection: inputs (applications, quotas) and outputs (result, reasons).

Everything here is a frozen dataclass that converts to and from JSON-friendly dicts, so the
web app can store quotas and results without this package knowing about Django.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

UNITS = ("jst", "people", "managers")
APPLICATION_FIELDS = ("id", "kind", "county", "voivodeship")
UNIT_WORDS = {"jst": "JST", "people": "people", "managers": "managers"}
#: Every `SelectionResult.status`: `select` answers the first four, `refill` the last two.
STATUSES = ("optimal", "feasible", "infeasible", "unknown", "refilled", "incomplete")


@dataclass(frozen=True)
class Application:
    """One JST's application: its score and the team it sends.

    `eligible=False` marks an application rejected on formal grounds; it is never selected and
    never waits on the list, but is still reported so every applicant gets a reason.
    """

    id: str | int
    score: float
    people: int
    managers: int = 0
    kind: str = ""
    county: str = ""
    voivodeship: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)
    eligible: bool = True

    def __post_init__(self) -> None:
        if self.people < 0 or self.managers < 0:
            raise ValueError(f"application {self.id!r}: negative team size")
        if self.managers > self.people:
            raise ValueError(f"application {self.id!r}: more managers than people")

    def value_of(self, name: str) -> Any:
        """Value of a quota field: a named attribute, or `attrs.<key>` / a bare attrs key."""
        if name in APPLICATION_FIELDS:
            return getattr(self, name)
        key = name[6:] if name.startswith("attrs.") else name
        return self.attrs.get(key)

    def amount(self, unit: str) -> int:
        """How much this application counts towards a quota measured in `unit`."""
        if unit == "jst":
            return 1
        if unit == "people":
            return self.people
        return self.managers

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Application:
        return cls(**data)


@dataclass(frozen=True)
class Quota:
    """A min and/or max on how many JST (or people, or managers) a group may receive.

    The group is data, not code: `field=None` means all applications (a total); otherwise an
    application belongs when `application.value_of(field)` is one of `values`. This keeps
    quotas storable as JSON and editable in a form.
    """

    code: str
    label: str = ""
    field: str | None = None
    values: tuple[Any, ...] = ()
    unit: str = "jst"
    min: int | None = None
    max: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(self.values))
        if self.unit not in UNITS:
            raise ValueError(f"quota {self.code}: unit must be one of {UNITS}, not {self.unit!r}")
        if self.min is None and self.max is None:
            raise ValueError(f"quota {self.code}: needs a min or a max")
        for bound in (self.min, self.max):
            if bound is not None and bound < 0:
                raise ValueError(f"quota {self.code}: negative bound")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"quota {self.code}: min {self.min} above max {self.max}")
        if self.field is not None and not self.values:
            raise ValueError(f"quota {self.code}: field {self.field!r} given without values")

    @property
    def name(self) -> str:
        """Human name used in messages: the label when set, else the code."""
        return self.label or self.code

    def applies_to(self, application: Application) -> bool:
        if self.field is None:
            return True
        return application.value_of(self.field) in self.values

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["values"] = list(self.values)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quota:
        return cls(**data)


@dataclass(frozen=True)
class Reason:
    """An explanation: stable `code` + `params` for translation, and English `text`."""

    code: str
    params: dict[str, Any]
    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", {k: _plain(v) for k, v in self.params.items()})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _plain(value: Any) -> Any:
    """Numpy scalars and tuples to plain JSON-friendly Python values (params get stored)."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class QuotaUsage:
    """How a quota stands in a selection; `capacity` is what all candidates could supply."""

    code: str
    label: str
    unit: str
    min: int | None
    max: int | None
    used: int
    capacity: int
    binding: bool

    @property
    def satisfied(self) -> bool:
        low_ok = self.min is None or self.used >= self.min
        return low_ok and (self.max is None or self.used <= self.max)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"satisfied": self.satisfied}


@dataclass(frozen=True)
class QuotaChange:
    """One bound to move so that the quotas can be met: `bound` is "min" or "max"."""

    code: str
    bound: str
    unit: str
    current: int
    proposed: int
    reason: Reason

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Relaxation:
    """The least (unit-weighted) relaxation that makes the quotas feasible.

    `quotas` is the full relaxed quota list, ready to re-run selection with; `alternatives`
    are other minimal-ish ways out found by forbidding each proposed change in turn, and
    `unavoidable` names bounds that every relaxation has to touch.
    """

    changes: tuple[QuotaChange, ...]
    cost: float
    quotas: tuple[Quota, ...]
    alternatives: tuple[tuple[QuotaChange, ...], ...] = ()
    unavoidable: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "changes": [c.to_dict() for c in self.changes],
            "cost": self.cost,
            "quotas": [q.to_dict() for q in self.quotas],
            "alternatives": [[c.to_dict() for c in alt] for alt in self.alternatives],
            "unavoidable": list(self.unavoidable),
        }


@dataclass(frozen=True)
class SelectionResult:
    """Outcome of one selection run, self-sufficient for display, audit and refill.

    status: "optimal" (proved), "feasible" (time limit hit with a solution), "infeasible",
    "unknown" (time limit without a solution), or "refilled" (derived by `refill`).
    `objective` is the plain sum of selected scores; `bound` an upper bound on it.
    """

    status: str
    selected: tuple[str | int, ...]
    objective: float
    bound: float | None
    gap: float | None
    seconds: float
    reasons: dict[str | int, tuple[Reason, ...]]
    waiting_list: tuple[str | int, ...]
    quota_usage: tuple[QuotaUsage, ...]
    binding_quotas: tuple[str, ...]
    problems: tuple[Reason, ...] = ()
    relaxation: Relaxation | None = None
    applications: tuple[Application, ...] = ()
    quotas: tuple[Quota, ...] = ()
    overrides: dict[str | int, bool] = field(default_factory=dict)
    withdrawn: tuple[str | int, ...] = ()

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible", "refilled")

    def usage(self, code: str) -> QuotaUsage:
        for row in self.quota_usage:
            if row.code == code:
                return row
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly summary (inputs omitted: the web app already stores them)."""
        return {
            "status": self.status,
            "selected": list(self.selected),
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": self.seconds,
            "reasons": {str(k): [r.to_dict() for r in v] for k, v in self.reasons.items()},
            "waiting_list": list(self.waiting_list),
            "quota_usage": [u.to_dict() for u in self.quota_usage],
            "binding_quotas": list(self.binding_quotas),
            "problems": [p.to_dict() for p in self.problems],
            "relaxation": self.relaxation.to_dict() if self.relaxation else None,
            "withdrawn": list(self.withdrawn),
        }


@dataclass(frozen=True)
class RefillResult:
    """Outcome of replacing a withdrawn application from the waiting list."""

    added: str | int | None
    reason: Reason
    skipped: tuple[tuple[str | int, Reason], ...]
    result: SelectionResult
