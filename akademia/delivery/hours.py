"""Advisory hours per JST, advisor and project: what was confirmed against what is due.

Each JST of a project is due the advisory hours of the project's programme version
(`selectors.advisory_due`). Only hours the JST's coordinator confirmed count as used; hours
reported and not confirmed yet (or disputed) and hours planned are shown beside them. An advisor
is due the hours of the JST assigned to them now, and is credited with the entries they made
(so after a change of advisor each keeps their own hours). The rows come from the selectors,
already in the reader's scope; this module only adds them up.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

from akademia.core.collation import polish_alphabet_key
from akademia.delivery.models import AWAITING, AdvisoryAssignment, AdvisoryStatus

ZERO = Decimal(0)


def hours_text(value: Decimal | None) -> str:
    """Hours as people write them, in the active language: "1,5", "2", "0,25" in Polish."""
    value = Decimal(value or 0)
    whole = value == value.to_integral_value()
    return number_format(int(value) if whole else value.normalize())


@dataclass
class Hours:
    due: Decimal = ZERO
    confirmed: Decimal = ZERO
    awaiting: Decimal = ZERO  # reported and not confirmed yet, or disputed
    planned: Decimal = ZERO

    def add(self, other: "Hours") -> None:
        for name in ("due", "confirmed", "awaiting", "planned"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def count(self, status: str, hours: Decimal) -> None:
        if status == AdvisoryStatus.CONFIRMED:
            self.confirmed += hours
        elif status in AWAITING:
            self.awaiting += hours
        elif status == AdvisoryStatus.PLANNED:
            self.planned += hours

    @property
    def remaining(self) -> Decimal:
        """Hours due and not confirmed yet (never below zero: see `over`)."""
        return max(self.due - self.confirmed, ZERO)

    @property
    def over(self) -> Decimal:
        """Confirmed hours beyond those due."""
        return max(self.confirmed - self.due, ZERO)

    @property
    def rate(self) -> float | None:
        """Confirmed hours as a percentage of those due (None when none are due)."""
        return round(float(100 * self.confirmed / self.due), 1) if self.due else None


@dataclass(frozen=True)
class Advisor:
    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass
class JstLine:
    """One JST of one project: its advisor (None: not assigned yet) and hours."""

    project: object
    jst: object
    assignment: AdvisoryAssignment | None
    hours: Hours = field(default_factory=Hours)


@dataclass
class Line:
    """A total: of an advisor or a project, over `jsts` JST."""

    subject: object
    hours: Hours = field(default_factory=Hours)
    jsts: int = 0


@dataclass
class AdvisoryReport:
    jsts: list[JstLine]
    advisors: list[Line]
    projects: list[Line]
    total: Hours


def _name(subject) -> tuple:
    return polish_alphabet_key(subject.name)


def build(assignments, unassigned, sums: list[dict], dues: dict[int, Decimal]) -> AdvisoryReport:
    """The report of these assignments and JST without an advisor (`[(project, jst)]`), with
    the hours of `sums` (`selectors.advisory_sums_for`) and each project's hours due per JST."""
    lines = {a.pk: JstLine(a.project, a.jst, a, Hours(due=dues[a.project_id])) for a in assignments}
    advisors: dict[int, Line] = {}
    for assignment in assignments:
        advisor = Advisor(assignment.advisor_id, assignment.advisor.full_name)
        line = advisors.setdefault(advisor.pk, Line(advisor))
        line.hours.due += dues[assignment.project_id]
        line.jsts += 1
    for row in sums:
        if row["assignment_id"] in lines:
            lines[row["assignment_id"]].hours.count(row["status"], row["total"])
        advisor = Advisor(row["advisor_id"], row["advisor__full_name"])
        advisors.setdefault(advisor.pk, Line(advisor)).hours.count(row["status"], row["total"])
    jsts = list(lines.values()) + [
        JstLine(project, jst, None, Hours(due=dues[project.pk])) for project, jst in unassigned
    ]
    jsts.sort(key=lambda row: (_name(row.project), _name(row.jst)))
    projects: dict[int, Line] = {}
    total = Hours()
    for line in jsts:
        project = projects.setdefault(line.project.pk, Line(line.project))
        project.hours.add(line.hours)
        project.jsts += 1
        total.add(line.hours)
    return AdvisoryReport(
        jsts=jsts,
        advisors=sorted(advisors.values(), key=lambda line: _name(line.subject)),
        projects=sorted(projects.values(), key=lambda line: _name(line.subject)),
        total=total,
    )
