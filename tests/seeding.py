"""Writing a marker into every free-text column of many rows, and reading an answer's text:
shared by the canary leakage test and the stored-XSS corpus."""

import io
import shutil
import subprocess
import zipfile

from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Substr

# Columns that hold identifiers or secrets, not text a person typed.
NOT_TEXT = {"password", "code", "token", "number", "key", "name_key", "search_key", "content_type"}


def text_fields(model):
    for field in model._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
            continue
        # A unique e-mail stays unique with a prefix; other unique columns are identifiers.
        identifier = field.unique and not isinstance(field, models.EmailField)
        if field.name not in NOT_TEXT and not identifier:
            yield field


def prefix_text(queryset, marker: str) -> int:
    """Puts `marker` before every free-text column of the rows (cut to fit); rows changed."""
    changes = {}
    for field in text_fields(queryset.model):
        keep = (field.max_length or 10_000) - len(marker) - 1
        if keep >= 8:
            changes[field.name] = Concat(Value(f"{marker} "), Substr(field.name, 1, keep))
    if not changes:
        return 0
    return queryset.model.objects.filter(pk__in=queryset.values("pk")).update(**changes)


def response_text(response) -> str:
    """An answer's text: HTML or JSON as is, XLSX and DOCX by their XML, PDF by pdftotext."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):
        archive = zipfile.ZipFile(io.BytesIO(body))
        return " ".join(archive.read(n).decode(errors="replace") for n in archive.namelist())
    if body.startswith(b"%PDF") and shutil.which("pdftotext"):
        result = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True)
        return result.stdout.decode(errors="replace")
    return body.decode(errors="replace")
