"""The forms of the SM EFS data: a participant's (given once, at the start of participation)
and a JST's institution data. Their checks are `checks.py`'s, shared with the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from akademia.core.errors import DomainError
from akademia.efs import checks
from akademia.efs.models import (
    SENSITIVE,
    Answer,
    Citizenship,
    Degurba,
    Education,
    EndSituation,
    InstitutionData,
    LabourStatus,
    NoPeselReason,
    Sex,
)
from akademia.efs.services import Answers
from akademia.territory.fields import JstChoiceField
from akademia.territory.kinds import COMMUNE_KINDS


def _checked(check, value):
    try:
        return check(value)
    except DomainError as refused:
        raise forms.ValidationError(refused.message) from refused


class MonitoringDataForm(forms.Form):
    citizenship = forms.ChoiceField(
        label=_("Citizenship"), choices=Citizenship.choices, initial=Citizenship.POLISH
    )
    pesel = forms.CharField(
        label=_("PESEL"),
        required=False,
        max_length=14,
        help_text=_("11 digits. From it we read the sex and the date of birth."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    no_pesel_reason = forms.ChoiceField(
        label=_("No PESEL? Why"),
        choices=[("", _("— I have a PESEL —")), *NoPeselReason.choices],
        required=False,
    )
    sex = forms.ChoiceField(
        label=_("Sex (only without a PESEL)"),
        choices=[("", "—"), *Sex.choices],
        required=False,
    )
    birth_date = forms.DateField(
        label=_("Date of birth (only without a PESEL)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    education = forms.ChoiceField(
        label=_("Highest education completed"), choices=[("", "—"), *Education.choices]
    )
    labour_status = forms.ChoiceField(
        label=_("Status on the labour market when joining the project"),
        choices=LabourStatus.choices,
        initial=LabourStatus.LOCAL_GOVERNMENT,
    )
    residence = JstChoiceField(
        label=_("Commune of residence"),
        help_text=_("Type part of the commune's name and choose it from the list."),
    )
    locality = forms.CharField(label=_("Locality"), max_length=100)
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=6,
        help_text=_("00-000"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    degurba = forms.ChoiceField(
        label=_("The area where you live"),
        choices=[("", "—"), *Degurba.choices],
        help_text=_("The degree of urbanisation (DEGURBA) of your place of residence."),
    )
    phone = forms.CharField(
        label=_("Contact phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    foreign_origin = forms.ChoiceField(
        label=_("Are you a person of foreign origin?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    third_country = forms.ChoiceField(
        label=_("Are you a citizen of a third country (outside the EU)?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    minority = forms.ChoiceField(
        label=_(
            "Do you belong to a national or ethnic minority (including marginalised communities)?"
        ),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    homeless = forms.ChoiceField(
        label=_("Are you homeless or excluded from access to housing?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    disability = forms.ChoiceField(
        label=_("Are you a person with disabilities?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    end_situation = forms.ChoiceField(
        label=_("Situation when leaving the project"),
        choices=[("", "—"), *EndSituation.choices],
        required=False,
    )

    def __init__(self, *args, ended: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence"].queryset = self.fields["residence"].queryset.filter(
            kind__in=COMMUNE_KINDS
        )
        if not ended:
            del self.fields["end_situation"]

    def clean_pesel(self) -> str:
        value = self.cleaned_data["pesel"]
        return _checked(checks.clean_pesel, value) if value.strip() else ""

    def clean_postal_code(self) -> str:
        return _checked(checks.clean_postal_code, self.cleaned_data["postal_code"])

    def clean_phone(self) -> str:
        return _checked(checks.clean_phone, self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if self.errors.get("pesel"):
            return cleaned
        if not cleaned.get("pesel"):
            if not cleaned.get("no_pesel_reason"):
                self.add_error("pesel", _("Give the PESEL number, or say why there is none."))
            if not cleaned.get("sex"):
                self.add_error("sex", _("Without a PESEL, say the person's sex."))
            if not cleaned.get("birth_date"):
                self.add_error("birth_date", _("Without a PESEL, give the date of birth."))
        elif cleaned.get("no_pesel_reason"):
            self.add_error("no_pesel_reason", _("With a PESEL there is no reason to give."))
        return cleaned

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            citizenship=data["citizenship"],
            pesel=data["pesel"],
            no_pesel_reason=data["no_pesel_reason"],
            sex=data["sex"],
            birth_date=data["birth_date"],
            education=data["education"],
            labour_status=data["labour_status"],
            residence=data["residence"],
            locality=data["locality"],
            postal_code=data["postal_code"],
            degurba=data["degurba"],
            phone=data["phone"],
            end_situation=data.get("end_situation", ""),
            **{name: data[name] for name in SENSITIVE},
        )

    @classmethod
    def initial_from(cls, data) -> dict:
        if data is None:
            return {}
        names = [n for n in cls.base_fields if n != "residence"]
        initial = {name: getattr(data, name) for name in names}
        initial["residence"] = data.residence.code
        if data.pesel:  # read from the number, not typed
            initial.update(sex="", birth_date=None)
        return initial


class InstitutionForm(forms.ModelForm):
    nip = forms.CharField(label=_("NIP"), max_length=13, help_text=_("10 digits."))

    class Meta:
        model = InstitutionData
        fields = [
            "nip",
            "street",
            "building",
            "unit",
            "postal_code",
            "locality",
            "degurba",
            "phone",
            "email",
        ]
        widgets = {
            "nip": forms.TextInput(attrs={"inputmode": "numeric"}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
        }

    def clean_nip(self) -> str:
        return _checked(checks.clean_nip, self.cleaned_data["nip"])

    def clean_postal_code(self) -> str:
        return _checked(checks.clean_postal_code, self.cleaned_data["postal_code"])

    def clean_phone(self) -> str:
        return _checked(checks.clean_phone, self.cleaned_data["phone"])


class ProjectNumberForm(forms.Form):
    number = forms.CharField(
        label=_("Project number"),
        max_length=40,
        help_text=_("As in the funding agreement, e.g. FERS.04.01-IP.04-0001/24."),
    )
    support_scope = forms.CharField(
        label=_("Scope of support"),
        max_length=200,
        required=False,
        help_text=_(
            "The value of the call's dictionary in SM EFS, copied exactly; it goes into every "
            "participant's row. Left empty, the column stays empty and is filled in SM EFS."
        ),
    )
