"""The shared bounded reader of uploaded tables (issue #9, item 2).

A small upload must not become a large read: the probe's 238 KB workbook declared its sheet as
A1:XFD1048576 and padded 100 000 empty rows to the last column, which kept a web worker busy
until it was killed. These tests assert on what the reader reads and refuses, never on time.
"""

import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook

from akademia.core import tables
from akademia.core.tables import FileRefused, read_table

SHEET = "xl/worksheets/sheet1.xml"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in the source language (Polish is the default)."""
    with translation.override("en"):
        yield


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_with_sheet(rows_xml: str, *, dimension: str = "A1:XFD1048576", padding: str = "") -> bytes:
    """A real workbook whose first sheet is replaced by the given <row> elements.

    `padding` goes between the rows as XML whitespace: it unpacks to its full size but
    compresses to almost nothing, as in a ZIP bomb.
    """
    buffer = io.BytesIO()
    Workbook().save(buffer)
    sheet_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}">'
        f'<dimension ref="{dimension}"/><sheetData>{rows_xml}{padding}</sheetData></worksheet>'
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = sheet_xml.encode() if item.filename == SHEET else source.read(item)
            target.writestr(item.filename, content)
    return out.getvalue()


def probe_workbook(padded_rows: int = 100_000) -> bytes:
    """The probe's file: a header and one comment, then empty rows padded to column XFD, then
    a row nobody should have to reach, and a cell in the sheet's very last position."""
    rows = [
        f'<row r="1">{_text_cell("A1", "uwaga")}</row>',
        f'<row r="2">{_text_cell("A2", "Pierwsza")}</row>',
    ]
    rows += [
        f'<row r="{n}" spans="1:16384"><c r="XFD{n}"/></row>' for n in range(3, 3 + padded_rows)
    ]
    after = 3 + padded_rows
    rows.append(f'<row r="{after}">{_text_cell(f"A{after}", "behind the padding")}</row>')
    rows.append(f'<row r="1048576">{_text_cell("XFD1048576", "the last cell")}</row>')
    return xlsx_with_sheet("".join(rows))


def test_the_probe_workbook_is_read_only_as_far_as_its_table(monkeypatch):
    data = probe_workbook()
    assert len(data) < tables.MAX_BYTES  # small to send: the limit on bytes does not help
    cells_read = []
    original = tables._cell_text

    def counting(value):
        cells_read.append(value)
        return original(value)

    monkeypatch.setattr(tables, "_cell_text", counting)

    assert read_table(data, "uwagi.xlsx") == [(1, ["uwaga"]), (2, ["Pierwsza"])]
    # The declared dimension is ignored: only the first columns of each row are read, and the
    # reading stops after a long run of empty rows instead of walking 100 000 of them.
    rows_read = 2 + tables.MAX_EMPTY_RUN + 1
    assert len(cells_read) == rows_read * tables.MAX_COLUMNS


@pytest.mark.parametrize("name", ["uwagi.xlsx", "uwagi.csv"])
def test_only_the_first_columns_are_read(name):
    if name.endswith(".xlsx"):
        data = xlsx_with_sheet(
            f'<row r="1">{_text_cell("A1", "uwaga")}{_text_cell("XFD1", "far away")}</row>'
        )
    else:
        data = ("uwaga" + ";" * 16_383 + "far away\n").encode()
    ((number, cells),) = read_table(data, name)
    assert number == 1
    assert cells[0] == "uwaga"
    assert "far away" not in cells
    assert len(cells) <= tables.MAX_COLUMNS


def test_rows_spread_thinly_over_the_sheet_exhaust_the_cell_budget():
    """A comment every 1000 rows never makes a long empty run, but the reader still stops."""
    rows = "".join(
        f'<row r="{n}">{_text_cell(f"A{n}", "uwaga")}</row>' for n in range(1, 600_001, 1000)
    )
    data = xlsx_with_sheet(rows, dimension="A1:A600001")
    too_large = f"The file is too large to read: more than {tables.MAX_CELLS} cells"
    with pytest.raises(FileRefused, match=too_large):
        read_table(data, "uwagi.xlsx")


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(monkeypatch):
    # 40 MB of XML whitespace in the sheet: a few dozen kilobytes once compressed.
    data = xlsx_with_sheet(
        f'<row r="1">{_text_cell("A1", "uwaga")}</row>', padding=" " * (40 * 1024 * 1024)
    )
    assert len(data) < 100 * 1024

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not see an archive that unpacks to 40 MB")

    monkeypatch.setattr(tables, "load_workbook", never)
    limit = tables.MAX_UNCOMPRESSED_BYTES // (1024 * 1024)
    with pytest.raises(
        FileRefused, match=f"Unpacked, the workbook would take more than {limit} MB"
    ):
        read_table(data, "uwagi.xlsx")


def test_a_long_run_of_empty_lines_ends_a_csv_too():
    data = ("uwaga\nPierwsza\n" + ",\n" * 5000 + "behind\n").encode()
    assert tables.MAX_EMPTY_RUN < 5000
    assert read_table(data, "uwagi.csv") == [(1, ["uwaga"]), (2, ["Pierwsza"])]


def test_a_real_table_is_read_whole():
    book = Workbook()
    sheet = book.active
    sheet.append(["Lp.", "uwaga", "JST"])
    sheet.append([1, "Pierwsza", "2409023"])
    sheet.append([])
    sheet.append([2, "Druga", None])
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_table(buffer.getvalue(), "uwagi.xlsx") == [
        (1, ["Lp.", "uwaga", "JST"]),
        (2, ["1", "Pierwsza", "2409023"]),
        (4, ["2", "Druga"]),
    ]
