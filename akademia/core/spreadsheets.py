"""Writing spreadsheets (XLSX, openpyxl): what a person typed stays text.

openpyxl stores a string that starts with "=" as a formula, so a name or a comment typed as
"=HYPERLINK(...)" would run in the reader's spreadsheet program. Every export writes its cells
through `write_row` (or `append_text_row` for a write-only sheet), which keep strings as text,
and `text`, which drops the control characters an XLSX cannot hold. Rows are numbered by the
caller: asking openpyxl for `max_row` walks every cell, which made a whole-project export
quadratic.
"""

from collections.abc import Iterable

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE


def text(value) -> str:
    """Text a spreadsheet can hold (control characters would corrupt its XML)."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value if value is not None else ""))


def write_row(sheet, row: int, values: Iterable) -> list:
    """Writes `values` into row `row` from column A; strings stay strings, never formulas."""
    cells = []
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells


def append_text_row(sheet, values: Iterable, *, font=None) -> None:
    """Appends a row to a write-only sheet (streamed: a whole country's people in a fraction of
    the time), strings kept as text; `font` for a heading row."""
    cells = []
    for value in values:
        if isinstance(value, str) or font is not None:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            if font is not None:
                cell.font = font
            cells.append(cell)
        else:
            cells.append(value)
    sheet.append(cells)
