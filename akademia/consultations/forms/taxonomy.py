"""Forms of the taxonomy the national operator extends: thematic blocks and kinds of decision."""

from django import forms

from akademia.consultations.models import Block, DecisionState


class DecisionStateForm(forms.ModelForm):
    class Meta:
        model = DecisionState
        fields = ["code", "name", "name_en", "changes_programme", "order"]


class BlockForm(forms.ModelForm):
    class Meta:
        model = Block
        fields = ["code", "name", "parent", "order", "active"]
