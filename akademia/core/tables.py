"""Reading an uploaded table (CSV or XLSX) as rows of text, with the limits every import shares.

Rows keep the numbers a spreadsheet shows (the header is row 1) so that each problem can name
its row; empty rows are skipped. Decoding, delimiter and workbook errors become one
`FileRefused` with a message for the person who sent the file.
"""

import csv
import io
import zipfile
from datetime import date, datetime
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
EXTENSIONS = (".csv", ".xlsx")


class FileRefused(Exception):
    """The file cannot be read at all (its type, size, encoding or length)."""


def upload_refusal(name: str, size: int) -> str | None:
    """Why an upload is refused before it is read, or None: cheap checks of type and size."""
    if not name.lower().endswith(EXTENSIONS):
        return _("Choose a .csv or .xlsx file.")
    if size > MAX_BYTES:
        return _("The file is larger than 5 MB.")
    if size == 0:
        return _("The file is empty.")
    return None


def read_table(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    """The non-empty rows as text with their spreadsheet numbers; the first is the header."""
    rows = _xlsx_rows(data) if name.lower().endswith(".xlsx") else _csv_rows(data)
    table = []
    for number, cells in rows:
        if any(cells):
            table.append((number, cells))
        if len(table) > MAX_ROWS + 1:
            raise FileRefused(
                _("The file has more than %(limit)d rows; split it into smaller files.")
                % {"limit": MAX_ROWS}
            )
    return table


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _("The CSV file is not in UTF-8; save it again as “CSV UTF-8”.")
        ) from error
    header_line = text.split("\n", 1)[0]
    # Excel in Polish saves CSV with ';', most other tools with ','.
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, [cell.strip() for cell in cells]
    except csv.Error as error:
        raise FileRefused(
            _("The CSV file cannot be read near row %(row)d.") % {"row": reader.line_num}
        ) from error


# openpyxl raises any of these for a file that is not a workbook or whose XML is broken.
_BROKEN_WORKBOOK = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    OSError,
    ParseError,
)


def _xlsx_rows(data: bytes):
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _BROKEN_WORKBOOK as error:
        raise FileRefused(_("The file cannot be read as an XLSX workbook.")) from error
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    except _BROKEN_WORKBOOK as error:
        raise FileRefused(_("The file cannot be read as an XLSX workbook.")) from error
    finally:
        book.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()
