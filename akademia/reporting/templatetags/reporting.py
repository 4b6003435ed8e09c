"""Links from the dashboard's figures to the lists behind them, with the dashboard's filters."""

from django import template
from django.urls import reverse

from akademia.reporting.selectors.lists import STAGES

register = template.Library()


def _with_query(url: str, query: str) -> str:
    return url + (f"?{query}" if query else "")


@register.simple_tag
def people_url(filters, stage: str, params: dict | None = None) -> str:
    """The list of the people at `stage`, narrowed like the dashboard and to the row."""
    return _with_query(reverse("reporting:people"), filters.query(etap=stage, **(params or {})))


@register.simple_tag
def jst_url(filters, params: dict | None = None) -> str:
    return _with_query(reverse("reporting:jst-list"), filters.query(**(params or {})))


@register.simple_tag
def with_filters(filters, name: str, *args, **more) -> str:
    """A URL of reporting with the dashboard's filters (exports, maps, the dashboard itself)."""
    query = filters.query(**more)
    return reverse(name, args=args) + (f"?{query}" if query else "")


#: the tables whose figures do not link to a list (months and stages count other things)
UNLINKED = ("months", "funnel")


@register.simple_tag
def table_lines(filters, table) -> list[tuple]:
    """(row, its cells, whether it is the total) for each row of `table` and its total; a
    cell is (value, suffix, URL of the list behind it or ""). Decided here rather than per cell
    in the template, which took most of a national dashboard's rendering."""
    people, places = reverse("reporting:people"), reverse("reporting:jst-list")
    lines = []
    for row in table.rows + ([table.total] if table.total else []):
        cells = []
        for column, value in zip(table.columns, table.values(row), strict=True):
            url = ""
            if value is not None and table.slug not in UNLINKED:
                if column in STAGES:  # the lists of `people_url` and `jst_url`
                    url = _with_query(people, filters.query(etap=column, **row.params))
                elif column == "jst":
                    url = _with_query(places, filters.query(**row.params))
            suffix = "%" if column == "percent" and value is not None else ""
            cells.append(("–" if value is None else value, suffix, url))
        lines.append((row, cells, row is table.total))
    return lines


@register.filter
def get_table(tables: dict, slug: str):
    return tables[slug]
