"""Forms of the taxonomy the national operator extends: thematic blocks and kinds of decision.

No code is typed: the service makes a stable one from the name (`services.taxonomy_code`)."""

from django import forms

from akademia.consultations.models import Block, DecisionState


class DecisionStateForm(forms.ModelForm):
    class Meta:
        model = DecisionState
        fields = ["name", "name_en", "changes_programme", "order"]


class BlockForm(forms.ModelForm):
    class Meta:
        model = Block
        fields = ["name", "parent", "order", "active"]
