"""Forms of comment entry: the participants' meeting link, the operator's fast entry, the import.

Each form answers `comment_fields()`: a row for services.comments_add. What a comment refers to
is one select with groups (the whole programme, the modules, the organisation parameters), so
that it needs no script and a keyboard reaches every choice.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from akademia.consultations import comment_import
from akademia.consultations.models import AuthorKind, Comment, MeetingParticipant, TargetKind
from akademia.core import tables
from akademia.programmes.models import Module
from akademia.territory.models import Jst

PROGRAMME = "programme"
GROUP = "group"


def target_choices(modules: list[Module]) -> list:
    module_choices = [
        (f"module:{m.pk}", gettext("Module %(number)d: %(title)s") % {"number": n, "title": m})
        for n, m in enumerate(modules, start=1)
    ]
    parameter_choices = [(f"parameter:{p.code}", p.label) for p in comment_import.PARAMETERS]
    choices = [(PROGRAMME, gettext("the whole programme"))]
    if module_choices:
        choices.append((gettext("a module"), module_choices))
    return [*choices, (gettext("an organisation parameter"), parameter_choices)]


def target_fields(value: str, modules: list[Module]) -> dict:
    """The Comment fields for a value of `target_choices` (already validated by the form)."""
    kind, _sep, key = value.partition(":")
    if kind == "module":
        module = next(m for m in modules if str(m.pk) == key)
        return {"target_kind": TargetKind.MODULE, "target_module": module, "target_parameter": ""}
    if kind == "parameter":
        return {"target_kind": TargetKind.PARAMETER, "target_module": None, "target_parameter": key}
    return {"target_kind": TargetKind.PROGRAMME, "target_module": None, "target_parameter": ""}


def target_label(comment) -> str:
    """What a comment refers to, in words, for the lists of comments on the entry pages."""
    if comment.target_kind == TargetKind.MODULE and comment.target_module:
        return gettext("module: %(title)s") % {"title": comment.target_module.title}
    if comment.target_kind == TargetKind.PARAMETER:
        label = comment_import.PARAMETER_LABELS.get(comment.target_parameter)
        return str(label or comment.target_parameter)
    return gettext("the whole programme")


class _TargetMixin:
    """The `target` select, filled from the consulted version's modules."""

    def _set_targets(self, modules: list[Module]) -> None:
        self.modules = modules
        self.fields["target"].choices = target_choices(modules)

    def target_fields(self) -> dict:
        return target_fields(self.cleaned_data["target"], self.modules)


class LinkCommentForm(_TargetMixin, forms.Form):
    """A participant's comment through the meeting's link (no account needed)."""

    author_name = forms.CharField(
        label=_("Your name"),
        max_length=comment_import.NAME_LENGTH,
        required=False,
        help_text=_("Optional. Without a name the comment is your JST's."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    # Only the JST taking part in the meeting (set in __init__): the link names no other.
    author_jst = forms.ModelChoiceField(
        label=_("Your JST"),
        queryset=Jst.objects.none(),
        to_field_name="code",
        error_messages={
            "invalid_choice": _("Choose a JST from the list of this meeting's participants.")
        },
    )
    target = forms.ChoiceField(label=_("What does it refer to?"), initial=PROGRAMME)
    text = forms.CharField(
        label=_("Comment"), max_length=Comment.TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    proposed_change = forms.CharField(
        label=_("Proposed change"),
        max_length=Comment.TEXT_MAX,
        required=False,
        help_text=_("Optional: how you would change the programme."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, modules: list[Module], jst, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author_jst"].queryset = jst
        self._set_targets(modules)

    def comment_fields(self) -> dict:
        data = self.cleaned_data
        name = data["author_name"].strip()
        return {
            "text": data["text"],
            "proposed_change": data["proposed_change"],
            "author_kind": AuthorKind.PARTICIPANT if name else AuthorKind.JST,
            "author_name": name,
            "author_jst": data["author_jst"],
            **self.target_fields(),
        }


class FastEntryForm(_TargetMixin, forms.Form):
    """What an operator types while a meeting speaks: a comment, who said it, what about."""

    text = forms.CharField(
        label=_("Comment"),
        max_length=Comment.TEXT_MAX,
        help_text=_("Ctrl+Enter sends it; the field is then empty for the next one."),
        widget=forms.Textarea(
            attrs={"rows": 4, "autofocus": True, "aria-keyshortcuts": "Control+Enter"}
        ),
    )
    speaker = forms.ChoiceField(label=_("Who said it"), initial=GROUP)
    author_name = forms.CharField(
        label=_("Name of the person"),
        max_length=comment_import.NAME_LENGTH,
        required=False,
        help_text=_("Optional: someone not on the list, or the name of the JST's speaker."),
    )
    target = forms.ChoiceField(label=_("What does it refer to?"), initial=PROGRAMME)

    def __init__(
        self, *args, participants: list[MeetingParticipant], modules: list[Module], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.participants = {str(p.pk): p for p in participants}
        self.fields["speaker"].choices = [
            (GROUP, _("the exchange group as a whole")),
            *((key, str(participant)) for key, participant in self.participants.items()),
        ]
        self._set_targets(modules)

    def comment_fields(self) -> dict:
        data = self.cleaned_data
        return {"text": data["text"], **self._author_fields(), **self.target_fields()}

    def _author_fields(self) -> dict:
        name = self.cleaned_data["author_name"].strip()
        participant = self.participants.get(self.cleaned_data["speaker"])
        if participant is None:
            kind = AuthorKind.PARTICIPANT if name else AuthorKind.GROUP
            return {"author_kind": kind, "author_name": name}
        name = name or participant.name
        return {
            "author_kind": AuthorKind.PARTICIPANT if name else AuthorKind.JST,
            "author_name": name,
            "author_jst": participant.jst,
            "author_user": participant.user,
        }


class CommentImportForm(forms.Form):
    file = forms.FileField(
        label=_("File with comments (XLSX or CSV)"),
        help_text=_(
            "A header row with the columns uwaga (required), spotkanie, zgłaszający, jst, dotyczy "
            "and proponowana zmiana; at most 5 MB and 5000 rows."
        ),
        widget=forms.FileInput(attrs={"accept": ",".join(tables.EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        refusal = tables.upload_refusal(upload.name, upload.size)
        if refusal:
            raise forms.ValidationError(refusal)
        return upload
