"""The XLSX round trip: export the tabela uwag, fill in the positions offline, import them; a
wrong file records nothing and names the row and column of every problem."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from akademia.consultations import services
from akademia.consultations.models import AuthorKind, Decision, Source
from akademia.consultations.tests.test_reports import add_sample_comments
from akademia.core.models import AuditEntry

FIRST_ROW = 5  # below the three heading lines and the header row


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


@pytest.fixture
def undecided(consultation, meeting, national):
    rows = [
        {"meeting": meeting, "author_kind": AuthorKind.GROUP, "text": text}
        for text in (
            "Za mało ćwiczeń praktycznych.",
            "Zadania między zjazdami są zbyt obszerne.",
            "Potrzebny moduł o zamówieniach publicznych.",
        )
    ]
    return services.comments_add(
        actor=national, consultation=consultation, rows=rows, source=Source.OPERATOR
    )


def _export(client, user, consultation):
    client.force_login(user)
    response = client.get(reverse("consultations:round-export-xlsx", args=[consultation.pk]))
    return load_workbook(io.BytesIO(response.content))


def _fill(workbook, answers: dict[int, tuple]) -> bytes:
    """Write (position, answer) into the rows of the given comment numbers; save to bytes."""
    sheet = workbook["Tabela uwag"]
    for row in sheet.iter_rows(min_row=FIRST_ROW):
        if row[0].value in answers:
            row[5].value, row[6].value = answers[row[0].value]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, consultation, content: bytes, name="tabela-uwag.xlsx"):
    url = reverse("consultations:round-import-decisions", args=[consultation.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_round_trip_records_the_filled_positions(client, national, consultation, undecided):
    workbook = _export(client, national, consultation)
    content = _fill(
        workbook,
        {
            1: ("uwzględniona", "Dodano dwa warsztaty."),
            2: ("NOT_ACCEPTED", "Zadania są konieczne do wdrożenia."),
        },
    )
    response = _upload(client, consultation, content)
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:round-summary", args=[consultation.pk])
    decisions = {d.comment.number: d for d in Decision.objects.select_related("comment", "state")}
    assert set(decisions) == {1, 2}  # the third is left for later
    assert decisions[1].state.code == "accepted"
    assert decisions[1].reflection == "Dodano dwa warsztaty."
    assert decisions[2].state.code == "not_accepted"
    assert decisions[2].rationale == "Zadania są konieczne do wdrożenia."
    assert decisions[1].decided_by == national
    entry = AuditEntry.objects.get(action="consultations.decisions.imported")
    assert (entry.target_id, entry.data) == (str(consultation.pk), {"count": 2})


def test_reimporting_an_unchanged_export_records_nothing(client, national, consultation, sample):
    before = {d.pk: d.decided_at for d in Decision.objects.all()}
    content = _fill(_export(client, national, consultation), {})
    assert _upload(client, consultation, content).status_code == 302
    assert {d.pk: d.decided_at for d in Decision.objects.all()} == before
    assert not AuditEntry.objects.filter(action="consultations.decisions.imported").exists()


def test_a_bad_file_records_nothing_and_names_rows_and_columns(
    client, national, consultation, undecided
):
    workbook = _export(client, national, consultation)
    sheet = workbook["Tabela uwag"]
    sheet.append([99, "", "", "", "", "uwzględniona", "Zmiana."])  # row 8: no such comment
    content = _fill(
        workbook,
        {
            1: ("uwzględniona", "Dodano warsztaty."),  # valid, yet must not be recorded
            2: ("może kiedyś", "?"),
            3: ("nieuwzględniona", None),
        },
    )
    response = _upload(client, consultation, content)
    assert response.status_code == 200
    errors = response.context["errors"]
    assert len(errors) == 3
    assert errors[0].startswith("Row 6, column F („Stanowisko autorów”)")
    assert "może kiedyś" in errors[0]
    assert errors[1].startswith("Row 7, column G („Uzasadnienie / sposób uwzględnienia”)")
    assert errors[2].startswith("Row 8, column A („Lp.”)") and "99" in errors[2]
    assert "Row 6, column F" in response.content.decode()
    assert not Decision.objects.exists()
    assert not AuditEntry.objects.filter(action="consultations.decisions.imported").exists()


def test_a_comment_twice_in_the_file_is_an_error(client, national, consultation, undecided):
    workbook = _export(client, national, consultation)
    workbook["Tabela uwag"].append([1, "", "", "", "", "uwzględniona", "Raz jeszcze."])
    response = _upload(client, consultation, _fill(workbook, {1: ("uwzględniona", "Tak.")}))
    (error,) = response.context["errors"]
    assert error.startswith("Row 8, column A") and "5" in error
    assert not Decision.objects.exists()


def test_near_duplicates_must_get_the_same_position(client, national, consultation, undecided):
    services.group_merge(actor=national, comments=undecided[:2])
    content = _fill(
        _export(client, national, consultation),
        {1: ("uwzględniona", "Dodano warsztaty."), 2: ("nieuwzględniona", "Nie.")},
    )
    (error,) = _upload(client, consultation, content).context["errors"]
    assert error.startswith("Row 6, column F") and "row 5" in error
    assert not Decision.objects.exists()


def test_a_changed_answer_keeps_the_link_to_the_change(client, national, consultation, sample):
    decision = sample["comments"][0].decision
    decision.change_version = consultation.version
    decision.change_paths = ["field:weekdays"]
    decision.save()
    content = _fill(
        _export(client, national, consultation),
        {1: ("uwzględniona", "Zjazdy tylko w piątki i soboty.")},
    )
    assert _upload(client, consultation, content).status_code == 302
    decision.refresh_from_db()
    assert decision.reflection == "Zjazdy tylko w piątki i soboty."
    assert (decision.change_version, decision.change_paths) == (
        consultation.version,
        ["field:weekdays"],
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("uwagi.csv", b"Lp.;Stanowisko", "Choose an .xlsx file"),
        ("uwagi.xlsx", b"not a zip archive", "not an XLSX workbook"),
        ("uwagi.xlsx", b"0" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
    ],
)
def test_wrong_uploads_are_refused_and_not_kept(
    client, national, consultation, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    client.force_login(national)
    response = _upload(client, consultation, content, name=name)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert not settings.MEDIA_ROOT.exists()
    assert list(settings.FILE_UPLOAD_TEMP_DIR.iterdir()) == []


def test_a_workbook_without_the_table_is_refused(client, national, consultation):
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    client.force_login(national)
    (error,) = _upload(client, consultation, buffer.getvalue()).context["errors"]
    assert "Lp." in error


def test_the_import_form_explains_the_round_trip(client, national, consultation):
    client.force_login(national)
    response = client.get(reverse("consultations:round-import-decisions", args=[consultation.pk]))
    assert response.status_code == 200
    assert reverse("consultations:round-export-xlsx", args=[consultation.pk]) in (
        response.content.decode()
    )


def test_authors_export_but_do_not_import(client, expert, consultation, undecided):
    client.force_login(expert)
    url = reverse("consultations:round-import-decisions", args=[consultation.pk])
    assert client.get(url).status_code == 403
    xlsx = client.get(reverse("consultations:round-export-xlsx", args=[consultation.pk])).content
    content = _fill(load_workbook(io.BytesIO(xlsx)), {1: ("uwzględniona", "Tak.")})
    assert client.post(url, {"file": SimpleUploadedFile("t.xlsx", content)}).status_code == 403
    assert not Decision.objects.exists()


def test_too_many_rows_are_refused(client, national, consultation, undecided, monkeypatch):
    from akademia.consultations import decision_import

    monkeypatch.setattr(decision_import, "MAX_ROWS", 2)
    (error,) = _upload(
        client, consultation, _fill(_export(client, national, consultation), {})
    ).context["errors"]
    assert "more than 2 rows" in error


def test_a_long_run_of_empty_rows_ends_the_table(
    client, national, consultation, undecided, monkeypatch
):
    from akademia.core import tables

    monkeypatch.setattr(tables, "MAX_EMPTY_RUN", 2)
    workbook = _export(client, national, consultation)
    workbook["Tabela uwag"]["A12"] = "not read"  # after four empty rows
    response = _upload(client, consultation, _fill(workbook, {1: ("uwzględniona", "Tak.")}))
    assert response.status_code == 302
    assert Decision.objects.get().comment.number == 1


def test_the_probe_workbook_is_answered_not_walked(client, national, consultation):
    """Issue #9: the decision import reads through the shared bounded reader too, so a sheet
    declared as A1:XFD1048576 with 100 000 padded rows gets an answer instead of a timeout."""
    from akademia.core.tests.test_tables import probe_workbook

    client.force_login(national)
    (error,) = _upload(client, consultation, probe_workbook()).context["errors"]
    assert "no header row" in error
    assert not Decision.objects.exists()
