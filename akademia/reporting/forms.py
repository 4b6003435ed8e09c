from django import forms
from django.utils.translation import gettext_lazy as _

from akademia.core.errors import DomainError
from akademia.reporting import curves
from akademia.reporting.models import Category, Indicator

NATIONAL = "national"


class TargetForm(forms.Form):
    owner = forms.ChoiceField(label=_("project"))
    indicator = forms.ChoiceField(label=_("indicator"), choices=Indicator.choices)
    category = forms.ChoiceField(label=_("category"), choices=Category.choices, required=False)
    value = forms.IntegerField(label=_("target value"), min_value=0, max_value=1_000_000)
    curve = forms.CharField(
        label=_("target curve"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            'One line per month: the month and the value due by its end, e.g. "2026-03 30". '
            "Empty: due evenly over the project's period."
        ),
    )

    def __init__(self, *args, projects, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), p.name) for p in projects]
        if national:
            choices.insert(0, (NATIONAL, str(_("the programme as a whole (national target)"))))
        self.fields["owner"].choices = choices
        self.projects = {str(p.pk): p for p in projects}

    def clean_curve(self) -> list:
        try:
            return curves.parse(self.cleaned_data.get("curve", ""))
        except DomainError as error:
            raise forms.ValidationError(error.message) from error

    def project(self):
        return self.projects.get(self.cleaned_data["owner"])
