"""The dashboard's tables as XLSX (core/spreadsheets.py) and the monthly progress report of a
project as PDF (fpdf2, DejaVu Sans for Polish letters) and DOCX (python-docx). CSV goes through
core/csvfiles.py. The report is a document for the funding institution: its headings are the
translated labels of the dashboard, in the reader's language."""

import datetime as dt
import io
import logging
from pathlib import Path

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from akademia.core.spreadsheets import append_text_row, text
from akademia.reporting.tables import Table

logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"
FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"


def _cell(value):
    return "" if value is None else value


def tables_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table, strings kept as text (never formulas)."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(text(table.title)[:31])
        lines = table.lines()
        sheet.column_dimensions["A"].width = 48
        for column in range(2, len(lines[0]) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 16
        append_text_row(sheet, lines[0], font=bold)
        for line in lines[1:]:
            append_text_row(sheet, [_cell(v) for v in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number(value) -> str:
    return "–" if value is None else formats.number_format(value)


def _report_lines(report) -> list[tuple[str, str]]:
    q = report.dashboard.quality
    rate = lambda v: "–" if v is None else f"{v}%"  # noqa: E731
    gain = q.gain if q.gain is not None and q.gain.shown else None
    return [
        (_("Attendance rate"), rate(q.attendance_rate)),
        (_("Tasks accepted on time"), rate(q.tasks_rate)),
        (_("Advisory hours confirmed of those due"), rate(q.hours_rate)),
        (
            _("Knowledge gain, paired per person (points of %)"),
            _number(round(gain.gain, 1) if gain else None),
        ),
        (_("Improved their test score"), rate(gain.improved if gain else None)),
    ]


def _title(report) -> tuple[str, str]:
    month = formats.date_format(report.month, "F Y")
    return (
        _("Monthly progress report"),
        _("%(project)s, %(month)s (as of %(day)s)")
        % {
            "project": report.project.name,
            "month": month,
            "day": formats.date_format(report.as_of, "SHORT_DATE_FORMAT"),
        },
    )


def report_pdf(report) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    title, subtitle = _title(report)
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")
    for table in report.tables:
        _pdf_table(pdf, table)
    pdf.ln(4)
    for label, value in _report_lines(report):
        pdf.cell(0, 6, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _pdf_table(pdf, table: Table) -> None:
    lines = [[str(_cell(v)) for v in line] for line in table.lines()]
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, str(table.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8)
    with pdf.table(first_row_as_headings=True, text_align="LEFT") as grid:
        for line in lines:
            row = grid.row()
            for value in line:
                row.cell(value)


def report_docx(report) -> bytes:
    from docx import Document

    document = Document()
    title, subtitle = _title(report)
    document.add_heading(title, level=1)
    document.add_paragraph(subtitle)
    for table in report.tables:
        document.add_heading(str(table.title), level=2)
        lines = table.lines()
        grid = document.add_table(rows=len(lines), cols=len(lines[0]))
        grid.style = "Table Grid"
        for r, line in enumerate(lines):
            for c, value in enumerate(line):
                grid.cell(r, c).text = str(_cell(value))
    for label, value in _report_lines(report):
        document.add_paragraph(f"{label}: {value}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def month_end(month: dt.date) -> dt.date:
    from akademia.reporting.curves import next_month

    return next_month(month) - dt.timedelta(days=1)
