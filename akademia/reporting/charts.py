"""Charts drawn by the server as SVG (no script): the target curve against what was reached,
month by month, and the funnel from application to certificate. Geometry only; the templates
(`reporting/_curve.html`, `_funnel.html`) draw it, each beside a table with the same figures."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 64
COLOURS = {"due": "#6b7280", "started": "#1f4e79", "certified": "#2e7d32", "jst": "#b45309"}


@dataclass
class Line:
    key: str
    label: str
    colour: str
    points: str  # "x,y x,y ..."
    dashed: bool = False


@dataclass
class CurveChart:
    width: int = WIDTH
    height: int = HEIGHT
    lines: list[Line] = field(default_factory=list)
    ticks: list[dict] = field(default_factory=list)  # y axis: value, y
    labels: list[dict] = field(default_factory=list)  # x axis: text, x
    legend: list[dict] = field(default_factory=list)
    description: str = ""
    bottom: int = HEIGHT - BOTTOM


def _nice(top: int) -> int:
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if top <= step * 5:
            return step
    return 10000


def curve_chart(months) -> CurveChart | None:
    """Cumulative people trained and certified, and what the targets ask, per month."""
    if not months:
        return None
    series = {
        "due": [m.due_trained for m in months],
        "started": [m.started_total for m in months],
        "certified": [m.certified_total for m in months],
    }
    top = max([v for values in series.values() for v in values if v is not None] + [1])
    step = _nice(top)
    top = step * -(-top // step)
    chart = CurveChart(description=_("People trained and certified against the target, by month"))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    gap = plot_w / max(len(months) - 1, 1)

    def x(i):
        return round(LEFT + i * gap, 1)

    def y(v):
        return round(TOP + plot_h - plot_h * v / top, 1)

    names = {"due": _("target"), "started": _("trained"), "certified": _("certified")}
    for key, values in series.items():
        points = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values) if v is not None)
        if points:
            chart.lines.append(Line(key, names[key], COLOURS[key], points, key == "due"))
    chart.ticks = [{"value": v, "y": y(v)} for v in range(0, top + 1, step)]
    every = max(1, len(months) // 12)
    chart.labels = [
        {"text": m.month.strftime("%m.%Y"), "x": x(i)}
        for i, m in enumerate(months)
        if i % every == 0
    ]
    chart.legend = [
        {"label": line.label, "colour": line.colour, "x": LEFT + 130 * n, "dashed": line.dashed}
        for n, line in enumerate(chart.lines)
    ]
    return chart


@dataclass
class FunnelBar:
    label: str
    count: int
    y: int
    width: float
    lost: int


def funnel_chart(stages, labels: dict) -> dict:
    most = max([s.count for s in stages] + [1])
    bar_w, row = 460, 34
    bars = [
        FunnelBar(
            str(labels[s.key]), s.count, 8 + i * row, round(bar_w * s.count / most, 1), s.lost
        )
        for i, s in enumerate(stages)
    ]
    return {
        "width": 720,
        "height": 16 + row * len(stages),
        "bars": bars,
        "bar_x": 200,
        "bar_height": 24,
        "description": _("People at each stage, from application to certificate"),
    }
