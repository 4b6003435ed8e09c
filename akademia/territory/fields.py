"""The JST picker: a form field any later form can use to choose a local-government unit.

The widget is a text box with htmx autocomplete (territory:jst-search) and a hidden input that
carries the chosen unit's TERYT code; static/territory/js/jst-picker.js makes it a keyboard
combobox. The field validates against a queryset, which a form narrows to the user's scope.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from akademia.accounts.permissions import visible
from akademia.territory.models import Jst


class JstPickerWidget(forms.Widget):
    template_name = "territory/widgets/jst_picker.html"

    class Media:
        js = ["territory/js/jst-picker.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = None
        if value:
            chosen = (
                Jst.objects.filter(code=str(value)).select_related("voivodeship", "county").first()
            )
        context["widget"]["chosen"] = chosen
        # Django names these attributes with dashes, which templates cannot read directly.
        attrs = context["widget"]["attrs"]
        context["widget"]["described_by"] = attrs.get("aria-describedby", "")
        context["widget"]["invalid"] = attrs.get("aria-invalid", "")
        return context


class JstChoiceField(forms.ModelChoiceField):
    widget = JstPickerWidget
    default_error_messages = {
        "invalid_choice": _("Choose a JST from the list (type part of its name or its TERYT code).")
    }

    def __init__(self, **kwargs):
        super().__init__(queryset=Jst.objects.filter(active=True), to_field_name="code", **kwargs)

    def restrict_to(self, user) -> None:
        """Accept only units in the user's scope (by voivodeship)."""
        self.queryset = visible(self.queryset, user)
