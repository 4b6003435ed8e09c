from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from akademia.core.errors import DomainError


def add_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form, at its field when it names one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class QuickSelect(forms.Select):
    """A select whose options are written in Python: Django's own renders every option through
    the template engine, about a millisecond an option, so a filter of the country's 1000 JST
    took a second. Same HTML, flat choices only (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = set(self.format_value(value))
        options = "".join(
            format_html(
                '<option value="{}"{}>{}</option>',
                "" if option is None else option,
                mark_safe(" selected") if str(option) in chosen else "",
                label,
            )
            for option, label in self.choices
        )
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))


class QuickTextarea(forms.Textarea):
    """A textarea written in Python, for pages of many forms (the review page's 25 decisions):
    Django's own goes through the template engine, about a millisecond each. The same HTML but
    for the order of the attributes."""

    def render(self, name, value, attrs=None, renderer=None):
        final = {"name": name} | self.build_attrs(self.attrs, attrs)
        value = self.format_value(value)
        return format_html("<textarea{}>\n{}</textarea>", flatatt(final), value or "")
