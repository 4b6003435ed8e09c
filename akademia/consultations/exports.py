"""The "tabela uwag" of a round as XLSX and DOCX: the standard Polish table of comments.

It is a Polish legal-administrative document, so its headers are Polish literals, kept here and
only here, and its content is rendered in Polish whatever the reader's interface language. The
XLSX is also the form in which the authors answer offline: decision_import.py reads it back,
keyed by "Lp." (the comment number), with a dropdown of decision states in "Stanowisko autorów".
"""

import copy
import io
from dataclasses import dataclass

from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.run import Run
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from akademia.consultations.models import ConsultationRound, DecisionState
from akademia.consultations.reports import CommentRow, comment_rows
from akademia.core.spreadsheets import text, write_row

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The document's Polish wording, in one place.
TITLE = "Tabela uwag zgłoszonych w konsultacjach programu"
PROGRAMME_LINE = "Program: {title}, wersja {number}"
ROUND_LINE = "Runda konsultacji: {title}"
SHEET_TITLE = "Tabela uwag"
STATES_SHEET = "Stanowiska"
STATES_HEADERS = ("Kod", "Nazwa")
NUMBER = "Lp."
AUTHOR = "Zgłaszający"
PART = "Część programu, której dotyczy uwaga"
TEXT = "Treść uwagi"
PROPOSAL = "Proponowana zmiana"
STATE = "Stanowisko autorów"
ANSWER = "Uzasadnienie / sposób uwzględnienia"
STATE_PROMPT = "Wybierz stanowisko z listy (albo wpisz jego kod)."
STATE_WARNING = "Tego stanowiska nie ma na liście; import je odrzuci."


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # the CommentRow attribute it shows
    xlsx_width: int  # in characters
    docx_cm: float  # the seven add up to the 26.7 cm of an A4 landscape page with 1.5 cm margins


COLUMNS = (
    Column(NUMBER, "number", 5, 1.0),
    Column(AUTHOR, "author", 18, 3.0),
    Column(PART, "part", 18, 3.2),
    Column(TEXT, "text", 36, 6.0),
    Column(PROPOSAL, "proposal", 28, 4.3),
    Column(STATE, "state", 16, 3.2),
    Column(ANSWER, "answer", 36, 6.0),
)
HEADER_ROW = 4  # below the title, the programme line and the round line
LINE_HEIGHT = 15  # points, for the default 11-point font
STATE_COLUMN = get_column_letter(1 + [c.header for c in COLUMNS].index(STATE))


def _value(row: CommentRow, field: str):
    value = getattr(row, field)
    if field == "state":
        return value.name if value else ""  # the Polish name, whatever the interface language
    return value if field == "number" else text(value)


def _heading_lines(consultation: ConsultationRound) -> list[str]:
    version = consultation.version
    return [
        TITLE,
        PROGRAMME_LINE.format(title=text(version.title), number=version.number),
        ROUND_LINE.format(title=text(consultation.title)),
    ]


def _polish_rows(comments) -> list[CommentRow]:
    with translation.override("pl"):
        return comment_rows(comments)


def filename(consultation: ConsultationRound, extension: str) -> str:
    return f"tabela-uwag-{consultation.pk}.{extension}"


# --- XLSX -----------------------------------------------------------------------------------


def _states_sheet(workbook: Workbook, states: list[DecisionState]) -> str:
    """A hidden sheet listing the states; returns the range the dropdown takes its names from."""
    sheet = workbook.create_sheet(STATES_SHEET)
    write_row(sheet, 1, STATES_HEADERS)
    for row, state in enumerate(states, start=2):
        write_row(sheet, row, [state.code, text(state.name)])
    sheet.sheet_state = "hidden"
    return f"{STATES_SHEET}!$B$2:$B${len(states) + 1}"


def _state_dropdown(sheet, names_range: str, last_row: int) -> None:
    dropdown = DataValidation(type="list", formula1=names_range, allow_blank=True)
    dropdown.errorStyle = "warning"  # a typed code is accepted by the import too
    dropdown.prompt, dropdown.error = STATE_PROMPT, STATE_WARNING
    dropdown.showInputMessage = dropdown.showErrorMessage = True
    sheet.add_data_validation(dropdown)
    dropdown.add(f"{STATE_COLUMN}{HEADER_ROW + 1}:{STATE_COLUMN}{last_row}")


def _lines(value, width: int) -> int:
    """About how many lines a wrapped cell needs (a column's width counts its characters)."""
    parts = str(value if value is not None else "").split("\n")
    capacity = max(width - 2, 1)  # wrapping at spaces wastes a little of every line
    return sum(max(1, -(-len(part) // capacity)) for part in parts)


def _row_height(cells) -> float:
    """Spreadsheets do not all grow a row to fit wrapped text on opening (LibreOffice does
    not), so each row gets the height of its longest cell."""
    lines = max(_lines(c.value, col.xlsx_width) for c, col in zip(cells, COLUMNS, strict=True))
    return LINE_HEIGHT * lines + 2


def _xlsx_layout(sheet, last_row: int) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.xlsx_width
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=last_row):
        for cell in row:
            cell.alignment = wrap
        sheet.row_dimensions[row[0].row].height = _row_height(row)
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", start_color="D9E2EC")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{last_row}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def tabela_uwag_xlsx(consultation: ConsultationRound, comments) -> bytes:
    """The table as a workbook the authors can fill in and send back for import."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    last_row = 0
    for line in _heading_lines(consultation):
        last_row += 1
        write_row(sheet, last_row, [line])
    last_row += 1
    write_row(sheet, last_row, [column.header for column in COLUMNS])
    for row in _polish_rows(comments):
        last_row += 1
        write_row(sheet, last_row, [_value(row, column.field) for column in COLUMNS])
    _xlsx_layout(sheet, last_row)
    states = list(DecisionState.objects.all())
    if last_row > HEADER_ROW and states:
        _state_dropdown(sheet, _states_sheet(workbook, states), last_row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- DOCX -----------------------------------------------------------------------------------


def _landscape(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))


def _polish_language(document) -> None:
    """Mark the text as Polish, for spelling, hyphenation and screen readers."""
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "pl-PL")
    normal.element.get_or_add_rPr().append(language)


def _repeat_as_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _fill_row(cells, values, *, bold: bool = False, widths: bool = False) -> None:
    """Text in each cell; the widths only where python-docx does not copy them from the grid
    (the first row), and bold only where wanted: each property is an XML element per cell."""
    for cell, column, value in zip(cells, COLUMNS, values, strict=True):
        if widths:
            cell.width = Cm(column.docx_cm)
        run = cell.paragraphs[0].add_run(str(value))
        if bold:
            run.bold = True
        run.font.size = Pt(9)


def _docx_table(document, rows: list[CommentRow]) -> None:
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, COLUMNS, strict=True):
        column.width = Cm(width.docx_cm)
    _fill_row(table.rows[0].cells, [c.header for c in COLUMNS], bold=True, widths=True)
    _repeat_as_header(table.rows[0])
    # One row is made by python-docx (cells, paragraph, a 9 pt run each); every comment's row
    # is a copy of its XML with the runs' text set: adding and formatting 14 000 cells one by
    # one took 2.4 s for a national round of 2000 comments. (python-docx's `row.cells` would
    # also rebuild the whole grid each time: quadratic.)
    template = table.add_row()._tr
    _fill_row([_Cell(tc, table) for tc in template.tc_lst], [""] * len(COLUMNS))
    template.getparent().remove(template)
    for row in rows:
        tr = copy.deepcopy(template)
        for r, column in zip(tr.iter(qn("w:r")), COLUMNS, strict=True):
            Run(r, None).text = str(_value(row, column.field))  # "\n" becomes a line break
        table._tbl.append(tr)


def tabela_uwag_docx(consultation: ConsultationRound, comments) -> bytes:
    """The table as a Word document on landscape A4 pages, the header repeated on each page."""
    document = Document()
    _landscape(document)
    _polish_language(document)
    title, *lines = _heading_lines(consultation)
    document.core_properties.title = f"{title}: {text(consultation.title)}"
    document.core_properties.language = "pl-PL"
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)
    _docx_table(document, _polish_rows(comments))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
