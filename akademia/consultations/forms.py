from django import forms
from django.utils.translation import gettext_lazy as _

from akademia.consultations.models import (
    Block,
    Comment,
    ConsultationRound,
    DecisionState,
    Meeting,
    Review,
)
from akademia.programmes.models import ProgrammeVersion, VersionStatus
from akademia.territory.fields import JstChoiceField


class RoundForm(forms.ModelForm):
    version = forms.ModelChoiceField(
        label=_("Programme version"),
        queryset=ProgrammeVersion.objects.filter(status=VersionStatus.IN_CONSULTATION),
    )

    class Meta:
        model = ConsultationRound
        fields = ["version", "title"]


class MeetingForm(forms.ModelForm):
    place = JstChoiceField(label=_("Place (JST)"))

    class Meta:
        model = Meeting
        fields = ["kind", "place", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ParticipantForm(forms.Form):
    jst = JstChoiceField(label=_("JST"))
    name = forms.CharField(label=_("Representative"), max_length=150, required=False)


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["title", "place", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class CommentEditForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["text", "proposed_change"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "proposed_change": forms.Textarea(attrs={"rows": 2}),
        }


class DecisionForm(forms.Form):
    state = forms.ModelChoiceField(label=_("Decision"), queryset=DecisionState.objects.all())
    rationale = forms.CharField(
        label=_("Rationale"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reflection = forms.CharField(
        label=_("How it is reflected"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    review = forms.ModelChoiceField(
        label=_("Review meeting"), queryset=Review.objects.none(), required=False
    )
    change_paths = forms.MultipleChoiceField(
        label=_("Changes in the next version"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, consultation, changes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = consultation.reviews.all()
        self.fields["change_paths"].choices = [(c.path, c.text) for c in changes]


class DecisionStateForm(forms.ModelForm):
    class Meta:
        model = DecisionState
        fields = ["code", "name", "name_en", "changes_programme", "order"]


class BlockForm(forms.ModelForm):
    class Meta:
        model = Block
        fields = ["code", "name", "parent", "order", "active"]
