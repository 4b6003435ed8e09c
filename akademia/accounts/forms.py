import uuid

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from akademia.accounts.roles import INVITABLE_ROLES, Role
from akademia.core import outbox
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

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # A refused login belongs to both fields (which one is wrong is not said): mark them
            # invalid and tie the message at the top of the form to them, for screen readers.
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": "form-errors"}
                )
            raise


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form; its e-mail goes through the outbox like every other (core/outbox.py), so a
    mail server that is down delays it instead of failing the page."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = render_to_string(subject_template_name, context)
        body = render_to_string(email_template_name, context)
        # Every request is its own message (a new link), hence a random part in the key.
        key = f"accounts.password_reset:{context['user'].pk}:{uuid.uuid4().hex}"
        with transaction.atomic():
            outbox.queue(key=key, to=to_email, subject=subject, body=body)


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


class TwoFactorCodeForm(forms.Form):
    """The code of the second step: 6 digits from the app, or (when verifying) a recovery code."""

    token = forms.CharField(label=_("Code"), max_length=20, strip=True)

    def __init__(self, *args, recovery: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        attrs = {"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        if recovery:
            self.fields["token"].help_text = _(
                "6 digits from your authenticator app, or one of your recovery codes "
                "(e.g. abcd-efgh)."
            )
        else:
            attrs["inputmode"] = "numeric"
            self.fields["token"].help_text = _("The 6 digits your app shows for this account.")
        self.fields["token"].widget.attrs.update(attrs)
