"""`{{ value|hours }}`: advisory hours as people write them ("1,5", "2" in Polish);
`{% hours_cells hours %}`: the cells of a line of hours."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from akademia.delivery.hours import hours_text

register = template.Library()


@register.filter
def hours(value) -> str:
    return hours_text(value)


@register.simple_tag
def hours_cells(hours) -> str:
    """The five cells of a line of hours (due, confirmed and any over the due, awaiting,
    planned, left), written in Python: the country's list has a line per JST (1000), and an
    included template per line was most of the page's time."""
    over = ""
    if hours.over:
        words = gettext("%(over)s over the hours due") % {"over": hours_text(hours.over)}
        over = format_html(' <span class="short">({})</span>', words)
    return format_html(
        "<td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td>",
        hours_text(hours.due),
        hours_text(hours.confirmed),
        over,
        hours_text(hours.awaiting),
        hours_text(hours.planned),
        hours_text(hours.remaining),
    )
