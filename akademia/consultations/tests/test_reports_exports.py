"""The tabela uwag as XLSX and DOCX: read back with openpyxl and python-docx, and opened by
LibreOffice (converted to PDF), as the authors and the ministry will open them."""

import io
import os
import re
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from akademia.consultations import exports, services
from akademia.consultations.models import AuthorKind, Source
from akademia.consultations.tests.test_reports import AUTHOR_NAME, add_sample_comments

HEADERS = [
    "Lp.",
    "Zgłaszający",
    "Część programu, której dotyczy uwaga",
    "Treść uwagi",
    "Proponowana zmiana",
    "Stanowisko autorów",
    "Uzasadnienie / sposób uwzględnienia",
]
POLISH_TEXT = "Więcej ćwiczeń z budżetu zadaniowego: źródła, łączność, żłobki."


@pytest.fixture(autouse=True)
def english(client, settings):
    """Assert on the English source strings, whatever the Polish catalogue comes to say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def sample(consultation, meeting, national, participant, blocks):
    return add_sample_comments(
        consultation=consultation,
        meeting=meeting,
        national=national,
        participant=participant,
        blocks=blocks,
    )


def _get(client, user, name, consultation):
    client.force_login(user)
    return client.get(reverse(f"consultations:{name}", args=[consultation.pk]))


@pytest.fixture
def xlsx(client, national, consultation, sample) -> bytes:
    response = _get(client, national, "round-export-xlsx", consultation)
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert f'filename="tabela-uwag-{consultation.pk}.xlsx"' in response["Content-Disposition"]
    return response.content


@pytest.fixture
def docx(client, expert, consultation, sample) -> bytes:
    response = _get(client, expert, "round-export-docx", consultation)
    assert response["Content-Type"] == exports.DOCX_CONTENT_TYPE
    return response.content


def test_xlsx_has_the_heading_the_headers_and_the_rows(xlsx):
    workbook = load_workbook(io.BytesIO(xlsx))
    sheet = workbook["Tabela uwag"]
    assert sheet["A1"].value == "Tabela uwag zgłoszonych w konsultacjach programu"
    assert sheet["A2"].value == "Program: Finanse JST, wersja 1"
    assert sheet["A3"].value == "Runda konsultacji: Konsultacje 2017"
    assert [cell.value for cell in sheet[4]] == HEADERS
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
    assert [row[0] for row in rows] == [1, 2, 3, 4]
    assert AUTHOR_NAME in rows[0][1]
    assert rows[0][5:] == ["uwzględniona", "Zjazdy w piątki i soboty."]
    assert rows[1][4] == "Grupy 12–20 osób."
    assert rows[2][3] == POLISH_TEXT and not rows[2][5]
    assert rows[3][2] == "Budżet"
    assert rows[3][5] == "wyjaśniona (bez zmiany programu)"


def test_xlsx_is_laid_out_for_reading_and_printing(xlsx):
    sheet = load_workbook(io.BytesIO(xlsx))["Tabela uwag"]
    assert sheet.freeze_panes == "A5"
    assert sheet.column_dimensions["D"].width == 36
    assert sheet.row_dimensions[4].height > sheet.row_dimensions[5].height  # wrapped headers
    assert sheet["D7"].alignment.wrap_text
    assert sheet["A4"].font.bold
    assert sheet.page_setup.orientation == "landscape"


def test_xlsx_offers_the_decision_states_in_a_dropdown(xlsx):
    workbook = load_workbook(io.BytesIO(xlsx))
    (validation,) = workbook["Tabela uwag"].data_validations.dataValidation
    assert validation.type == "list"
    assert str(validation.sqref) == "F5:F8"
    assert validation.formula1 == "Stanowiska!$B$2:$B$5"
    states = workbook["Stanowiska"]
    assert states.sheet_state == "hidden"
    assert list(states.iter_rows(values_only=True))[1] == ("accepted", "uwzględniona")


def test_xlsx_keeps_a_formula_like_comment_as_text(client, national, consultation, meeting):
    services.comment_add(
        actor=national,
        consultation=consultation,
        source=Source.OPERATOR,
        meeting=meeting,
        author_kind=AuthorKind.GROUP,
        text='=HYPERLINK("http://example.org","kliknij")',
    )
    content = _get(client, national, "round-export-xlsx", consultation).content
    cell = load_workbook(io.BytesIO(content))["Tabela uwag"]["D5"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")


def test_docx_is_a_landscape_table_with_polish_text(docx):
    document = Document(io.BytesIO(docx))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:3] == [
        "Tabela uwag zgłoszonych w konsultacjach programu",
        "Program: Finanse JST, wersja 1",
        "Runda konsultacji: Konsultacje 2017",
    ]
    (table,) = document.tables
    assert [cell.text for cell in table.rows[0].cells] == HEADERS
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[0] for row in rows] == ["1", "2", "3", "4"]
    assert AUTHOR_NAME in rows[0][1]
    assert rows[2][3] == POLISH_TEXT
    assert rows[1][5:] == ["nieuwzględniona", "Grupy 16–25 osób pozwalają objąć więcej gmin."]
    assert "w:tblHeader" in table.rows[0]._tr.xml


def test_answer_joins_the_rationale_and_the_reflection(client, national, consultation, sample):
    comment = sample["comments"][0]
    services.decision_record(
        actor=national,
        comment=comment,
        state=sample["states"]["partly_accepted"],
        rationale="Poniedziałki wykluczone.",
        reflection="Zjazdy w piątki i soboty.",
    )
    content = _get(client, national, "round-export-docx", consultation).content
    cell = Document(io.BytesIO(content)).tables[0].rows[1].cells[6]
    assert cell.text == "Poniedziałki wykluczone.\nZjazdy w piątki i soboty."


# --- LibreOffice ------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture
def soffice():
    if SOFFICE is None:
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("REQUIRE_LIBREOFFICE=1 but soffice is missing")
        pytest.skip(
            "LibreOffice is not installed (apt-get install libreoffice-calc-nogui "
            "libreoffice-writer-nogui poppler-utils); set REQUIRE_LIBREOFFICE=1 to fail instead"
        )
    return SOFFICE


def _to_pdf(soffice: str, source, tmp_path):
    """Convert with a profile of its own, so parallel runs and a user's LibreOffice do not clash."""
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = source.with_suffix(".pdf")
    assert pdf.exists() and pdf.stat().st_size > 0, f"LibreOffice did not convert {source.name}"
    return pdf


def _pdf_text(pdf) -> str | None:
    if PDFTOTEXT is None:
        return None
    text = subprocess.run(
        [PDFTOTEXT, str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("extension", ["xlsx", "docx"])
def test_libreoffice_opens_the_table(db, soffice, request, tmp_path, extension):
    # `db` named here: the file fixture is looked up late, and pytest-django orders tests by the
    # fixtures it sees, so without it this test would run after the live-server tests' flush.
    source = tmp_path / f"tabela-uwag.{extension}"
    source.write_bytes(request.getfixturevalue(extension))
    text = _pdf_text(_to_pdf(soffice, source, tmp_path))
    if text is None:
        return  # without pdftotext, a non-empty PDF is the proof
    for expected in (
        "Tabela uwag",
        "Stanowisko autorów",
        "Zjazdy w piątki i soboty, nie w poniedziałki.",
        POLISH_TEXT,
        "Grupy 16–25 osób pozwalają objąć więcej gmin.",
        AUTHOR_NAME,
    ):
        assert expected in text, f"{expected!r} missing from the PDF of the {extension}"


def test_a_table_saved_by_libreoffice_imports(
    soffice, client, national, consultation, xlsx, tmp_path
):
    """The authors may fill the table in LibreOffice Calc, which rewrites the whole file."""
    workbook = load_workbook(io.BytesIO(xlsx))
    sheet = workbook["Tabela uwag"]
    sheet["F7"], sheet["G7"] = "uwzględniona", "Dodano ćwiczenia z budżetu zadaniowego."
    filled = tmp_path / "filled" / "tabela-uwag.xlsx"
    filled.parent.mkdir()
    workbook.save(filled)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx"]
        + ["--outdir", str(tmp_path), str(filled)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = (tmp_path / "tabela-uwag.xlsx").read_bytes()
    url = reverse("consultations:round-import-decisions", args=[consultation.pk])
    response = client.post(url, {"file": SimpleUploadedFile("tabela-uwag.xlsx", resaved)})
    assert response.status_code == 302, response.context and response.context["errors"]
    decision = consultation.comments.get(number=3).decision
    assert (decision.state.code, decision.reflection) == (
        "accepted",
        "Dodano ćwiczenia z budżetu zadaniowego.",
    )


def test_exports_are_never_stored(client, national, consultation, sample):
    for name in ("round-export-xlsx", "round-export-docx"):
        response = _get(client, national, name, consultation)
        assert response.status_code == 200
        cache = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache, name
