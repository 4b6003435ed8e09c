"""Forms of a round: opening it, its meetings and participants, editing a comment."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from akademia.consultations.models import Comment, ConsultationRound, Meeting
from akademia.programmes.models import ProgrammeVersion, VersionStatus
from akademia.territory.fields import JstChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(forms.ModelForm):
    version = forms.ModelChoiceField(
        label=_("Programme version"),
        # In consultation and the latest of its programme: a superseded version is not offered.
        queryset=ProgrammeVersion.objects.filter(status=VersionStatus.IN_CONSULTATION).exclude(
            Exists(
                ProgrammeVersion.objects.filter(
                    programme=OuterRef("programme"), number__gt=OuterRef("number")
                )
            )
        ),
    )

    class Meta:
        model = ConsultationRound
        fields = ["version", "title"]


class MeetingForm(forms.ModelForm):
    place = JstChoiceField(label=_("Place (JST)"))

    class Meta:
        model = Meeting
        fields = ["kind", "place", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}


class ParticipantForm(forms.Form):
    jst = JstChoiceField(label=_("JST"))
    name = forms.CharField(label=_("Representative"), max_length=150, required=False)


class CommentEditForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["text", "proposed_change"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "proposed_change": forms.Textarea(attrs={"rows": 2}),
        }
