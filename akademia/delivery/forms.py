"""Forms of delivery, and the two ways a day's marks arrive: the plain form post (no script)
and the tablet's queue (JSON)."""

import json
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from akademia.delivery.models import Attendance
from akademia.delivery.services import MarkInput

MAX_MARKS = 500  # a batch from one tablet: a group is 16-25 people, a queue a few days of them


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SubstituteForm(forms.Form):
    full_name = forms.CharField(label=_("Substitute's full name"), max_length=150)
    email = forms.EmailField(
        label=_("Substitute's e-mail"),
        help_text=_("The substitute signs in with it; a new person gets an invitation."),
    )
    since = forms.DateField(
        label=_("Takes part from"),
        widget=DateInput(),
        help_text=_("The person replaced takes part until the day before."),
    )


class WithdrawForm(forms.Form):
    date = forms.DateField(
        label=_("No longer takes part from"),
        widget=DateInput(),
        help_text=_("The person takes part until the day before."),
    )
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MarkChangeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Attendance"), choices=Attendance.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note or reason of the excuse"),
        max_length=500,
        required=False,
        help_text=_("Required for an excused absence."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the mark's history with your name."),
    )


class ReportFilterForm(forms.Form):
    """Which part of the scope a report covers; the choices are the user's own."""

    projekt = forms.TypedChoiceField(label=_("Project"), coerce=int, required=False)
    grupa = forms.TypedChoiceField(label=_("Group"), coerce=int, required=False)
    jst = forms.TypedChoiceField(label=_("JST"), coerce=int, required=False)

    def __init__(self, data, *, projects, groups, jsts):
        super().__init__(data)
        everything = [("", _("all"))]
        self.fields["projekt"].choices = everything + [(p.pk, p.name) for p in projects]
        self.fields["grupa"].choices = everything + [
            (g.pk, f"{g.project.name}: {g.code}") for g in groups
        ]
        self.fields["jst"].choices = everything + [(j.pk, j.name) for j in jsts]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"project": data["projekt"], "group": data["grupa"], "jst": data["jst"]}


def _client_id(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def marks_from_post(data, participant_ids) -> list[MarkInput]:
    """The plain form: per person `status-<id>`, `note-<id>` and the id rendered with the page
    (`client-<id>`: the same page sent twice is applied once). Unanswered rows are skipped."""
    marks = []
    for pk in participant_ids:
        status = data.get(f"status-{pk}", "")
        if status:
            marks.append(
                MarkInput(
                    participant_id=pk,
                    status=status,
                    note=data.get(f"note-{pk}", "")[:1000],
                    client_id=_client_id(data.get(f"client-{pk}")),
                )
            )
    return marks


def marks_from_json(body: bytes) -> list[MarkInput]:
    """The tablet's queue: {"marks": [{"id": uuid, "participant": id, "status", "note"}]}.
    Raises ValueError for anything else (the view answers 400)."""
    rows = json.loads(body or b"null")
    if not isinstance(rows, dict) or not isinstance(rows.get("marks"), list):
        raise ValueError("marks")
    if len(rows["marks"]) > MAX_MARKS:
        raise ValueError("too many")
    marks = []
    for row in rows["marks"]:
        if not isinstance(row, dict):
            raise ValueError("mark")
        client_id = _client_id(row.get("id"))
        if client_id is None or not str(row.get("participant", "")).isdigit():
            raise ValueError("id")
        marks.append(
            MarkInput(
                participant_id=int(row["participant"]),
                status=str(row.get("status", "")),
                note=str(row.get("note") or "")[:1000],
                client_id=client_id,
            )
        )
    return marks


class MeetingChangeForm(forms.Form):
    """A published meeting moved: its first day (the length is kept), venue, trainer, why."""

    start_date = forms.DateField(
        label=_("First day"),
        widget=DateInput(),
        help_text=_("The meeting keeps its number of days."),
    )
    venue = forms.ModelChoiceField(queryset=None, label=_("Venue"), empty_label=None)
    trainer = forms.ModelChoiceField(
        queryset=None, label=_("Trainer"), required=False, empty_label=_("no trainer")
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The e-mail to the people concerned quotes it."),
    )

    def __init__(self, *args, venues, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = venues
        self.fields["trainer"].queryset = trainers

    def posted_again(self) -> dict[str, str]:
        """The values as the confirmation page's button posts them."""
        data = self.cleaned_data
        return {
            "start_date": data["start_date"].isoformat(),
            "venue": str(data["venue"].pk),
            "trainer": str(data["trainer"].pk) if data["trainer"] else "",
            "reason": data["reason"],
        }
