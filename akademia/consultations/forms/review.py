"""Forms of the review: a review meeting, and the decision on a comment (or its group)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from akademia.consultations.forms.rounds import DATE
from akademia.consultations.models import DecisionState, Review
from akademia.core.forms import QuickSelect, QuickTextarea


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["title", "place", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}


class DecisionForm(forms.Form):
    # The review page shows 25 of these forms: its selects and textareas are written in
    # Python (QuickSelect, QuickTextarea).
    state = forms.ModelChoiceField(
        label=_("Decision"), queryset=DecisionState.objects.all(), widget=QuickSelect
    )
    rationale = forms.CharField(
        label=_("Rationale"), required=False, widget=QuickTextarea(attrs={"rows": 2})
    )
    reflection = forms.CharField(
        label=_("How it is reflected"), required=False, widget=QuickTextarea(attrs={"rows": 2})
    )
    review = forms.ModelChoiceField(
        label=_("Review meeting"),
        queryset=Review.objects.none(),
        required=False,
        widget=QuickSelect,
    )
    change_paths = forms.MultipleChoiceField(
        label=_("Changes in the next version"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, consultation, changes, choices=None, **kwargs):
        """`choices` (from `selectors.decision_choices`) lets a page of many forms read the decision
        kinds and review meetings once instead of once per form."""
        super().__init__(*args, **kwargs)
        self.fields["change_paths"].choices = [(c.path, c.text) for c in changes]
        if choices is None:
            self.fields["review"].queryset = consultation.reviews.all()
        else:
            # A page of forms to show (the review page; a decision is posted to a form made
            # without `choices`): the round's reviews are in the choices already, and a
            # queryset per form (a related manager and a clone) was half of the page's time.
            self.fields["state"].choices, self.fields["review"].choices = choices
