"""Forms of delivery, and the two ways a day's marks arrive: the plain form post (no script)
and the tablet's queue (JSON)."""

import json
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from akademia.core.forms import QuickSelect
from akademia.delivery.models import Attendance, ReviewDecision
from akademia.delivery.services import AdvisoryDetails, MarkInput

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

    # The whole country's choices are long (250 groups, 1000 JST): written in Python.
    projekt = forms.TypedChoiceField(
        label=_("Project"), coerce=int, required=False, widget=QuickSelect
    )
    grupa = forms.TypedChoiceField(label=_("Group"), coerce=int, required=False, widget=QuickSelect)
    jst = forms.TypedChoiceField(label=_("JST"), coerce=int, required=False, widget=QuickSelect)

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


# Tasks between meetings -------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the service (size, type by content)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class TaskSubmitForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Write the answer here, attach files below, or both."),
    )
    files = MultipleFileField(label=_("Files"), required=False)

    def __init__(self, *args, file_help: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = file_help


class TaskReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (ReviewDecision.ACCEPTED, _("Accept the answer")),
            (ReviewDecision.RETURNED, _("Return it for corrections")),
        ],
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=_("Feedback for the team"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you return the answer: say what to correct."),
    )


# Completion and certificates ----------------------------------------------------------------


class CompletionRulesForm(forms.Form):
    min_attendance_percent = forms.IntegerField(
        label=_("Attendance: at least this percentage of the training days"),
        min_value=0,
        max_value=100,
        help_text=_("0: attendance is not a condition."),
    )
    require_tasks = forms.BooleanField(
        label=_("Every task between meetings accepted"),
        required=False,
        help_text=_("Checked once the platform records the tasks."),
    )
    require_advisory = forms.BooleanField(
        label=_("The advisory hours used"),
        required=False,
        help_text=_("Checked once the platform records the advisory hours."),
    )
    require_final_test = forms.BooleanField(
        label=_("The final test taken, when the programme has an evaluation"),
        required=False,
        help_text=_("Checked once the platform holds the final test."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the revocation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log; the public page shows only that and when."),
    )


class VerifyForm(forms.Form):
    numer = forms.CharField(
        label=_("Certificate number"),
        max_length=60,
        help_text=_("As printed on the certificate, e.g. AS-7KQ2-M4XD-PB3R-Z6TA."),
    )


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


# Advisory support (doradztwo) -----------------------------------------------------------------


class HoursField(forms.DecimalField):
    """Hours as an office writes them: "1,5" (the Polish decimal comma) or "1.5", in any
    language of the interface; shown back in the reader's format."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))
        super().__init__(max_digits=4, decimal_places=2, localize=True, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace(",", ".")
        return super().to_python(value)


class AdvisoryAssignForm(forms.Form):
    jst = forms.ModelChoiceField(label=_("JST"), queryset=None, empty_label=_("choose"))
    advisor = forms.ModelChoiceField(
        label=_("Advisor"),
        queryset=None,
        empty_label=_("choose"),
        help_text=_("A trainer working in the JST's voivodeship; they get an e-mail."),
    )

    def __init__(self, data=None, *, jsts, advisors, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["jst"].queryset = jsts
        self.fields["advisor"].queryset = advisors
        self.fields["advisor"].label_from_instance = lambda user: f"{user.full_name} ({user.email})"


HELD, PLANNED = "held", "planned"


class AdvisorySessionForm(forms.Form):
    """One visit or session: planned, or held (reported to the coordinator)."""

    held = forms.ChoiceField(
        label=_("The visit"),
        choices=[
            (HELD, _("took place: report it to the JST's coordinator")),
            (PLANNED, _("is planned")),
        ],
        widget=forms.RadioSelect,
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    hours = HoursField(
        label=_("Hours"), help_text=_("For example 1,5 for an hour and a half; at most 12 a day.")
    )
    mode = forms.ChoiceField(label=_("Form"), widget=forms.RadioSelect)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    done = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for a visit that took place."),
    )
    next_steps = forms.CharField(
        label=_("Agreed next steps"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comment = forms.CharField(
        label=_("Note to the coordinator"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you corrected, or why the entry is right as it is."),
    )

    def __init__(self, data=None, *, modes, may_plan=True, correcting=False, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["mode"].choices = modes
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0][0]
        if not may_plan:  # a reported entry stays a visit that took place
            del self.fields["held"]
        if not correcting:
            del self.fields["comment"]

    @property
    def reports_held(self) -> bool:
        return self.cleaned_data.get("held", HELD) == HELD

    def details(self) -> AdvisoryDetails:
        data = self.cleaned_data
        return AdvisoryDetails(
            date=data["date"],
            hours=data["hours"],
            mode=data["mode"],
            topic=data["topic"],
            done=data["done"],
            next_steps=data["next_steps"],
        )


class AdvisoryDisputeForm(forms.Form):
    comment = forms.CharField(
        label=_("What is wrong"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The advisor gets it by e-mail and corrects the entry."),
    )


class AdvisoryCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the cancellation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AdvisoryFilterForm(forms.Form):
    projekt = forms.TypedChoiceField(label=_("Project"), coerce=int, required=False)

    def __init__(self, data, *, projects):
        super().__init__(data)
        self.fields["projekt"].choices = [("", _("all"))] + [(p.pk, p.name) for p in projects]

    def project(self) -> int | None:
        return self.cleaned_data["projekt"] or None if self.is_valid() else None


# QR self check-in, a day's hours, reopening a closed list ---------------------------------------


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits under the QR code the trainer shows."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}
        ),
    )


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DayHoursForm(forms.Form):
    starts_at = forms.TimeField(label=_("Classes start at"), widget=TimeInput())
    ends_at = forms.TimeField(label=_("Classes end at"), widget=TimeInput())

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The classes end after they start."))
        return data


class DayReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening the list"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the day's history with your name; the trainer sees it."),
    )

    def posted_again(self) -> dict[str, str]:
        """The values as the confirmation page's button posts them."""
        return {"reason": self.cleaned_data["reason"]}
