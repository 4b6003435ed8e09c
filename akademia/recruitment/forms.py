"""Forms of recruitment: the JST's application (with its team formset), and the operators'."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from akademia.core.errors import DomainError
from akademia.programmes.models import PUBLISHED_STATUSES, ProgrammeVersion
from akademia.recruitment import services
from akademia.recruitment.models import (
    AgeGroup,
    ApplicationStatus,
    CriterionCode,
    Education,
    Gender,
    Override,
    Profile,
    QuotaField,
    QuotaUnit,
)
from akademia.recruitment.services import ApplicationData
from akademia.territory.fields import JstChoiceField
from akademia.territory.kinds import ExchangeGroupKind
from akademia.territory.models import Voivodeship

DRAFT_FIELDS = ("jst", "coordinator_name", "coordinator_email", "letter")


ANSWER_MAX = 5000  # characters of an answer to a call's question


class ApplicationForm(forms.Form):
    """The JST's application; the answer fields follow the call's questions."""

    jst = JstChoiceField(label=_("JST"))
    coordinator_name = forms.CharField(
        label=_("Coordinator's full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    coordinator_email = forms.EmailField(
        label=_("Coordinator's e-mail"),
        help_text=_("We send a link to confirm it; it becomes the coordinator's login."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    letter = forms.FileField(
        label=_("Signed letter of intent"),
        required=False,
        help_text=_("A PDF file, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
    consent = forms.BooleanField(label=_("Consent"), required=False)

    def __init__(self, *args, call, application=None, **kwargs):
        if application is not None and "initial" not in kwargs:
            answers = {a["question"]: a["answer"] for a in application.answers}
            initial = {
                "jst": application.jst.code,
                "coordinator_name": application.coordinator_name,
                "coordinator_email": application.coordinator_email,
                "consent": bool(application.consent_at),
            }
            for i, question in enumerate(call.questions):
                initial[f"answer_{i}"] = answers.get(question, "")
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.call = call
        self.application = application
        self.fields["consent"].label = call.consent_text
        self.show_saved(application)
        # Answers come after the team in the page, but are plain fields of this form.
        consent = self.fields.pop("consent")
        for i, question in enumerate(call.questions):
            self.fields[f"answer_{i}"] = forms.CharField(
                label=question,
                required=False,
                max_length=ANSWER_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["consent"] = consent

    def show_saved(self, application) -> None:
        """Say which letter is stored, so the applicant need not choose the file again."""
        self.application = application
        if application is not None and application.letter:
            self.fields["letter"].help_text = _(
                "Saved: %(name)s. Choose a file only to replace it (PDF, at most 5 MB)."
            ) % {"name": application.letter_name}
            self._bound_fields_cache.pop("letter", None)  # a bound field copies its help text

    def clean_letter(self):
        upload = self.cleaned_data.get("letter")
        if upload:
            try:
                services.check_letter(upload)
            except DomainError as error:
                raise forms.ValidationError(error.message) from error
        return upload

    def draft_ready(self) -> bool:
        """Enough to store a draft: the JST, the coordinator, and no refused file."""
        self.is_valid()
        return all(name not in self.errors for name in DRAFT_FIELDS) and all(
            name in self.cleaned_data for name in DRAFT_FIELDS[:3]
        )

    def data_for(self, team_rows: list[dict]) -> ApplicationData:
        data = self.cleaned_data
        return ApplicationData(
            jst=data["jst"],
            coordinator_name=data["coordinator_name"],
            coordinator_email=data["coordinator_email"],
            team=team_rows,
            answers=[data.get(f"answer_{i}", "") for i in range(len(self.call.questions))],
            consent=bool(data.get("consent")),
            letter=data.get("letter") or None,
        )


class TeamMemberForm(forms.Form):
    """One team member; an empty row is skipped, a started row must be complete."""

    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    position = forms.CharField(label=_("Position in the office"), max_length=150, required=False)
    profile = forms.ChoiceField(
        label=_("Profile"),
        choices=[("", "---------"), *Profile.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validate even an unchanged row: a draft's stored member must not be dropped.
        self.empty_permitted = False

    def clean(self):
        data = super().clean()
        if any(data.get(name) for name in self.fields):
            for name in self.fields:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Fill this in, or leave the whole row empty."))
        return data

    def row(self) -> dict | None:
        if not self.is_valid() or not self.cleaned_data.get("full_name"):
            return None
        return {name: self.cleaned_data[name] for name in self.fields}


def team_formset(data=None, *, call, application=None):
    initial = []
    if application is not None:
        initial = [
            {
                "full_name": m.full_name,
                "email": m.email,
                "position": m.position,
                "profile": m.profile,
            }
            for m in application.team.all()
        ]
    formset_class = forms.formset_factory(
        TeamMemberForm, extra=max(call.team_max - len(initial), 0), max_num=call.team_max
    )
    return formset_class(data, prefix="team", initial=initial)


def apply_rules(form: forms.Form, rules: dict) -> None:
    """Show a service's edit rules (`services.FieldRule`) on the form: a locked field is
    disabled and says why; a limited field states its rule under the input."""
    for name, rule in rules.items():
        field = form.fields.get(name)
        if field is None:
            continue
        if rule.locked:
            field.disabled = True
            field.help_text = rule.note
        else:
            field.help_text = " ".join(filter(None, [str(field.help_text or ""), str(rule.note)]))


class ProjectForm(forms.Form):
    """A new project, or (with `instance` and its `rules`) the changes to one."""

    name = forms.CharField(label=_("Name"), max_length=200)
    voivodeship = forms.ModelChoiceField(
        label=_("Voivodeship"),
        queryset=Voivodeship.objects.all(),
        required=False,
        empty_label=_("none: the national pilot"),
    )
    target_jst = forms.IntegerField(label=_("Target: number of JST"), min_value=0, initial=0)
    target_people = forms.IntegerField(label=_("Target: number of people"), min_value=0, initial=0)
    starts_on = forms.DateField(
        label=_("Project starts on"),
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
    )
    ends_on = forms.DateField(
        label=_("Project ends on"),
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The training of the project is planned between these two days."),
    )

    def __init__(self, *args, instance=None, rules=None, **kwargs):
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": instance.name,
                    "voivodeship": instance.voivodeship_id,
                    "target_jst": instance.target_jst,
                    "target_people": instance.target_people,
                    "starts_on": instance.starts_on,
                    "ends_on": instance.ends_on,
                },
            )
        super().__init__(*args, **kwargs)
        apply_rules(self, rules or {})


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    versions = forms.ModelMultipleChoiceField(
        label=_("Programme versions offered"),
        queryset=ProgrammeVersion.objects.filter(status__in=PUBLISHED_STATUSES),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The team size rule is taken from them."),
    )
    # ISO values: what <input type="date"> reads and sends, whatever the language.
    opens_on = forms.DateField(
        label=_("Applications from"),
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
    )
    closes_on = forms.DateField(
        label=_("Applications until"),
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of JST that may apply"),
        choices=ExchangeGroupKind.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=ExchangeGroupKind.values,
    )
    voivodeships = forms.ModelMultipleChoiceField(
        label=_("Voivodeships that may apply"),
        queryset=Voivodeship.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all. A regional project's call is always its voivodeship's."),
    )
    allow_returning = forms.BooleanField(
        label=_("JST that already took part may apply again"), required=False
    )
    questions = forms.CharField(
        label=_("Questions to applicants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question per line."),
    )
    consent_text = forms.CharField(
        label=_("Consent text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Empty: the standard consent to processing personal data."),
    )

    def __init__(self, *args, call=None, rules=None, **kwargs):
        """A new call, or (with `call` and its `rules`) the changes to one."""
        if call is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": call.title,
                    "versions": [v.pk for v in call.versions.all()],
                    "opens_on": call.opens_on,
                    "closes_on": call.closes_on,
                    "kinds": list(call.kinds),
                    "voivodeships": list(call.voivodeships.values_list("pk", flat=True)),
                    "allow_returning": call.allow_returning,
                    "questions": "\n".join(call.questions),
                    "consent_text": call.consent_text,
                },
            )
        super().__init__(*args, **kwargs)
        if call is not None:
            # The versions offered stay choices even if no longer published.
            self.fields["versions"].queryset = ProgrammeVersion.objects.filter(
                Q(status__in=PUBLISHED_STATUSES) | Q(recruitment_calls=call)
            ).distinct()
        apply_rules(self, rules or {})

    def clean_questions(self):
        return [
            line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()
        ]


class CriteriaForm(forms.Form):
    """One weight per named criterion; 0 leaves it out."""

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        weights = {c.code: c.weight for c in call.criteria.all()}
        for code, label in CriterionCode.choices:
            self.fields[code] = forms.IntegerField(
                label=label, min_value=0, max_value=100, initial=weights.get(code, 0)
            )


class QuotaForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    label = forms.CharField(label=_("Label"), max_length=100, required=False)
    field = forms.ChoiceField(label=_("Group"), choices=QuotaField.choices, required=False)
    values = forms.CharField(
        label=_("Values"),
        required=False,
        help_text=_("Comma-separated: rural, urban, county; or TERYT codes."),
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=QuotaUnit.choices, initial="jst")
    min = forms.IntegerField(label=_("Minimum"), min_value=0, required=False)
    max = forms.IntegerField(label=_("Maximum"), min_value=0, required=False)

    def row(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("code"):
            return None
        values = [v.strip() for v in (data.get("values") or "").split(",") if v.strip()]
        return {
            "code": data["code"].strip(),
            "label": data.get("label", ""),
            "field": data.get("field") or "",
            "values": values,
            "unit": data["unit"],
            "min": data.get("min"),
            "max": data.get("max"),
        }


def quota_formset(data=None, *, call):
    initial = [
        {
            "code": q.code,
            "label": q.label,
            "field": q.field,
            "values": ", ".join(map(str, q.values)),
            "unit": q.unit,
            "min": q.min,
            "max": q.max,
        }
        for q in call.quotas.all()
    ]
    formset_class = forms.formset_factory(QuotaForm, extra=3)
    return formset_class(data, prefix="quota", initial=initial)


class CorrectionsForm(forms.Form):
    note = forms.CharField(
        label=_("What needs to be corrected"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ScoreForm(forms.Form):
    points = forms.IntegerField(
        label=_("Operator's assessment of the answers (0-10)"),
        min_value=0,
        max_value=10,
        required=False,
    )


class OverrideForm(forms.Form):
    override = forms.ChoiceField(
        label=_("Manual decision"), choices=Override.choices, required=False
    )
    reason = forms.CharField(
        label=_("Why"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MonitoringForm(forms.Form):
    """The data EU-funds monitoring needs about one participant, and nothing more."""

    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "---------"), *Gender.choices])
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=[("", "---------"), *AgeGroup.choices]
    )
    education = forms.ChoiceField(
        label=_("Education"), choices=[("", "---------"), *Education.choices]
    )


STATUS_FILTER_CHOICES = [("", _("all statuses")), *ApplicationStatus.choices]
