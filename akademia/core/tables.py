"""Reading an uploaded table (CSV or XLSX) as rows of text, with the limits every import shares.

Every import of a spreadsheet or a CSV file reads it here, so that one set of bounds protects the
web worker and the job worker alike: a file is small to send but may be huge to read (a ZIP
compresses zeros a thousandfold, and a sheet may declare the dimension A1:XFD1048576 or pad
100 000 empty rows to the last column). Before openpyxl opens a workbook, the archive's
uncompressed size is summed from its directory; then only the first `MAX_COLUMNS` columns are
read, whatever the sheet declares, a long run of empty rows ends the table, and the cells read
(empty ones included) and the non-empty rows are counted against their limits.

Rows keep the numbers a spreadsheet shows (the header is row 1) so that each problem can name
its row; empty rows are skipped. Decoding, delimiter, size and workbook errors become one
`FileRefused` with a message for the person who sent the file.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024  # all members of an XLSX archive, unpacked
MAX_ARCHIVE_MEMBERS = 500
MAX_ROWS = 5000  # non-empty rows after the header
MAX_COLUMNS = 50  # columns read from each row; the rest are ignored
MAX_CELLS = 500_000  # cells read, empty ones included (a row counts MAX_COLUMNS at most)
MAX_EMPTY_RUN = 1000  # more empty rows than this in a row end the table
EXTENSIONS = (".csv", ".xlsx")

Rows = list[tuple[int, list[str]]]


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


def read_table(data: bytes, name: str, *, max_rows: int | None = None) -> Rows:
    """The non-empty rows as text with their spreadsheet numbers; the first is the header.

    At most `max_rows` (default MAX_ROWS) rows after the first; an XLSX row ends at its last
    non-empty cell, a CSV row keeps all its fields (up to MAX_COLUMNS).
    """
    if name.lower().endswith(".xlsx"):
        return read_xlsx(data, max_rows=max_rows)
    return read_csv(data, max_rows=max_rows)


def read_csv(data: bytes, *, delimiter: str | None = None, max_rows: int | None = None) -> Rows:
    """A CSV file's rows; the delimiter is ';' or ',' (whichever the first line has more of)."""
    if len(data) > MAX_BYTES:
        raise FileRefused(_("The file is larger than 5 MB."))
    return _bounded(_csv_rows(data, delimiter), max_rows)


def read_xlsx(data: bytes, *, sheet: str | None = None, max_rows: int | None = None) -> Rows:
    """The rows of the sheet named `sheet` if the workbook has one, else of its first sheet."""
    if len(data) > MAX_BYTES:
        raise FileRefused(_("The file is larger than 5 MB."))
    check_archive(data)
    return [
        (number, _trimmed(texts)) for number, texts in _bounded(_xlsx_rows(data, sheet), max_rows)
    ]


def _trimmed(texts: list[str]) -> list[str]:
    """A sheet's row without the empty cells the reader pads it with up to MAX_COLUMNS."""
    end = len(texts)
    while end and not texts[end - 1]:
        end -= 1
    return texts[:end]


def check_archive(data: bytes) -> None:
    """Refuse an XLSX whose ZIP would unpack to too much, before anything decompresses it.

    The sizes come from the archive's directory; Python's zipfile never unpacks a member past
    its declared size, so a lying directory cannot get round the limit.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRefused(_("The file cannot be read as an XLSX workbook.")) from error
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ARCHIVE_MEMBERS or unpacked > MAX_UNCOMPRESSED_BYTES:
        raise FileRefused(
            _(
                "Unpacked, the workbook would take more than %(limit)d MB; a table of comments "
                "takes far less. Save only the table in a new workbook, or as CSV."
            )
            % {"limit": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
        )


def _bounded(rows: Iterable[tuple[int, list]], max_rows: int | None) -> Rows:
    """Text of the non-empty rows, within the limits of columns, cells, rows and empty runs."""
    # Read when called (not as defaults), so that a test can lower a limit.
    row_limit = MAX_ROWS if max_rows is None else max_rows
    table: Rows = []
    cells = empty_run = 0
    for number, values in rows:
        values = values[:MAX_COLUMNS]
        cells += len(values)
        if cells > MAX_CELLS:
            raise FileRefused(
                _(
                    "The file is too large to read: more than %(cells)d cells in its first "
                    "%(columns)d columns. Delete the empty formatted rows below the table, or "
                    "split it into smaller files."
                )
                % {"cells": MAX_CELLS, "columns": MAX_COLUMNS}
            )
        texts = [_cell_text(value) for value in values]
        if not any(texts):
            empty_run += 1
            if empty_run > MAX_EMPTY_RUN:
                break  # the end of the table, however many formatted rows the sheet declares
            continue
        empty_run = 0
        table.append((number, texts))
        if len(table) > row_limit + 1:
            raise FileRefused(
                _("The file has more than %(limit)d rows; split it into smaller files.")
                % {"limit": row_limit}
            )
    return table


def _csv_rows(data: bytes, delimiter: str | None) -> Iterator[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _("The CSV file is not in UTF-8; save it again as “CSV UTF-8”.")
        ) from error
    if delimiter is None:
        header_line = text.split("\n", 1)[0]
        # Excel in Polish saves CSV with ';', most other tools with ','.
        delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
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
    EOFError,
)


def _xlsx_rows(data: bytes, sheet_name: str | None) -> Iterator[tuple[int, tuple]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _BROKEN_WORKBOOK as error:
        raise FileRefused(_("The file cannot be read as an XLSX workbook.")) from error
    try:
        if sheet_name and sheet_name in book.sheetnames:
            sheet = book[sheet_name]
        elif book.worksheets:
            sheet = book.worksheets[0]
        else:
            raise FileRefused(_("The file cannot be read as an XLSX workbook."))
        # The declared dimension (e.g. A1:XFD1048576) would pad every row to its last column
        # and fill gaps up to its last row: forget it, and read only the first columns.
        sheet.reset_dimensions()
        values = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        yield from enumerate(values, start=1)
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
