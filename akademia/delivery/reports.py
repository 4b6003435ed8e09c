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
    people: int = 0
    detailed: bool = True  # False: projects and groups only (`build_totals`)


def _person(participant, days, marks, today: dt.date) -> Figures:
    return _figures(
        participant.pk,
        participant.group_id,
        participant.since,
        participant.until,
        days,
        marks,
        today,
    )


def _figures(pk, group_id, since, until, days, marks, today: dt.date) -> Figures:
    """One person's figures: the days of their group within their period (`since` up to
    `until`, the first day without, as `Participant.takes_part_on`)."""
    figures = Figures()
    for day_id, date in days.get(group_id, ()):
        if date < since or (until is not None and date >= until):
            continue
        figures.planned += 1
        if date > today:
            continue
        figures.held += 1
        status = marks.get((pk, day_id))
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
    """The report of these participants (a queryset already in the reader's scope), in five
    queries whatever their number."""
    rows = _people(participants)
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
        groups=_by_group(groups),
        jsts=sorted(jsts.values(), key=lambda line: line.subject.name),
        projects=sorted(projects.values(), key=lambda line: line.subject.name),
        total=total,
        people=len(rows),
    )


def _people(participants) -> list:
    """The participants with their group (its project and venue) and JST, each group and JST
    read once: the whole country's report has 3000 people in 250 groups of 1000 JST, and
    joining them to each person made four objects a person."""
    rows = list(participants.select_related(None))
    groups = selectors.report_groups({row.group_id for row in rows})
    jsts = selectors.report_jsts({row.jst_id for row in rows})
    for row in rows:
        row.group, row.jst = groups[row.group_id], jsts[row.jst_id]
    return rows


def _by_group(groups: dict) -> list[Line]:
    return sorted(groups.values(), key=lambda line: (line.subject.project.name, line.subject.code))


def build_totals(participants) -> Report:
    """The report's projects and groups only, for a scope too large to list every person on a
    page (the whole country): the people are read as values, not objects, so it costs a
    fraction of `build`; the spreadsheet (`build`) still has every person and JST."""
    rows = list(
        participants.order_by().values_list("pk", "group_id", "group__project_id", "since", "until")
    )
    days, marks = selectors.days_and_marks(participants)
    today = timezone.localdate()
    subjects = selectors.report_groups({group_id for _pk, group_id, *_rest in rows})
    groups, projects, total = {}, {}, Figures()
    for pk, group_id, project_id, since, until in rows:
        figures = _figures(pk, group_id, since, until, days, marks, today)
        group = subjects[group_id]
        _total(groups, group_id, group, figures)
        _total(projects, project_id, group.project, figures)
        total.add(figures)
    return Report(
        participants=[],
        groups=_by_group(groups),
        jsts=[],
        projects=sorted(projects.values(), key=lambda line: line.subject.name),
        total=total,
        people=len(rows),
        detailed=False,
    )
