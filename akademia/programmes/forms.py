from django import forms
from django.utils.translation import gettext_lazy as _

from akademia.accounts.selectors import experts
from akademia.programmes.models import WEEKDAYS, Method, ProgrammeVersion
from akademia.territory.kinds import ExchangeGroupKind


class VersionForm(forms.ModelForm):
    target_kinds = forms.MultipleChoiceField(
        label=_("JST kinds it is for"),
        choices=ExchangeGroupKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Allowed weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ProgrammeVersion
        fields = [
            "title", "goal", "target_kinds", "audience", "advisory_hours", "advisory_mode",
            "group_min", "group_max", "team_min", "team_max", "team_min_managers",
            "duration_months", "period_start", "period_end", "days_per_meeting",
            "gap_min_weeks", "gap_max_weeks", "weekdays", "start_hour", "end_hour",
        ]  # fmt: skip
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 4}),
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_hour": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_hour": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        data = super().clean()
        for low, high, message in (
            ("group_min", "group_max", _("The minimum group size is above the maximum.")),
            ("team_min", "team_max", _("The minimum team size is above the maximum.")),
            ("gap_min_weeks", "gap_max_weeks", _("The minimum gap is above the maximum.")),
            ("period_start", "period_end", _("The period ends before it starts.")),
            ("start_hour", "end_hour", _("Meetings end before they start.")),
        ):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, message)
        if (data.get("team_min_managers") or 0) > (data.get("team_max") or 0):
            self.add_error("team_min_managers", _("More managers than people in a team."))
        return data


class ProgrammeCreateForm(forms.ModelForm):
    target_kinds = VersionForm.base_fields["target_kinds"]

    class Meta:
        model = ProgrammeVersion
        fields = ["title", "goal", "target_kinds", "audience"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 4})}


class ModuleForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Module title"), max_length=250)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=200, decimal_places=1)
    methods = forms.MultipleChoiceField(
        label=_("Methods"), choices=Method.choices, widget=forms.CheckboxSelectMultiple
    )
    learning_outcomes = forms.CharField(
        label=_("Learning outcomes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    intersession_task = forms.CharField(
        label=_("Task at the JST office before the next meeting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


ModuleFormSet = forms.formset_factory(
    ModuleForm, extra=1, can_delete=True, can_order=True, max_num=30, validate_max=True
)


def ordered_modules(formset) -> list[dict]:
    """The modules to keep, in the order the person set (ORDER field), blanks dropped."""
    rows = [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data.get("title") and not form.cleaned_data.get("DELETE")
    ]
    position = {id(row): index for index, row in enumerate(rows)}
    return sorted(rows, key=lambda row: (row.get("ORDER") or 999, position[id(row)]))


class AuthorsForm(forms.Form):
    authors = forms.ModelMultipleChoiceField(
        label=_("Authors (programme experts)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = experts()
