"""Forms of consultations, one module per feature: rounds, review, taxonomy, entry, reports."""

from akademia.consultations.forms.entry import (
    CommentImportForm,
    FastEntryForm,
    LinkCommentForm,
    target_label,
)
from akademia.consultations.forms.reports import DecisionImportForm
from akademia.consultations.forms.review import DecisionForm, ReviewForm
from akademia.consultations.forms.rounds import (
    CommentEditForm,
    MeetingForm,
    ParticipantForm,
    RoundForm,
)
from akademia.consultations.forms.taxonomy import BlockForm, DecisionStateForm

__all__ = [
    "BlockForm",
    "CommentEditForm",
    "CommentImportForm",
    "DecisionForm",
    "DecisionImportForm",
    "DecisionStateForm",
    "FastEntryForm",
    "LinkCommentForm",
    "MeetingForm",
    "ParticipantForm",
    "ReviewForm",
    "RoundForm",
    "target_label",
]
