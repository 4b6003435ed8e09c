"""`{% bars bars caption %}`: a distribution (`results.Bar`s) as bars for the eye (SVG, hidden
from screen readers) and the same figures as a table for screen readers, written in Python: a
programme version's report draws about 400 of them, and an included template per chart was
most of the page's time."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

register = template.Library()

_ROW = (
    '<div class="bar-row"><span class="bar-label">{}</span>'
    '<svg class="bar" width="100%" height="18" focusable="false">'
    '<rect class="bar-back" x="0" y="0" width="100%" height="18"></rect>'
    '<rect class="bar-fill" x="0" y="0" width="{}%" height="18"></rect></svg>'
    '<span class="bar-value">{} ({}%)</span></div>'
)
_CELLS = '<tr><th scope="row">{}</th><td>{}</td><td>{}%</td></tr>'


@register.simple_tag
def bars(bars, caption) -> str:
    rows = [(bar.label, bar.percent, bar.count, bar.percent) for bar in bars]
    return format_html(
        '<figure class="chart"><div class="bars" aria-hidden="true">{}</div>'
        '<table class="visually-hidden"><caption>{}</caption><thead><tr><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>'
        "</figure>",
        format_html_join("", _ROW, rows),
        caption,
        gettext("Answer"),
        gettext("People"),
        gettext("Share"),
        format_html_join("", _CELLS, ((bar.label, bar.count, bar.percent) for bar in bars)),
    )
