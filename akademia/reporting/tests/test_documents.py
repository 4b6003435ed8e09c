"""The exports open where people open them: the XLSX and the CSV in LibreOffice (Polish letters
intact, a name beginning with "=" as text), the monthly report's PDF through pdftotext."""

import os
import shutil
import subprocess

import pytest
from django.urls import reverse

from akademia.recruitment import services as recruitment
from akademia.territory.models import Voivodeship

SOFFICE, PDFTOTEXT = shutil.which("soffice"), shutil.which("pdftotext")
NAME = "=Projekt Łódzki żółć"


def _require(program, what):
    if program is None:
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(f"REQUIRE_LIBREOFFICE=1 but {what} is missing")
        pytest.skip(f"{what} is not installed; set REQUIRE_LIBREOFFICE=1 to fail instead")
    return program


def _text_of(path) -> str:
    pdftotext = _require(PDFTOTEXT, "pdftotext")
    return subprocess.run(
        [pdftotext, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout.replace("\n", " ")


def _convert(source, target: str, tmp_path):
    soffice = _require(SOFFICE, "soffice")
    profile = (tmp_path / "profile").as_uri()
    # A CSV is read as a person opening it would choose: comma, quotes, UTF-8 (76).
    reading = ["--infilter=CSV:44,34,76"] if source.suffix == ".csv" else []
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            *reading,
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return next((tmp_path / "out").iterdir())


@pytest.fixture
def exported(client, national, trained):
    recruitment.project_create(
        actor=national,
        name=NAME,
        voivodeship=Voivodeship.objects.get(code="10"),
        target_jst=4,
        target_people=12,
    )
    client.force_login(national)
    return client


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_libreoffice_reads_the_name_beginning_with_equals_as_text(exported, tmp_path, extension):
    url = reverse("reporting:table-export", args=["projects", extension])
    source = tmp_path / f"projekty.{extension}"
    source.write_bytes(exported.get(url).content)
    pdf = _convert(source, "pdf", tmp_path)
    text = _text_of(pdf)
    # The CSV's apostrophe is the text marker a spreadsheet shows; the XLSX cell is a string.
    assert ("'" + NAME if extension == "csv" else NAME) in text
    assert "#NAME" not in text and "Err:" not in text


def test_the_monthly_report_reads_through_pdftotext(client, regional, trained, tmp_path):
    client.force_login(regional)
    url = reverse("reporting:monthly-report", args=[trained.project_id, "pdf"])
    path = tmp_path / "raport.pdf"
    path.write_bytes(client.get(url).content)
    text = _text_of(path)
    assert "Monthly progress report" in text
    assert trained.project.name in text
    assert "From application to certificate" in text
    assert "Attendance rate" in text
