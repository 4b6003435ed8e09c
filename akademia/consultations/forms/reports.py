"""The form of the reports: the filled-in tabela uwag uploaded back (decision_import.py)."""

import zipfile

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akademia.consultations.decision_import import MAX_BYTES


class DecisionImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled-in table of comments (XLSX)"),
        help_text=gettext_lazy(
            "The .xlsx file exported from this round, with “Stanowisko autorów” and "
            "“Uzasadnienie / sposób uwzględnienia” filled in. At most 5 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an .xlsx file (Excel or LibreOffice Calc)."))
        if not _looks_like_xlsx(upload):
            raise forms.ValidationError(_("The file is not an XLSX workbook."))
        return upload


def _looks_like_xlsx(upload) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
