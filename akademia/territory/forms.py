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
