"""Links from the dashboard's figures to the lists behind them, with the dashboard's filters."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def people_url(filters, stage: str, params: dict | None = None) -> str:
    """The list of the people at `stage`, narrowed like the dashboard and to the row."""
    return f"{reverse('reporting:people')}?{filters.query(etap=stage, **(params or {}))}"


@register.simple_tag
def jst_url(filters, params: dict | None = None) -> str:
    query = filters.query(**(params or {}))
    return reverse("reporting:jst-list") + (f"?{query}" if query else "")


@register.simple_tag
def with_filters(filters, name: str, *args, **more) -> str:
    """A URL of reporting with the dashboard's filters (exports, maps, the dashboard itself)."""
    query = filters.query(**more)
    return reverse(name, args=args) + (f"?{query}" if query else "")


@register.filter
def cell(table, row):
    """The row's values in the table's columns."""
    return zip(table.columns, table.values(row), strict=True)


@register.filter
def get_table(tables: dict, slug: str):
    return tables[slug]
