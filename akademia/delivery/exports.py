"""Documents of delivery: a day's attendance list as PDF (the form EU-funded projects keep, to be
signed by each participant), the attendance report as XLSX and the certificate of completion
as PDF (with the QR code of its public verification page, drawn with segno).
signed by each participant), the attendance report and the advisory hours as XLSX.

They are Polish administrative documents, so their wording is Polish literals, kept here and
only here, and dates are written in Polish whatever the reader's interface language. The PDF
uses DejaVu Sans (core/fonts/): the PDF standard fonts have no "ą", "ę", "ł", "ś", "ź", "ż".
"""

import datetime as dt
import io
import logging
from decimal import Decimal
from pathlib import Path

from django.utils import formats, translation
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from akademia.core import spreadsheets
from akademia.core.spreadsheets import append_text_row
from akademia.delivery.hours import AdvisoryReport, Hours
from akademia.delivery.models import Attendance, TrainingDay
from akademia.delivery.reports import Figures, Report
from akademia.delivery.selectors import SheetRow

# fontTools reports every table it subsets at INFO: a dozen lines a list.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"

# The attendance list's wording, in one place.
LIST_TITLE = "LISTA OBECNOŚCI"
FACTS = ("Projekt", "Grupa", "Moduł", "Data", "Godziny", "Miejsce", "Trener")
HEADERS = ("Lp.", "Imię i nazwisko", "JST", "Uwagi", "Podpis uczestnika")
WIDTHS = (10, 52, 45, 38, 45)  # mm: the 190 mm between the margins of an A4 page
TRAINER_SIGNATURE = "Podpis trenera: ......................................................"
CLOSED = "Lista zamknięta w systemie {when} przez: {who}."
OPEN = "Lista nie jest jeszcze zamknięta w systemie (stan na {when})."
PAGE = "Strona {page} z {{nb}}"
# What the "Uwagi" column says of a recorded mark (present: nothing, the signature says it).
REMARKS = {
    Attendance.LATE: "spóźnienie",
    Attendance.LEFT_EARLY: "wcześniejsze wyjście",
    Attendance.ABSENT: "nieobecność",
    Attendance.EXCUSED: "nieobecność usprawiedliwiona",
}


def _polish_date(value, pattern="j E Y (l)") -> str:
    with translation.override("pl"):
        return formats.date_format(value, pattern)


def _list_pdf():
    """An A4 page with numbered pages. fpdf2 is imported here, with the first list printed:
    every other page of the app works in an environment not yet updated for it."""
    from fpdf import FPDF

    class ListPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 6, PAGE.format(page=self.page_no()), align="C")

    pdf = ListPdf(orientation="P", unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_lang("pl")
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def _remark(row: SheetRow) -> str:
    mark = row.mark
    if mark is None or mark.status == Attendance.PRESENT:
        return ""
    text = REMARKS[mark.status]
    return f"{text}: {mark.note}" if mark.note else text


def _facts(day: TrainingDay) -> list[tuple[str, str]]:
    meeting, group = day.meeting, day.meeting.group
    trainer = meeting.trainer or group.trainer
    place = meeting.place  # the meeting's own venue when it moved, else the group's
    venue = place.name + (f", {place.address}" if place.address else "")
    hours = f"{day.starts_at:%H:%M}–{day.ends_at:%H:%M}" if day.starts_at and day.ends_at else "—"
    values = (
        group.project.name,
        group.code,
        str(meeting.module),
        _polish_date(day.date),
        hours,
        venue,
        trainer.name if trainer else "—",
    )
    return list(zip(FACTS, values, strict=True))


def attendance_list_pdf(day: TrainingDay, rows: list[SheetRow], *, now: dt.datetime) -> bytes:
    """The day's list: the facts of the meeting, then a numbered line per participant with
    their JST, the recorded remark and room to sign; the trainer signs at the end."""
    from fpdf.fonts import FontFace

    pdf = _list_pdf()
    pdf.set_title(f"{LIST_TITLE}: {day.meeting.group.code}, {day.date.isoformat()}")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(0, 10, LIST_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    for label, value in _facts(day):
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(25, 6, f"{label}:")
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(
        col_widths=WIDTHS,
        line_height=6,
        headings_style=FontFace(emphasis="BOLD"),
        text_align=("RIGHT", "LEFT", "LEFT", "LEFT", "LEFT"),
        padding=2,
    ) as table:
        table.row(HEADERS)
        for number, row in enumerate(rows, start=1):
            person = row.participant
            table.row((f"{number}.", person.full_name, person.jst.name, _remark(row), ""))
    pdf.ln(4)
    when = _polish_date(day.closed_at or now, "j E Y, H:i")
    closed = (
        CLOSED.format(when=when, who=day.closed_by) if day.is_closed else OPEN.format(when=when)
    )
    pdf.multi_cell(0, 6, closed, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.cell(0, 6, TRAINER_SIGNATURE, align="R")
    return bytes(pdf.output())


def list_filename(day: TrainingDay) -> str:
    return f"lista-obecnosci-{day.meeting.group.code}-{day.date.isoformat()}.pdf"


# --- XLSX ------------------------------------------------------------------------------------

FIGURE_HEADERS = (
    "Dni zaplanowane",
    "Dni odbyte",
    "Obecności",
    "Nieobecności usprawiedliwione",
    "Nieobecności",
    "Bez zaznaczenia",
    "Frekwencja (%)",
)
STATUS = {
    "active": "uczestniczy",
    "substituted": "zastąpiony",
    "withdrawn": "zrezygnował",
    "regrouped": "przeniesiony do grupy nowszego planu",
}


def _figures(figures: Figures) -> list:
    return [
        figures.planned,
        figures.held,
        figures.attended,
        figures.excused,
        figures.absent,
        figures.unmarked,
        figures.rate if figures.rate is not None else "",
    ]


def _sheet(workbook, title: str, headers, rows) -> None:
    """A sheet of a write-only workbook (streamed to the file: a sheet of the whole country's
    people is written in a fraction of the time the in-memory one took), the header bold and
    frozen."""
    sheet = workbook.create_sheet(title)
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 2)
    sheet.freeze_panes = "A2"
    append_text_row(sheet, headers, font=Font(bold=True))
    for row in rows:
        append_text_row(sheet, row)


def _day(value) -> str:
    return value.isoformat() if value else ""


def report_xlsx(report: Report) -> bytes:
    """Four sheets: participants (each place, with its period and status), groups, JST and
    projects, each with the same attendance figures."""
    workbook = Workbook(write_only=True)
    _sheet(
        workbook,
        "Uczestnicy",
        ("Projekt", "Grupa", "JST", "Imię i nazwisko", "Od", "Do (ostatni dzień)", "Status")
        + FIGURE_HEADERS,
        (
            [
                spreadsheets.text(p.group.project.name),
                spreadsheets.text(p.group.code),
                spreadsheets.text(p.jst.name),
                spreadsheets.text(p.full_name),
                _day(p.since),
                _day(p.last_day),
                STATUS[p.status],
                *_figures(line.figures),
            ]
            for line in report.participants
            for p in [line.subject]
        ),
    )
    _sheet(
        workbook,
        "Grupy",
        ("Projekt", "Grupa", "Miejsce", "Osoby") + FIGURE_HEADERS,
        (
            [
                spreadsheets.text(g.subject.project.name),
                spreadsheets.text(g.subject.code),
                spreadsheets.text(g.subject.venue.name),
                g.people,
                *_figures(g.figures),
            ]
            for g in report.groups
        ),
    )
    _sheet(
        workbook,
        "JST",
        ("JST", "Kod TERYT", "Osoby") + FIGURE_HEADERS,
        (
            [spreadsheets.text(j.subject.name), j.subject.code, j.people, *_figures(j.figures)]
            for j in report.jsts
        ),
    )
    _sheet(
        workbook,
        "Projekty",
        ("Projekt", "Osoby") + FIGURE_HEADERS,
        (
            [spreadsheets.text(p.subject.name), p.people, *_figures(p.figures)]
            for p in report.projects
        ),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Certificate of completion (zaświadczenie) -----------------------------------------------

CERTIFICATE_TITLE = "ZAŚWIADCZENIE"
CERTIFICATE_SUBTITLE = "o ukończeniu szkolenia"
CERTIFICATE_NUMBER = "Nr {number}"
CERTIFICATE_STATES = "Zaświadcza się, że"
CERTIFICATE_COMPLETED = "ukończył(a) szkolenie w ramach programu szkoleniowo-doradczego"
CERTIFICATE_PROGRAMME = "„{title}” (wersja {version})"
CERTIFICATE_PERIOD = "w okresie od {first} do {last}, w ramach projektu „{project}”."
CERTIFICATE_MODULES = ("Lp.", "Moduł", "Liczba godzin")
CERTIFICATE_WIDTHS = (12, 140, 38)
CERTIFICATE_TOTAL = "Łącznie: {hours} godz."
CERTIFICATE_ISSUED = "Wystawiono {day}. Wystawca: {issuer}."
CERTIFICATE_VERIFY = (
    "Autentyczność zaświadczenia można sprawdzić, skanując kod QR albo wpisując jego numer "
    "na stronie {url}"
)
QR_SIZE = 36  # mm: with 4 modules of margin, read by a phone from a printed page


def _hours(value) -> str:
    """Hours the Polish way: 8, 7,5."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def _certificate_pdf():
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_lang("pl")
    pdf.set_margins(10, 15, 10)
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def draw_qr(pdf, text: str, *, x: float, y: float, size: float) -> None:
    """The QR code of `text` as filled rectangles (vector, sharp at any printing), one per run
    of dark modules in a row; the page's white around it is the quiet zone."""
    import segno

    matrix = segno.make(text, error="m", micro=False).matrix
    module = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(matrix):
        column = 0
        while column < len(line):
            if not line[column]:
                column += 1
                continue
            start = column
            while column < len(line) and line[column]:
                column += 1
            width = (column - start) * module
            pdf.rect(x + start * module, y + row * module, width, module, style="F")


def certificate_pdf(certificate, *, verify_url: str, form_url: str) -> bytes:
    """The certificate as the person prints it: who, which programme and version, when, in which
    project, the modules and their hours, the issuer, the number with its QR code (the public
    verification page) and the EU-funding statement. Everything from the certificate's row."""
    from fpdf.fonts import FontFace

    pdf = _certificate_pdf()
    pdf.set_title(f"{CERTIFICATE_TITLE} {certificate.number}")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 22)
    pdf.cell(0, 12, CERTIFICATE_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 14)
    pdf.cell(0, 8, CERTIFICATE_SUBTITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    number = CERTIFICATE_NUMBER.format(number=certificate.number)
    pdf.cell(0, 7, number, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("DejaVu", "", 12)
    pdf.cell(0, 8, CERTIFICATE_STATES, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 10, certificate.full_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 7, CERTIFICATE_COMPLETED, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 13)
    programme = CERTIFICATE_PROGRAMME.format(
        title=certificate.programme_title, version=certificate.version_number
    )
    pdf.multi_cell(0, 8, programme, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    period = CERTIFICATE_PERIOD.format(
        first=_polish_date(certificate.first_day, "j E Y"),
        last=_polish_date(certificate.last_day, "j E Y"),
        project=certificate.project_name,
    )
    pdf.multi_cell(0, 7, period, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 10)
    with pdf.table(
        col_widths=CERTIFICATE_WIDTHS,
        line_height=6,
        headings_style=FontFace(emphasis="BOLD"),
        text_align=("RIGHT", "LEFT", "RIGHT"),
        padding=2,
    ) as table:
        table.row(CERTIFICATE_MODULES)
        for index, module in enumerate(certificate.modules, start=1):
            table.row((f"{index}.", module["title"], _hours(module["hours"])))
    pdf.set_font("DejaVu", "B", 10)
    total = CERTIFICATE_TOTAL.format(hours=_hours(certificate.hours))
    pdf.cell(0, 8, total, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 10)
    issued = CERTIFICATE_ISSUED.format(
        day=_polish_date(certificate.issued_at, "j E Y"), issuer=certificate.issuer
    )
    pdf.multi_cell(0, 6, issued, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    top = pdf.get_y()
    if top + QR_SIZE + 30 > pdf.h - 15:
        pdf.add_page()
        top = pdf.get_y()
    draw_qr(pdf, verify_url, x=pdf.l_margin, y=top, size=QR_SIZE)
    pdf.set_xy(pdf.l_margin + QR_SIZE + 6, top + 4)
    pdf.set_font("DejaVu", "", 9)
    verify = CERTIFICATE_VERIFY.format(url=form_url)
    pdf.multi_cell(0, 5, f"{verify}\n{number}", align="L", new_x="LMARGIN", new_y="NEXT")
    if certificate.funding:
        pdf.set_y(max(pdf.get_y(), top + QR_SIZE) + 8)
        pdf.set_font("DejaVu", "", 8)
        pdf.multi_cell(0, 4.5, certificate.funding, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def certificate_filename(certificate) -> str:
    return f"zaswiadczenie-{certificate.number}.pdf"


# --- Advisory hours (doradztwo) ---------------------------------------------------------------

HOURS_HEADERS = (
    "Godziny należne",
    "Potwierdzone",
    "Do potwierdzenia lub zakwestionowane",
    "Zaplanowane",
    "Pozostało do wykorzystania",
    "Ponad należne",
    "Wykorzystanie (%)",
)
ADVISORY_STATUS = {
    "planned": "zaplanowany",
    "reported": "czeka na potwierdzenie",
    "confirmed": "potwierdzony",
    "disputed": "zakwestionowany",
    "cancelled": "odwołany",
}
ADVISORY_MODE = {"office": "w urzędzie JST", "remote": "zdalnie"}


def _hours_row(hours: Hours) -> list:
    return [
        hours.due,
        hours.confirmed,
        hours.awaiting,
        hours.planned,
        hours.remaining,
        hours.over,
        hours.rate if hours.rate is not None else "",
    ]


def advisory_xlsx(report: AdvisoryReport, sessions) -> bytes:
    """Four sheets: hours per JST, per advisor and per project (due, confirmed, awaiting,
    planned, left), and every entry with its status. Hours are numbers (a spreadsheet sums
    them and shows them with the reader's decimal comma)."""
    workbook = Workbook(write_only=True)
    _sheet(
        workbook,
        "JST",
        ("Projekt", "JST", "Kod TERYT", "Doradca") + HOURS_HEADERS,
        (
            [
                spreadsheets.text(line.project.name),
                spreadsheets.text(line.jst.name),
                line.jst.code,
                spreadsheets.text(line.assignment.advisor.full_name) if line.assignment else "",
                *_hours_row(line.hours),
            ]
            for line in report.jsts
        ),
    )
    _sheet(
        workbook,
        "Doradcy",
        ("Doradca", "Liczba JST") + HOURS_HEADERS,
        (
            [spreadsheets.text(line.subject.name), line.jsts, *_hours_row(line.hours)]
            for line in report.advisors
        ),
    )
    _sheet(
        workbook,
        "Projekty",
        ("Projekt", "Liczba JST") + HOURS_HEADERS,
        (
            [spreadsheets.text(line.subject.name), line.jsts, *_hours_row(line.hours)]
            for line in report.projects
        ),
    )
    _sheet(
        workbook,
        "Wpisy",
        (
            "Projekt",
            "JST",
            "Doradca",
            "Data",
            "Godziny",
            "Forma",
            "Temat",
            "Co zrobiono",
            "Ustalone dalsze kroki",
            "Status",
        ),
        (
            [
                spreadsheets.text(s.assignment.project.name),
                spreadsheets.text(s.assignment.jst.name),
                spreadsheets.text(s.advisor.full_name),
                _day(s.date),
                s.hours,
                ADVISORY_MODE[s.mode],
                spreadsheets.text(s.topic),
                spreadsheets.text(s.done),
                spreadsheets.text(s.next_steps),
                ADVISORY_STATUS[s.status],
            ]
            for s in sessions
        ),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
