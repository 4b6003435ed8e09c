import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from akademia.planning.models import Trainer, Venue
from akademia.territory.fields import JstChoiceField


def parse_dates(text: str) -> list[str]:
    """One date (YYYY-MM-DD) or range (YYYY-MM-DD..YYYY-MM-DD) a line or separated by commas."""
    days: set[dt.date] = set()
    for chunk in text.replace(",", "\n").split():
        start, _sep, end = chunk.partition("..")
        try:
            first = dt.date.fromisoformat(start)
            last = dt.date.fromisoformat(end) if end else first
        except ValueError as error:
            raise forms.ValidationError(
                _("“%(value)s” is not a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)."),
                params={"value": chunk},
            ) from error
        if last < first or (last - first).days > 366:
            raise forms.ValidationError(
                _("“%(value)s” is not a valid range."), params={"value": chunk}
            )
        while first <= last:
            days.add(first)
            first += dt.timedelta(days=1)
    return sorted(day.isoformat() for day in days)


class DatesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Dates (YYYY-MM-DD) or ranges (YYYY-MM-DD..YYYY-MM-DD), one a line.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return parse_dates(super().to_python(value) or "")


class RunForm(forms.Form):
    version = forms.TypedChoiceField(label=_("Programme version"), coerce=int)
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=2, max_value=600, initial=60
    )
    same_kind = forms.BooleanField(
        label=_("Groups of one kind only (rural, urban, county)"), required=False
    )
    fixed_cost = forms.FloatField(
        label=_("Cost of one more group (in person-km)"),
        min_value=0,
        initial=300,
        help_text=_("Fewer, fuller groups when higher; shorter trips when lower."),
    )
    # ISO values: what <input type="date"> reads and sends, whatever the language.
    period_start = forms.DateField(
        label=_("Meetings from"),
        required=False,
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: a month from today, or the project's start if later."),
    )
    period_end = forms.DateField(
        label=_("Meetings until"),
        required=False,
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: the programme's length in months, within the project's end."),
    )
    blackout = DatesField(label=_("No meetings on"))

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [(v.pk, str(v)) for v in versions]

    def parameters(self) -> dict:
        data = self.cleaned_data
        period = {
            name: data[name].isoformat()
            for name in ("period_start", "period_end")
            if data.get(name) is not None
        }
        return {
            "version": data["version"],
            "time_limit": data["time_limit"],
            "same_kind": data["same_kind"],
            "fixed_cost": data["fixed_cost"],
            "blackout": data["blackout"],
        } | period


class VenueForm(forms.ModelForm):
    unavailable = DatesField(label=_("Unavailable dates"))

    class Meta:
        model = Venue
        fields = ["name", "address", "lat", "lon", "max_groups", "unavailable", "active"]


class TrainerForm(forms.ModelForm):
    home_jst = JstChoiceField(
        required=False,
        label=_("Home JST"),
        help_text=_("Or give the coordinates of the home below."),
    )
    unavailable = DatesField(label=_("Unavailable dates"))

    class Meta:
        model = Trainer
        fields = ["name", "home_jst", "lat", "lon", "unavailable", "max_days", "active"]


class MoveTeamForm(forms.Form):
    team = forms.ChoiceField(label=_("Team"))
    group = forms.ChoiceField(label=_("To group"))

    def __init__(self, *args, teams=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = list(teams)
        self.fields["group"].choices = list(groups)


class MoveMeetingForm(forms.Form):
    group = forms.ChoiceField(label=_("Group"))
    module = forms.TypedChoiceField(label=_("Module"), coerce=int)
    start = forms.DateField(
        label=_("New first day"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, groups=(), modules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = list(groups)
        self.fields["module"].choices = [(m, m) for m in modules]


class ChangeTrainerForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Group"), error_messages={"invalid_choice": _("Choose a group of this plan.")}
    )
    module = forms.TypedChoiceField(
        label=_("Module"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose a module of the programme.")},
    )
    trainer = forms.ChoiceField(
        label=_("New trainer"),
        error_messages={"invalid_choice": _("Choose one of the project's trainers.")},
    )

    def __init__(self, *args, groups=(), modules=(), trainers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = list(groups)
        self.fields["module"].choices = [(m, m) for m in modules]
        self.fields["trainer"].choices = list(trainers)
