from django import forms
from django.utils.translation import gettext_lazy as _

MAX_REGISTER_BYTES = 5 * 1024 * 1024


class RegisterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("TERC file (CSV, “TERC urzędowy” from GUS)"),
        help_text=_(
            "UTF-8, separated by ';', with the header WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_REGISTER_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Choose a .csv file."))
        return upload


class RegisterApplyForm(forms.Form):
    """The preview's confirmation; a mass deactivation needs its box ticked, naming the count."""

    confirm_mass_deactivation = forms.BooleanField(required=False)

    def __init__(self, *args, changes, **kwargs):
        super().__init__(*args, **kwargs)
        self.changes = changes
        if changes.mass_deactivation:
            field = self.fields["confirm_mass_deactivation"]
            field.required = True
            field.label = _(
                "I have checked the file: make %(count)d of %(active)d active JST inactive."
            ) % {"count": len(changes.jst.deactivated), "active": changes.jst.active_before}
            field.error_messages["required"] = _(
                "This file makes many units inactive; tick the box to confirm that it is meant."
            )
        else:
            del self.fields["confirm_mass_deactivation"]
