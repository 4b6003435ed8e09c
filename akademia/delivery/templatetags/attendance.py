"""Report and list helpers written in Python for long pages.

`{% figure_cells figures %}`: the seven cells of a report's line (days planned, held,
attended, excused, absent, not marked, the rate), written in Python: a report of a project
has hundreds of lines, and an included template per line was most of the page's time."""

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def figure_cells(figures) -> str:
    rate = format_html("{} %", floatformat(figures.rate, 1)) if figures.rate is not None else "—"
    counts = (
        figures.planned,
        figures.held,
        figures.attended,
        figures.excused,
        figures.absent,
        figures.unmarked,
    )
    cells = format_html_join("", "<td>{}</td>", ((count,) for count in counts))
    return format_html("{}<td>{}</td>", cells, rate)


@register.simple_tag
def day_links(group) -> str:
    """A group's training days as links to their lists ("12 stycznia, 13 stycznia; …"), one
    meeting after another: the country's list of groups has 2500 of them, so the address is
    reversed once and the links are written in Python."""
    pattern = reverse("delivery:day-detail", args=[0])
    meetings = []
    for meeting in group.meetings.all():
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (pattern.replace("/0/", f"/{day.pk}/"), formats.date_format(day.date, "j E"))
                for day in meeting.days.all()
            ),
        )
        meetings.append(links)
    return mark_safe("; ".join(meetings))
