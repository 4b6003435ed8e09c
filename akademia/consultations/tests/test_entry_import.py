"""Import of comments from CSV and XLSX: every row checked first, then all or nothing."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from akademia.consultations import comment_import, services
from akademia.consultations.models import AuthorKind, Source, TargetKind
from akademia.core import tables
from akademia.core.models import Job, JobStatus
from akademia.territory.models import Jst

CSV_GOOD = (
    "Lp.;Uwaga;Spotkanie;Zgłaszający;JST;Dotyczy;Proponowana zmiana\n"
    "1;Grupy powinny liczyć najwyżej 20 osób.;Koziegłowy;Jan Kowalski;2409023;"
    "wielkość grup;do 20 osób\n"
    "2;Za mało ćwiczeń w module o budżecie.;;;Koziegłowy;moduł 1;\n"
    "3;Zjazdy w piątki i soboty.;;;;;\n"
)


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in the source language (Polish is the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _csv(text: str, *, bom: bool = False) -> bytes:
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _parse(consultation, data: bytes, name: str = "uwagi.csv"):
    return comment_import.parse_comments(data, name, consultation=consultation)


def _messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


@pytest.fixture
def second_meeting(consultation, national):
    return services.meeting_add(
        actor=national,
        consultation=consultation,
        kind="urban",
        place=Jst.objects.get(code="1002011"),
        start_date=date(2017, 1, 19),
        end_date=date(2017, 1, 20),
    )


def test_good_csv_gives_rows_for_the_service(consultation, meeting):
    result = _parse(consultation, _csv(CSV_GOOD, bom=True))
    assert result.problems == []
    first, second, third = result.rows
    assert first["meeting"] == meeting
    assert first["author_kind"] == AuthorKind.PARTICIPANT
    assert first["author_name"] == "Jan Kowalski"
    assert first["author_jst"].code == "2409023"
    assert (first["target_kind"], first["target_parameter"]) == ("parameter", "group_size")
    assert first["proposed_change"] == "do 20 osób"
    assert second["author_kind"] == AuthorKind.JST
    assert second["target_kind"] == TargetKind.MODULE
    assert second["target_module"] == consultation.version.modules.get()
    assert third["author_kind"] == AuthorKind.GROUP
    assert third["target_kind"] == TargetKind.PROGRAMME


def test_comma_separated_csv_with_english_headers(consultation, meeting):
    data = _csv(f'text,meeting,target\n"Więcej przykładów, mniej teorii.",{meeting.pk},1\n')
    result = _parse(consultation, data)
    assert result.problems == []
    assert result.rows[0]["text"] == "Więcej przykładów, mniej teorii."
    assert result.rows[0]["meeting"] == meeting


def test_each_bad_row_is_named_by_row_and_column(consultation, meeting, second_meeting):
    data = _csv(
        "uwaga;spotkanie;jst;dotyczy\n"
        "Dobra uwaga;Koziegłowy;2409023;\n"
        "Zła JST;Kutno;2409999;\n"
        ";Kutno;;\n"
        "Brak spotkania;;;\n"
        "Zły moduł;Kutno;;moduł 7\n"
    )
    result = _parse(consultation, data)
    assert result.rows == []
    assert _messages(result) == [
        "Row 3, column “jst”: there is no JST with the code 2409999.",
        "Row 4, column “uwaga”: the comment is empty.",
        "Row 5, column “spotkanie”: the round has several meetings; name one of them: "
        f"Koziegłowy ({meeting.pk}, 2017-01-12), Kutno ({second_meeting.pk}, 2017-01-19).",
        "Row 6, column “dotyczy”: the programme version has modules 1–1; there is no module 7.",
    ]


def test_problems_are_in_the_users_language(consultation, meeting):
    with translation.override("pl"):
        result = _parse(consultation, b"x" * (tables.MAX_BYTES + 1))
        assert str(result.problems[0]) == "Plik jest większy niż 5 MB."


def test_header_problems(consultation, meeting):
    result = _parse(consultation, _csv("treść;kolor\nTekst;zielony\n"))
    assert [(p.row, p.column) for p in result.problems] == [(1, "treść"), (1, "kolor"), (1, "")]


def _shared_names(*, in_silesia: int) -> str:
    """A JST name borne by several units, `in_silesia` of them in Śląskie (the meeting's)."""
    units = Jst.objects.filter(active=True).values_list("name", "voivodeship__code")
    names: dict[str, list[str]] = {}
    for name, voivodeship in units:
        names.setdefault(name, []).append(voivodeship)
    return next(
        name
        for name, places in sorted(names.items())
        if len(places) > 1 and places.count("24") == in_silesia
    )


def test_a_shared_jst_name_is_settled_by_the_meetings_voivodeship(consultation, meeting):
    name = _shared_names(in_silesia=1)
    result = _parse(consultation, _csv(f"uwaga;jst\nTekst;{name}\n"))
    assert result.rows[0]["author_jst"].voivodeship.code == "24"


def test_an_ambiguous_jst_name_asks_for_the_code(consultation, meeting):
    name = _shared_names(in_silesia=0)
    result = _parse(consultation, _csv(f"uwaga;jst\nTekst;{name}\n"))
    assert "give the TERYT code" in str(result.problems[0])


def test_teryt_code_without_its_leading_zero_is_mended(consultation, meeting):
    code = Jst.objects.filter(code__startswith="02", active=True).first().code
    result = _parse(consultation, _xlsx([["uwaga", "jst"], ["Tekst", int(code)]]), "u.xlsx")
    assert result.rows[0]["author_jst"].code == code


def test_good_xlsx_gives_rows(consultation, meeting):
    data = _xlsx(
        [
            ["Uwaga", "Dotyczy", "JST"],
            ["Za długie zjazdy.", "dni i godziny", 2409023],
            [None, None, None],
            ["Moduł o budżecie za krótki.", 1, None],
            ["Moduł pierwszy to za mało.", "Moduł nr 1", None],
        ]
    )
    result = _parse(consultation, data, "uwagi.xlsx")
    assert result.problems == []
    assert [row["target_kind"] for row in result.rows] == ["parameter", "module", "module"]
    assert result.rows[0]["target_parameter"] == "schedule"


def test_row_numbers_count_empty_rows_as_the_spreadsheet_does(consultation, meeting):
    data = _xlsx([["uwaga", "jst"], ["A", None], [None, None], ["B", "nie ma takiej"]])
    result = _parse(consultation, data, "uwagi.xlsx")
    assert [(p.row, p.column) for p in result.problems] == [(4, "jst")]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"uwaga\nx\n", "uwagi.txt", "Choose a .csv or .xlsx file."),
        (b"x" * (tables.MAX_BYTES + 1), "uwagi.csv", "The file is larger than 5 MB."),
        ("uwaga\nzażółć\n".encode("cp1250"), "uwagi.csv", "not in UTF-8"),
        (b"not a zip", "uwagi.xlsx", "cannot be read as an XLSX workbook"),
        (b"uwaga\n", "uwagi.csv", "a header but no comments"),
    ],
)
def test_files_that_cannot_be_read(consultation, meeting, data, name, message):
    result = _parse(consultation, data, name)
    assert message in str(result.problems[0])
    assert result.rows == []


def test_too_many_rows(consultation, meeting):
    data = _csv("uwaga\n" + "tekst\n" * (tables.MAX_ROWS + 1))
    assert "more than 5000 rows" in str(_parse(consultation, data).problems[0])


def test_the_probe_workbook_gives_its_one_comment(consultation, meeting):
    """Issue #9: a sheet declared as A1:XFD1048576 with 100 000 padded empty rows is read
    by the shared bounded reader as far as its table (see core/tests/test_tables.py)."""
    from akademia.core.tests.test_tables import probe_workbook

    result = _parse(consultation, probe_workbook(), "uwagi.xlsx")
    assert result.problems == []
    assert [row["text"] for row in result.rows] == ["Pierwsza"]


def test_upload_imports_every_row_in_a_background_job(
    client, national, consultation, meeting, django_capture_on_commit_callbacks
):
    """Saving thousands of comments takes seconds: the request checks the file and starts a
    job (issue #9), whose page shows the result; the kept file is deleted once read."""
    client.force_login(national)
    url = reverse("consultations:round-import-comments", args=[consultation.pk])
    upload = io.BytesIO(_csv(CSV_GOOD))
    upload.name = "uwagi.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": upload})
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert (job.kind, job.status) == ("consultations.import_comments", JobStatus.SUCCEEDED)
    assert not Path(job.params["path"]).exists()
    response = client.get(response["Location"])
    assert "Imported 3 comments, numbered 1–3." in response.content.decode()
    comments = list(consultation.comments.order_by("number"))
    assert [c.source for c in comments] == [Source.IMPORT] * 3
    assert comments[0].suggested_block is not None
    assert comments[0].created_by == national


def test_an_import_job_run_again_after_a_crash_imports_nothing_twice(
    client, national, consultation, meeting, django_capture_on_commit_callbacks
):
    """The reaper re-queues a job whose worker died after saving (issue #9): the second
    attempt finds the result stored with the comments and adds none."""
    from akademia.core.jobs import job_run

    client.force_login(national)
    url = reverse("consultations:round-import-comments", args=[consultation.pk])
    upload = io.BytesIO(_csv(CSV_GOOD))
    upload.name = "uwagi.csv"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"file": upload})
    job = Job.objects.get()
    # As if the worker died before it could mark the job finished: queued again.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, attempt=1)
    job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result["count"] == 3
    assert consultation.comments.count() == 3


def test_upload_of_xlsx_imports_every_row(
    client, regional, consultation, meeting, django_capture_on_commit_callbacks
):
    client.force_login(regional)
    url = reverse("consultations:round-import-comments", args=[consultation.pk])
    upload = io.BytesIO(_xlsx([["uwaga"], ["Pierwsza"], ["Druga"]]))
    upload.name = "uwagi.xlsx"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"file": upload})
    assert list(consultation.comments.values_list("text", flat=True)) == ["Pierwsza", "Druga"]


def test_upload_with_a_bad_row_imports_nothing_and_reports(client, national, consultation, meeting):
    client.force_login(national)
    url = reverse("consultations:round-import-comments", args=[consultation.pk])
    upload = io.BytesIO(_csv("uwaga;jst\nDobra;2409023\nZła;2409999\n"))
    upload.name = "uwagi.csv"
    html = client.post(url, {"file": upload}).content.decode()
    assert "Row 3, column “jst”: there is no JST with the code 2409999." in html
    assert "Nothing was imported" in html
    assert consultation.comments.count() == 0
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"uwaga\nx\n", "uwagi.pdf", "Choose a .csv or .xlsx file."),
        (b"x" * (tables.MAX_BYTES + 1), "uwagi.csv", "The file is larger than 5 MB."),
    ],
)
def test_upload_of_wrong_type_or_size_is_refused(
    client, national, consultation, meeting, content, name, message
):
    client.force_login(national)
    url = reverse("consultations:round-import-comments", args=[consultation.pk])
    upload = io.BytesIO(content)
    upload.name = name
    response = client.post(url, {"file": upload})
    assert message in response.content.decode()
    assert consultation.comments.count() == 0


def test_upload_to_a_closed_round_is_refused(
    client, national, consultation, meeting, django_capture_on_commit_callbacks
):
    services.round_set_status(actor=national, consultation=consultation, status="closed")
    client.force_login(national)
    url = reverse("consultations:round-import-comments", args=[consultation.pk])
    upload = io.BytesIO(_csv("uwaga\nPóźna uwaga\n"))
    upload.name = "uwagi.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": upload})
    html = client.get(response["Location"]).content.decode()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED, job.error
    assert "no longer collects comments" in job.error, job.error
    assert "no longer collects comments" in html
    assert consultation.comments.count() == 0


def test_import_is_for_operators_only(client, participant, consultation):
    client.force_login(participant)
    url = reverse("consultations:round-import-comments", args=[consultation.pk])
    assert client.get(url).status_code == 403
