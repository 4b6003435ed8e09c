"""Attendance figures per participant, group, JST and project (what the funder settles on).

A participant's planned days are the days of their group's meetings within their period
(`since` up to `until`), so a person replaced and their substitute each count their own part;
`held` are those up to today; `attended` counts present, late and left early; the rate is
attended / held (the days that took place so far: at the end of the training, all planned).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from akademia.delivery import selectors
from akademia.delivery.models import ATTENDED, Attendance


@dataclass
class Figures:
    planned: int = 0
    held: int = 0
    attended: int = 0
    excused: int = 0
    absent: int = 0
    unmarked: int = 0  # days held without a mark yet

    def add(self, other: "Figures") -> None:
        for name in ("planned", "held", "attended", "excused", "absent", "unmarked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def rate(self) -> float | None:
        """Attended days as a percentage of the days held (None before the first day)."""
        return round(100 * self.attended / self.held, 1) if self.held else None


@dataclass
class Line:
    """One row of a report: what it is about (a participant, a group, a JST, a project)."""

    subject: object
    figures: Figures = field(default_factory=Figures)
    people: int = 0


@dataclass
class Report:
    participants: list[Line]
    groups: list[Line]
    jsts: list[Line]
    projects: list[Line]
    total: Figures


def _person(participant, days, marks, today: dt.date) -> Figures:
    figures = Figures()
    for day_id, date in days.get(participant.group_id, ()):
        if not participant.takes_part_on(date):
            continue
        figures.planned += 1
        if date > today:
            continue
        figures.held += 1
        status = marks.get((participant.pk, day_id))
        if status in ATTENDED:
            figures.attended += 1
        elif status == Attendance.EXCUSED:
            figures.excused += 1
        elif status == Attendance.ABSENT:
            figures.absent += 1
        else:
            figures.unmarked += 1
    return figures


def _total(lines: dict, key, subject, figures: Figures) -> None:
    line = lines.setdefault(key, Line(subject))
    line.figures.add(figures)
    line.people += 1


def build(participants) -> Report:
    """The report of these participants (a queryset already in the reader's scope), in three
    queries whatever their number."""
    rows = list(participants)
    days, marks = selectors.days_and_marks(participants)
    today = timezone.localdate()
    people, groups, jsts, projects = [], {}, {}, {}
    total = Figures()
    for participant in rows:
        figures = _person(participant, days, marks, today)
        people.append(Line(participant, figures, 1))
        _total(groups, participant.group_id, participant.group, figures)
        _total(jsts, participant.jst_id, participant.jst, figures)
        _total(projects, participant.group.project_id, participant.group.project, figures)
        total.add(figures)
    return Report(
        participants=people,
        groups=sorted(
            groups.values(), key=lambda line: (line.subject.project.name, line.subject.code)
        ),
        jsts=sorted(jsts.values(), key=lambda line: line.subject.name),
        projects=sorted(projects.values(), key=lambda line: line.subject.name),
        total=total,
    )
