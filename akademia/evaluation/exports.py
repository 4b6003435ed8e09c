"""Documents of evaluation: a summary report (PDF) and the results (XLSX) of a group, a project
or a programme version, and a project's answers (XLSX, one row per response).

They are built from `selectors.aggregate.Report` and `selectors.answers`, which count only
surveys with enough answers: nothing here can show a group of fewer than `MIN_ANSWERS`. Polish
documents, so their wording is Polish literals kept here (as in delivery's exports); the PDF
uses DejaVu Sans for the Polish letters. Cells go through core/spreadsheets (text stays text).
"""

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from akademia.core.spreadsheets import append_text_row, text

PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"
BOLD = Font(bold=True)

TITLE = "Wyniki ewaluacji"
BELOW = (
    "Ankiety, na które odpowiedziało mniej niż {least} osób, nie są tu liczone "
    "(nie pokazujemy grupy tak małej, by dało się rozpoznać czyjeś odpowiedzi)."
)
SURVEY_HEADERS = ("Pytanie", "Pozycja", "Odpowiedzi", "Średnia", "Odchylenie standardowe")


def _fmt(value, places=2) -> str:
    return "—" if value is None else f"{value:.{places}f}".replace(".", ",")


def _facts(report) -> list[tuple[str, str]]:
    facts = [
        ("Ankiety", f"{report.surveys} (liczone: {report.shown_surveys})"),
        ("Odpowiedzi", f"{report.answered} z {report.invited} zaproszonych ({report.rate}%)"),
    ]
    if report.gain is not None and report.gain.shown:
        gain = report.gain
        facts.append(
            (
                "Przyrost wiedzy",
                f"{_fmt(gain.pre, 1)}% → {_fmt(gain.post, 1)}% "
                f"({_fmt(gain.gain, 1)} pp., poprawiło się {gain.improved}%, par: {gain.pairs})",
            )
        )
    return facts


def _section_title(section) -> str:
    counts = f"(ankiet: {section.surveys}, odpowiedzi: {section.answered})"
    if section.module:
        return f"{section.title}, moduł {section.module} {counts}"
    return f"{section.title} {counts}"


def _lines(result) -> list[tuple]:
    """(question, item, answers, average, spread) rows of one question's figures."""
    question = result.question
    rows = []
    if result.rows:
        for row in result.rows:
            count = sum(bar.count for bar in row.bars)
            rows.append((question.text, row.label, count, row.average, row.spread))
            rows += [("", f"  {b.label}", b.count, f"{b.percent}%", None) for b in row.bars]
        return rows
    rows.append((question.text, "", result.answered, result.average, result.spread))
    rows += [("", f"  {b.label}", b.count, f"{b.percent}%", None) for b in result.bars]
    return rows


# PDF ----------------------------------------------------------------------------------------


def report_pdf(report, title: str) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from akademia.evaluation.results import MIN_ANSWERS

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_lang("pl")
    pdf.set_title(f"{TITLE}: {title}")
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, f"{TITLE}: {title}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for label, value in _facts(report):
        pdf.multi_cell(0, 6, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(0, 5, BELOW.format(least=MIN_ANSWERS), new_x="LMARGIN", new_y="NEXT")
    for section in report.sections:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 6, _section_title(section), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 8)
        with pdf.table(
            col_widths=(70, 50, 20, 20, 26),
            line_height=5,
            headings_style=FontFace(emphasis="BOLD"),
            text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        ) as table:
            table.row(SURVEY_HEADERS)
            for result in section.questions:
                for question, item, count, average, spread in _lines(result):
                    shown_average = average if isinstance(average, str) else _fmt(average)
                    table.row(
                        (
                            question,
                            item,
                            str(count),
                            shown_average,
                            "" if spread is None else _fmt(spread),
                        )
                    )
    if report.comparison and report.comparison.units:
        _comparison_pdf(pdf, "Porównanie", report.comparison)
    return bytes(pdf.output())


def _comparison_pdf(pdf, heading: str, comparison) -> None:
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(0, 6, heading + " (średnie ocen)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8)
    for unit in comparison.units:
        cells = unit.cells(comparison.items)
        if not any(c is not None for c in cells):
            pdf.multi_cell(0, 5, f"{unit.label}: za mało odpowiedzi", new_x="LMARGIN", new_y="NEXT")
            continue
        parts = [f"{i.label}: {_fmt(c)}" for i, c in zip(comparison.items, cells, strict=True)]
        pdf.multi_cell(0, 5, f"{unit.label}: " + "; ".join(parts), new_x="LMARGIN", new_y="NEXT")


# XLSX ---------------------------------------------------------------------------------------


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_xlsx(report, title: str) -> bytes:
    """Sheet "Wyniki": the facts, then each section's questions; "Porównanie": the averages per
    group/project; "Wersje": per version of the programme."""
    from akademia.evaluation.results import MIN_ANSWERS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Wyniki")
    append_text_row(sheet, [f"{TITLE}: {text(title)}"], font=BOLD)
    for label, value in _facts(report):
        append_text_row(sheet, [label, value])
    append_text_row(sheet, [BELOW.format(least=MIN_ANSWERS)])
    for section in report.sections:
        append_text_row(sheet, [])
        append_text_row(sheet, [_section_title(section)], font=BOLD)
        append_text_row(sheet, list(SURVEY_HEADERS), font=BOLD)
        for result in section.questions:
            for question, item, count, average, spread in _lines(result):
                average = (
                    average if isinstance(average, str) or average is None else round(average, 2)
                )
                spread = round(spread, 2) if spread is not None else None
                append_text_row(sheet, [text(question), text(item), count, average, spread])
    for name, comparison in (("Porównanie", report.comparison), ("Wersje", report.versions)):
        if comparison is None:
            continue
        sheet = workbook.create_sheet(name)
        append_text_row(
            sheet,
            ["", "Odpowiedzi", "Przyrost wiedzy (pp.)", *[text(i.label) for i in comparison.items]],
            font=BOLD,
        )
        for unit in comparison.units:
            gain = unit.gain.gain if unit.gain is not None and unit.gain.shown else None
            cells = [round(c, 2) if c is not None else None for c in unit.cells(comparison.items)]
            answered = unit.answered if unit.means else None
            append_text_row(sheet, [text(unit.label), answered, gain, *cells])
    return _save(workbook)


def answers_xlsx(sheets) -> bytes:
    """One sheet per questionnaire, streamed (write-only): a project's thousands of rows."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for answer_sheet in sheets:
        name = _sheet_name(answer_sheet.title, used)
        sheet = workbook.create_sheet(name)
        append_text_row(sheet, [text(h) for h in answer_sheet.headers], font=BOLD)
        for row in answer_sheet.rows:
            append_text_row(sheet, [text(v) if isinstance(v, str) else v for v in row])
    if not sheets:
        append_text_row(
            workbook.create_sheet("Odpowiedzi"), ["Brak ankiet z co najmniej 5 odpowiedziami."]
        )
    return _save(workbook)


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(c for c in text(title) if c not in "[]:*?/\\")[:28] or "Arkusz"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base[:25]} {n}"
    used.add(name)
    return name
