"""Forms of evaluation: writing a questionnaire and its questions, filling a survey (built
from its questions), moderating an open answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from akademia.evaluation import answers
from akademia.evaluation.models import (
    CHOICE_TYPES,
    Kind,
    Moderation,
    QuestionType,
)


class QuestionnaireForm(forms.Form):
    version = forms.ModelChoiceField(queryset=None, label=_("Programme version"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    anonymous = forms.BooleanField(
        label=_("Anonymous (answers keep no link to the person)"),
        required=False,
        initial=True,
        help_text=_("Knowledge tests are always personal: each participant sees their score."),
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(forms.Form):
    type = forms.ChoiceField(label=_("Type of question"), choices=QuestionType.choices)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    help = forms.CharField(label=_("Hint"), max_length=300, required=False)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    options = forms.CharField(
        label=_("Options or the scale's labels"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, in order (they are numbered 1, 2, …)."),
    )
    rows = forms.CharField(
        label=_("Items of a grid"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line; each is rated on the scale above."),
    )
    correct = forms.CharField(
        label=_("Correct answers (knowledge tests)"),
        required=False,
        help_text=_("Numbers of the correct options, separated by commas, or the number."),
    )
    points = forms.IntegerField(label=_("Points"), required=False, min_value=0, max_value=100)
    show_if = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Show only if the answer to")
    )
    show_if_value = forms.CharField(label=_("is the option number"), max_length=20, required=False)

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show_if"].queryset = questionnaire.questions.filter(type__in=CHOICE_TYPES)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "type": data["type"],
            "text": data["text"],
            "help": data["help"],
            "required": data["required"],
            "options": _lines(data["options"]),
            "rows": _lines(data["rows"]),
            "correct": [c.strip() for c in data["correct"].split(",") if c.strip()],
            "points": data["points"] or 0,
            "show_if": data["show_if"],
            "show_if_value": data["show_if_value"].strip(),
        }


class SurveyForm(forms.Form):
    """The questions of a survey as fields (`q<pk>`, a grid's rows `q<pk>_<row>`), none
    required by the form itself: a draft may be partial; `check_required` asks for the
    required ones (those shown) when the person sends their answers."""

    def __init__(self, *args, questions, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        saved = initial_answers or {}
        for question in questions:
            value = saved.get(str(question.pk))
            name = question.field_name
            kind = question.type
            if kind in (QuestionType.SINGLE, QuestionType.LIKERT):
                self.fields[name] = forms.ChoiceField(
                    choices=question.option_pairs(), widget=forms.RadioSelect, required=False
                )
            elif kind == QuestionType.MULTIPLE:
                self.fields[name] = forms.MultipleChoiceField(
                    choices=question.option_pairs(),
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
            elif kind == QuestionType.GRID:
                for number, label in enumerate(question.rows, start=1):
                    row = f"{name}_{number}"
                    self.fields[row] = forms.ChoiceField(
                        label=label,
                        choices=question.option_pairs(),
                        widget=forms.RadioSelect,
                        required=False,
                    )
                    if isinstance(value, dict):
                        self.initial[row] = value.get(str(number))
                continue
            elif kind == QuestionType.NUMBER:
                self.fields[name] = forms.CharField(
                    required=False,
                    max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
            elif kind == QuestionType.SHORT_TEXT:
                self.fields[name] = forms.CharField(required=False, max_length=300)
            else:
                self.fields[name] = forms.CharField(
                    required=False,
                    max_length=answers.TEXT_MAX,
                    widget=forms.Textarea(attrs={"rows": 5}),
                )
            self.fields[name].label = question.text
            if value is not None:
                self.initial[name] = value

    def data_by_question(self) -> dict:
        """The answers given, by question pk (what a draft and a submission take)."""
        data = self.cleaned_data
        result = {}
        for question in self.questions:
            name = question.field_name
            if question.type == QuestionType.GRID:
                result[str(question.pk)] = {
                    str(n): data.get(f"{name}_{n}")
                    for n in range(1, len(question.rows) + 1)
                    if data.get(f"{name}_{n}")
                }
            else:
                result[str(question.pk)] = data.get(name)
        return result

    def check_required(self) -> bool:
        """Mark every required question left unanswered; True when none is."""
        kept = answers.clean(self.questions, self.data_by_question())
        for question in self.questions:
            if not question.required or not question.shown(kept):
                continue
            if answers.complete(question, kept.get(str(question.pk))):
                continue
            if question.type == QuestionType.GRID:
                for n in range(1, len(question.rows) + 1):
                    if not self.cleaned_data.get(f"{question.field_name}_{n}"):
                        self.add_error(f"{question.field_name}_{n}", _("Choose an answer."))
            else:
                self.add_error(question.field_name, _("Answer this question: it is required."))
        return not self.errors

    def blocks(self):
        """Per question: the question, its field (or a grid's row fields), for the template."""
        for question in self.questions:
            if question.type == QuestionType.GRID:
                rows = [
                    self[f"{question.field_name}_{n}"] for n in range(1, len(question.rows) + 1)
                ]
                yield question, None, rows
            else:
                yield question, self[question.field_name], []


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (Moderation.APPROVED, _("Approve (with the text below)")),
            (Moderation.REJECTED, _("Reject: it will not be shown")),
        ],
    )
    text = forms.CharField(
        label=_("Text to publish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Remove names and anything else that could identify a person."),
    )
