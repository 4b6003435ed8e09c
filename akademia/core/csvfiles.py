"""Writing CSV files people open in Excel or LibreOffice: Polish letters intact, no formulas.

A CSV is UTF-8 with a byte order mark (Excel reads a file without it as Windows-1250 and garbles
"ą", "ł", "ż"). A text cell that begins with = + - @, a tab or a carriage return would run as a
formula in a spreadsheet (CSV injection): `cell` puts an apostrophe before it, which
spreadsheets show as text. Numbers are written as they are. Every CSV export goes through
`csv_text` or `csv_response`.
"""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse

BOM = "\ufeff"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPE = "text/csv; charset=utf-8"


def cell(value) -> str | int | float:
    """A value as a CSV cell: text that could start a formula is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(DANGEROUS) else text


def csv_text(rows: Iterable[Iterable], *, footer: Iterable[str] = ()) -> str:
    """The rows (and lines of `footer`, e.g. a licence) as CSV text, BOM first."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell(value) for value in row])
    for line in footer:
        writer.writerow([cell(line)])
    return out.getvalue()


def csv_response(rows: Iterable[Iterable], filename: str, *, footer: Iterable[str] = ()):
    """A download of the rows as `filename` (ASCII, ending in .csv)."""
    response = HttpResponse(
        csv_text(rows, footer=footer).encode("utf-8"), content_type=CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
