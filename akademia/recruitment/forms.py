"""Forms of recruitment: the JST's application (with its team formset), and the operators'."""

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from akademia.core.errors import DomainError
from akademia.programmes.models import PUBLISHED_STATUSES, ProgrammeVersion
from akademia.recruitment import selectors, services
from akademia.recruitment.models import (
    AgeGroup,
    ApplicationStatus,
    CriterionCode,
    Education,
    Gender,
    Override,
    Profile,
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


def quota_target(field: str, values) -> str:
    """The quota editor's value of a group: "" (all), "kind:rural", "county:2409"."""
    return f"{field}:{','.join(map(str, values))}" if field else ""


# Where a quota service's problem is shown in the editor's row.
QUOTA_ROW_FIELDS = {"field": "target", "values": "target", "unit": "unit", "min": "min"}
QUOTA_ROW_FIELDS |= {"max": "max", "label": "label"}


class QuotaForm(forms.Form):
    """One quota: which applications it counts (chosen from a list), in what unit, its bounds
    and an optional name. The rules are the service's (`services.quota_row_problems`)."""

    target = forms.ChoiceField(label=_("Counts the applications of"), required=False)
    unit = forms.ChoiceField(label=_("Counted in"), choices=QuotaUnit.choices, initial="jst")
    min = forms.IntegerField(label=_("At least"), min_value=0, required=False)
    max = forms.IntegerField(label=_("At most"), min_value=0, required=False)
    label = forms.CharField(
        label=_("Name (optional)"),
        max_length=100,
        required=False,
        help_text=_("Shown in the results; empty: named after the applications it counts."),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        choices = list(targets)
        current = self.initial.get("target") or ""
        offered = {value for _group, options in choices[1:] for value, _label in options}
        if current and current not in offered:
            # A stored group the lists do not offer (several values): kept as it is.
            field, _sep, values = current.partition(":")
            row = {"field": field, "values": values.split(",")}
            names = selectors.quota_place_names([row])
            label = selectors.quota_group_label(field, row["values"], names)
            choices.append((current, capfirst(label)))
        self.fields["target"].choices = choices

    def row(self) -> dict | None:
        """The service's row, or None for a row left empty (no bound and no name)."""
        data = self.cleaned_data
        if data.get("min") is None and data.get("max") is None and not data.get("label"):
            return None
        field, _sep, values = (data.get("target") or "").partition(":")
        return {
            "field": field,
            "values": [v for v in values.split(",") if v],
            "unit": data.get("unit") or "jst",
            "min": data.get("min"),
            "max": data.get("max"),
            "label": (data.get("label") or "").strip(),
        }

    def clean(self):
        data = super().clean()
        row = None if self.errors else self.row()
        if row:
            for problem in services.quota_row_problems(row):
                self.add_error(QUOTA_ROW_FIELDS.get(problem.field), problem.message)
        return data

    def typed(self) -> dict:
        """What is typed in the row, valid or not (kept when rows are added or removed)."""
        return {name: self[name].value() for name in self.fields}


class BaseQuotaFormSet(forms.BaseFormSet):
    def __init__(self, *args, targets, **kwargs):
        self.targets = targets
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "targets": self.targets}

    @property
    def empty_form(self):
        return self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            targets=self.targets,
            renderer=self.renderer,
        )

    def rows(self) -> list[dict]:
        return [row for row in (form.row() for form in self.forms) if row]

    def clean(self):
        if any(self.errors):
            return
        problems = services.quota_rows_problems(self.rows())
        if problems:
            raise forms.ValidationError([problem.message for problem in problems])

    def typed(self) -> list[dict]:
        return [form.typed() for form in self.forms]


QuotaFormSet = forms.formset_factory(
    QuotaForm, formset=BaseQuotaFormSet, extra=0, max_num=100, validate_max=True
)


def quota_formset(data=None, *, call, initial=None):
    """The quota editor: the call's quotas (or `initial` rows typed before a row was added or
    removed); one empty row when there are none."""
    if initial is None:
        initial = [
            {
                "target": quota_target(q.field, q.values),
                "unit": q.unit,
                "min": q.min,
                "max": q.max,
                "label": q.label,
            }
            for q in call.quotas.all()
        ] or [{"unit": "jst"}]
    return QuotaFormSet(
        data, prefix="quota", initial=initial, targets=selectors.quota_target_choices(call)
    )


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
