"""Figures and rows of a consultation round's reports ("podsumowanie", "tabela uwag", "raport").

The figures count comments by thematic block × exchange group × decision state, from one grouped
query over a queryset the caller has already scoped (views pass selectors.comment_list_for), so a
report never counts a comment its reader may not see. The chart's geometry is computed here and
the template only draws it as inline SVG: no JavaScript and no inline style, which the
Content-Security-Policy would block.
"""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from akademia.consultations.models import (
    Block,
    Comment,
    DecisionState,
    TargetKind,
)
from akademia.programmes.models import ProgrammeVersion
from akademia.territory.kinds import ExchangeGroupKind

# The key of "no block", "no meeting" and "no decision yet" on their axes.
NONE = ""
BLOCK, GROUP, STATE = 0, 1, 2

# Colours of the seeded decision states; states the national operator adds take the next free
# colour.
# Each has a contrast of at least 3:1 against white (WCAG 1.4.11), the gap between segments.
STATE_COLOURS = {
    "accepted": "#1e6b34",
    "partly_accepted": "#0072b2",
    "not_accepted": "#b2182b",
    "explained": "#8a6100",
}
EXTRA_COLOURS = ("#6a3d9a", "#00606b", "#7f3b08", "#a6469a")
UNDECIDED_COLOUR = "#757575"


@dataclass(frozen=True)
class Category:
    """One value on an axis: a block, an exchange group or a decision state."""

    key: str
    label: str
    colour: str = ""


@dataclass(frozen=True)
class Row:
    category: Category
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class CrossTable:
    columns: tuple[Category, ...]
    rows: tuple[Row, ...]

    @property
    def column_totals(self) -> list[int]:
        return [sum(column) for column in zip(*(row.counts for row in self.rows), strict=True)]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


@dataclass(frozen=True)
class Segment:
    x: int
    width: int
    colour: str
    title: str


@dataclass(frozen=True)
class Bar:
    label: str
    label_y: int
    y: int
    segments: tuple[Segment, ...]
    total: int
    total_x: int
    total_y: int


@dataclass(frozen=True)
class LegendItem:
    x: int
    y: int
    colour: str
    label: str
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_height: int
    bars: tuple[Bar, ...]
    legend: tuple[LegendItem, ...]
    description: str


@dataclass(frozen=True)
class GroupTable:
    group: Category
    table: CrossTable


@dataclass(frozen=True)
class RoundSummary:
    total: int
    by_state: CrossTable  # block × decision state: the chart's figures
    group_by_state: CrossTable  # exchange group × decision state
    by_group: CrossTable  # block × exchange group
    per_group: tuple[GroupTable, ...]  # for each exchange group: block × decision state
    chart: Chart


def _cube(comments: QuerySet[Comment]) -> Counter:
    """Counts keyed by (block code, meeting kind, decision state code), NONE where absent."""
    grouped = (
        comments.order_by()
        .values("block__code", "meeting__kind", "decision__state__code")
        .annotate(n=Count("pk"))
    )
    cube: Counter = Counter()
    for entry in grouped:
        key = (entry["block__code"], entry["meeting__kind"], entry["decision__state__code"])
        cube[tuple(part or NONE for part in key)] += entry["n"]
    return cube


def _used(cube: Counter, axis: int) -> set[str]:
    return {key[axis] for key, n in cube.items() if n}


def _block_axis(cube: Counter) -> list[Category]:
    """Every active leaf block (a block nobody commented on is a finding too), any other block
    that has comments, and "no block" when some comment has none yet."""
    used = _used(cube, BLOCK)
    blocks = Block.objects.prefetch_related("children")
    rows = [
        Category(block.code, block.name)
        for block in blocks
        if block.code in used or (block.active and not block.children.all())
    ]
    if NONE in used:
        rows.append(Category(NONE, _("No block yet")))
    return rows


def _group_axis(cube: Counter) -> list[Category]:
    groups = [Category(kind.value, capfirst(str(kind.label))) for kind in ExchangeGroupKind]
    if NONE in _used(cube, GROUP):
        groups.append(Category(NONE, _("Outside meetings")))
    return groups


def state_colours(states) -> dict[str, str]:
    """A colour per state code: the seeded ones fixed, so charts of all rounds read alike."""
    spare = iter(EXTRA_COLOURS * (1 + len(states) // len(EXTRA_COLOURS)))
    return {s.code: STATE_COLOURS.get(s.code) or next(spare) for s in states}


def _state_axis(cube: Counter) -> list[Category]:
    states = list(DecisionState.objects.all())
    colours = state_colours(states)
    columns = [Category(s.code, capfirst(str(s)), colours[s.code]) for s in states]
    if NONE in _used(cube, STATE):
        columns.append(Category(NONE, _("No decision yet"), UNDECIDED_COLOUR))
    return columns


def _cross(cube: Counter, rows, columns, axes: tuple[int, int], only=None) -> CrossTable:
    """Sum the cube onto two axes, optionally keeping one value of the third (`only`)."""
    row_axis, column_axis = axes
    counts: Counter = Counter()
    for key, n in cube.items():
        if only is None or key[only[0]] == only[1]:
            counts[key[row_axis], key[column_axis]] += n
    return CrossTable(
        columns=tuple(columns),
        rows=tuple(Row(r, tuple(counts[r.key, c.key] for c in columns)) for r in rows),
    )


def round_summary(comments: QuerySet[Comment]) -> RoundSummary:
    """The figures of a round from its comments, already scoped to the reader."""
    cube = _cube(comments)
    blocks, groups, states = _block_axis(cube), _group_axis(cube), _state_axis(cube)
    by_state = _cross(cube, blocks, states, (BLOCK, STATE))
    used_groups = _used(cube, GROUP)
    per_group = tuple(
        GroupTable(group, _cross(cube, blocks, states, (BLOCK, STATE), only=(GROUP, group.key)))
        for group in groups
        if group.key in used_groups
    )
    return RoundSummary(
        total=sum(cube.values()),
        by_state=by_state,
        group_by_state=_cross(cube, groups, states, (GROUP, STATE)),
        by_group=_cross(cube, blocks, groups, (BLOCK, GROUP)),
        per_group=per_group,
        chart=bar_chart(by_state),
    )


# Geometry of the chart, in SVG user units: a label line above each bar, the legend on top.
CHART_WIDTH = 800
BAR_AREA = 720  # leaves room for the total after the longest bar
BAR_HEIGHT = 18
ROW_HEIGHT = 46
LEGEND_COLUMN = 400
LEGEND_ROW = 22


def _legend(columns) -> tuple[tuple[LegendItem, ...], int]:
    """Swatches with labels in two columns above the bars; returns them and their height."""
    per_row = CHART_WIDTH // LEGEND_COLUMN
    items = []
    for index, column in enumerate(columns):
        x, y = (index % per_row) * LEGEND_COLUMN, (index // per_row) * LEGEND_ROW + 3
        items.append(LegendItem(x, y, column.colour, column.label, x + 20, y + 12))
    rows = -(-len(items) // per_row)
    return tuple(items), rows * LEGEND_ROW + 12


def _bar(row: Row, columns, y: int, scale: float) -> Bar:
    segments, done = [], 0
    for column, n in zip(columns, row.counts, strict=True):
        if not n:
            continue
        start, end = round(done * scale), round((done + n) * scale)
        title = _("%(block)s, %(state)s: %(count)d") % {
            "block": row.category.label,
            "state": column.label,
            "count": n,
        }
        segments.append(Segment(start, max(end - start, 1), column.colour, title))
        done += n
    bar_y = y + BAR_HEIGHT
    return Bar(
        label=row.category.label,
        label_y=y + 14,
        y=bar_y,
        segments=tuple(segments),
        total=row.total,
        total_x=round(done * scale) + 6,
        total_y=bar_y + 14,
    )


def bar_chart(table: CrossTable) -> Chart:
    """Stacked horizontal bars, one per row of the table, coloured by column."""
    legend, top = _legend(table.columns)
    scale = BAR_AREA / max([row.total for row in table.rows] + [1])
    bars = tuple(
        _bar(row, table.columns, top + i * ROW_HEIGHT, scale) for i, row in enumerate(table.rows)
    )
    description = _(
        "Comments per thematic block, in stacked bars coloured by decision state; "
        "%(total)d comments in total. The table below gives the same figures."
    ) % {"total": table.total}
    return Chart(
        width=CHART_WIDTH,
        height=top + len(bars) * ROW_HEIGHT,
        bar_height=BAR_HEIGHT,
        bars=bars,
        legend=legend,
        description=description,
    )


@dataclass(frozen=True)
class CommentRow:
    """One row of the tabela uwag; `author` is empty in the public report."""

    number: int
    author: str
    group: str
    part: str
    text: str
    proposal: str
    state: DecisionState | None
    answer: str
    change_version: int | None


def _parameter_label(name: str) -> str:
    try:
        return capfirst(str(ProgrammeVersion._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def part_of_programme(comment: Comment) -> str:
    """Which part the comment is about: the whole programme, a module's title, a parameter."""
    if comment.target_kind == TargetKind.MODULE and comment.target_module:
        return comment.target_module.title
    if comment.target_kind == TargetKind.PARAMETER and comment.target_parameter:
        return _parameter_label(comment.target_parameter)
    return capfirst(str(TargetKind(comment.target_kind).label))


def decision_answer(decision) -> str:
    """The "uzasadnienie / sposób uwzględnienia" cell: the rationale, then the reflection."""
    if decision is None:
        return ""
    return "\n".join(part for part in (decision.rationale, decision.reflection) if part)


def _decision(comment: Comment):
    return getattr(comment, "decision", None)


def comment_rows(comments, *, public: bool = False) -> list[CommentRow]:
    """The rows of the tabela uwag; `public` leaves out who made each comment."""
    if isinstance(comments, QuerySet):
        comments = comments.select_related("decision__change_version", "target_module")
    rows = []
    for comment in comments:
        decision = _decision(comment)
        rows.append(
            CommentRow(
                number=comment.number,
                author="" if public else comment.author_display,
                group=str(comment.meeting) if comment.meeting else "",
                part=part_of_programme(comment),
                text=comment.text,
                proposal=comment.proposed_change,
                state=decision.state if decision else None,
                answer=decision_answer(decision),
                change_version=decision.change_version.number
                if decision and decision.change_version
                else None,
            )
        )
    return rows
