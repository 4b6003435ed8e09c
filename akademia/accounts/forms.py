from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from akademia.accounts.roles import INVITABLE_ROLES, Role
from akademia.territory.fields import JstChoiceField
from akademia.territory.selectors import voivodeships_for


class LoginForm(AuthenticationForm):
    """Signs in with the e-mail address; the field keeps Django's name `username` for axes."""

    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"))
    voivodeships = forms.ModelMultipleChoiceField(
        label=_("Voivodeships"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a regional operator or a trainer."),
    )
    jst = JstChoiceField(
        label=_("JST"), required=False, help_text=_("For a JST coordinator or a participant.")
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = INVITABLE_ROLES.get(actor.role, ())
        self.fields["role"].choices = [(r.value, r.label) for r in Role if r.value in allowed]
        self.fields["voivodeships"].queryset = voivodeships_for(actor)
        self.fields["jst"].restrict_to(actor)
