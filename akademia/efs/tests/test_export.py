"""The SM EFS files: the golden files fix the columns, their order, the date format and the
dictionary values; the views stream them to the project's operators only, audited."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akademia.core.models import AuditEntry
from akademia.efs import services, smefs
from akademia.efs.models import InstitutionData, MonitoringData, ProjectNumber
from akademia.efs.smefs import InstitutionRow, PersonRow, Place
from akademia.efs.tests.factories import PESEL_WOMAN, answers

GOLDEN = Path(__file__).parent / "golden"
PLACE = Place(voivodeship="śląskie", county="myszkowski", commune="Koziegłowy")


def _data(**values) -> MonitoringData:
    base = {
        "citizenship": "pl",
        "pesel": PESEL_WOMAN,
        "sex": "female",
        "birth_date": dt.date(1985, 3, 14),
        "education": "isced5-8",
        "labour_status": "local_government",
        "locality": "Koziegłowy",
        "postal_code": "42-350",
        "degurba": "3",
        "phone": "600100200",
        "foreign_origin": "no",
        "third_country": "no",
        "minority": "refused",
        "homeless": "no",
        "disability": "yes",
    }
    return MonitoringData(**(base | values))


def _people() -> list[PersonRow]:
    started = dt.date(2026, 3, 16)
    return [
        # Completed (a certificate): the end date and "Tak" for the planned path.
        PersonRow(
            7,
            "Anna Maria Kowalska",
            "anna@example.org",
            started,
            dt.date(2026, 6, 20),
            True,
            _data(end_situation="employed"),
            PLACE,
        ),
        # Without a PESEL: a foreigner, a man; still taking part.
        PersonRow(
            8,
            "Jan Nowak-Zieliński",
            "jan@example.org",
            started,
            None,
            None,
            _data(
                pesel="",
                no_pesel_reason="foreigner",
                sex="male",
                birth_date=dt.date(1990, 12, 1),
                citizenship="eu",
                education="isced3-4",
                labour_status="government",
                degurba="1",
                foreign_origin="yes",
                third_country="refused",
            ),
            PLACE,
        ),
        # Left early without giving the situation at the end, and no data at all.
        PersonRow(
            9,
            "Ewa Lis",
            "ewa@example.org",
            started,
            dt.date(2026, 4, 2),
            False,
            None,
            None,
            ("data",),
        ),
    ]


def _units() -> list[InstitutionRow]:
    data = InstitutionData(
        nip="5771947214",
        street="ul. Stawowa",
        building="5",
        unit="",
        postal_code="42-350",
        locality="Koziegłowy",
        degurba="3",
        phone="343143040",
        email="gmina@example.org",
    )
    return [
        InstitutionRow("2409023", "Koziegłowy", PLACE, dt.date(2026, 3, 16), None, data),
        InstitutionRow(
            "2402022",
            "Bestwina",
            Place("śląskie", "bielski", "Bestwina"),
            dt.date(2026, 3, 16),
            dt.date(2026, 6, 20),
            None,
            ("institution",),
        ),
    ]


def _project_number() -> ProjectNumber:
    # An example of a call's dictionary value; each call has its own.
    return ProjectNumber(number="FERS.04.01-IP.04-0001/24", support_scope="Szkolenia kadr JST")


def _file(header, rows) -> str:
    return "".join(smefs.csv_lines(header, rows))


@pytest.mark.parametrize(
    ("name", "header", "rows"),
    [
        (
            "uczestnicy.csv",
            smefs.PARTICIPANT_COLUMNS,
            lambda: [smefs.participant_row(_project_number(), p) for p in _people()],
        ),
        (
            "instytucje.csv",
            smefs.INSTITUTION_COLUMNS,
            lambda: [smefs.institution_row("FERS.04.01-IP.04-0001/24", u) for u in _units()],
        ),
    ],
)
def test_the_files_match_their_golden_files(name, header, rows):
    made = _file(header, rows())
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(made.encode("utf-8"))
    assert made.encode("utf-8") == path.read_bytes(), f"{name} differs from its golden file"


def test_the_golden_participant_file_reads_back_as_the_import_expects():
    import csv

    text = (GOLDEN / "uczestnicy.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(text[1:].splitlines(), delimiter=";"))
    assert len(rows[0]) == 43 and all(len(r) == 43 for r in rows)
    assert rows[0][24] == rows[0][30] == "w tym"  # the two details, as SM EFS names them
    anna = dict(zip(range(43), rows[1], strict=True))
    assert (anna[4], anna[5], anna[6], anna[7]) == ("Anna Maria", "Kowalska", PESEL_WOMAN, "Nie")
    assert (anna[9], anna[10], anna[11]) == ("Kobieta", "41", "Wyższe (ISCED 5–8)")
    assert (anna[21], anna[22], anna[27]) == ("2026-03-16", "2026-06-20", "Tak")
    assert anna[35] == "Odmowa podania informacji" and anna[37] == "Tak"
    assert rows[3][42].startswith("BRAK DANYCH") and rows[3][27] == "Nie"


def test_a_cell_that_would_be_a_formula_is_text():
    (line,) = list(smefs.csv_lines(["a"], [["=HYPERLINK(1)"]]))[1:]
    assert line == "'=HYPERLINK(1)\r\n"


# The views ----------------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    import csv

    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(body[1:].splitlines(), delimiter=";"))


def test_the_regional_operator_downloads_the_projects_file(client, group, person, regional):
    services.monitoring_data_save(actor=person.user, participation=person, answers=answers())
    services.project_number_save(actor=regional, project=group.project, number="FERS.04.01-1/24")
    client.force_login(regional)
    response = client.get(reverse("efs:participants-csv", args=[group.project_id]))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    rows = _csv(response)
    assert tuple(rows[0]) == smefs.PARTICIPANT_COLUMNS
    people = group.participants.values("user_id").distinct().count()
    assert len(rows) == 1 + people  # nobody dropped
    given = next(r for r in rows[1:] if r[6] == PESEL_WOMAN)
    assert given[9] == "Kobieta" and given[29] == "krajowe szkolenie/kurs"
    missing = [r for r in rows[1:] if r[6] != PESEL_WOMAN]
    assert all("dane uczestnika do SM EFS" in r[42] for r in missing)
    entry = AuditEntry.objects.get(action="efs.participants.exported")
    assert entry.actor == regional and entry.data["people"] == people
    assert entry.data["incomplete"] == people - 1


def test_the_institution_file_lists_each_jst(client, group, regional, coordinator):
    from akademia.territory.models import Jst

    services.institution_data_save(
        actor=coordinator,
        jst=Jst.objects.get(code="2409023"),
        values={
            "nip": "577-194-72-14",
            "street": "ul. Stawowa",
            "building": "5",
            "unit": "",
            "postal_code": "42-350",
            "locality": "Koziegłowy",
            "degurba": "3",
            "phone": "34 314 30 40",
            "email": "gmina@example.org",
        },
    )
    client.force_login(regional)
    rows = _csv(client.get(reverse("efs:institutions-csv", args=[group.project_id])))
    assert tuple(rows[0]) == smefs.INSTITUTION_COLUMNS
    by_name = {r[2]: r for r in rows[1:]}
    assert set(by_name) == {"Koziegłowy", "Bestwina"}
    assert by_name["Koziegłowy"][3] == "5771947214"
    # No number given yet: every row says so; only Bestwina lacks its NIP and address.
    assert by_name["Koziegłowy"][25] == "BRAK DANYCH: numer projektu"
    assert by_name["Bestwina"][25].startswith("BRAK DANYCH")
    assert AuditEntry.objects.filter(action="efs.institutions.exported", actor=regional).exists()


def test_only_the_projects_operators_get_the_files(
    client, group, regional_other, coordinator, national
):
    url = reverse("efs:participants-csv", args=[group.project_id])
    client.force_login(regional_other)
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 403
    client.force_login(national)
    assert client.get(url).status_code == 200
    assert not AuditEntry.objects.filter(actor=regional_other).exists()


def _queries(client, user, project_id) -> int:
    client.force_login(user)
    url = reverse("efs:participants-csv", args=[project_id])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        b"".join(response.streaming_content)
    return len(queries)


def test_the_export_takes_the_same_queries_for_more_people(
    client, national, regional, expert, trainer
):
    from akademia.delivery.tests.factories import training

    small = training(national, regional, expert, trainer, codes=["2409023"], size=2)
    large = training(national, regional, expert, trainer, codes=["2402022", "2407022"], size=5)
    for group in (small, large):
        for person in group.participants.all()[:2]:
            services.monitoring_data_save(
                actor=person.user, participation=person, answers=answers()
            )
    assert _queries(client, regional, small.project_id) == _queries(
        client, regional, large.project_id
    )
