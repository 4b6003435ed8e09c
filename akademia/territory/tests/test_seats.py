"""County seats (siedziby powiatów) loaded by import_geo from data/siedziby_powiatow.csv."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from akademia.territory.models import County
from akademia.territory.services import DATA_DIR


def _seats():
    return dict(County.objects.values_list("code", "seat__code"))


@pytest.mark.parametrize(
    ("county", "seat"),
    [
        ("2401", "Będzin"),  # powiat będziński
        ("2402", "Bielsko-Biała"),  # powiat bielski (śląskie): the city outside it
        ("2003", "Bielsk Podlaski"),  # powiat bielski (podlaskie)
        ("3215", "Szczecinek"),  # not Szczecin
        ("1432", "Ożarów Mazowiecki"),  # warszawski zachodni, an exception of the script
        ("2461", "Bielsko-Biała"),  # a city with county rights is its own seat
    ],
)
def test_county_seat(db, county, seat):
    assert County.objects.select_related("seat").get(code=county).seat.name == seat


def test_every_county_level_unit_has_a_seat_with_a_position(db):
    assert County.objects.count() == 380
    assert not County.objects.filter(seat=None).exists()
    assert not County.objects.filter(seat__inner_lat=None).exists()


def test_second_import_changes_no_seat(db, capsys):
    before = _seats()
    call_command("import_geo")
    assert "380" in capsys.readouterr().out
    assert _seats() == before


def test_seat_outside_the_voivodeship_stops_the_import(db, tmp_path):
    for path in DATA_DIR.glob("*.*json"):
        (tmp_path / path.name).symlink_to(path)
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path)
    seats_csv = tmp_path / "siedziby_powiatow.csv"
    text = seats_csv.read_text(encoding="utf-8")
    seats_csv.write_text(text.replace("2401,będziński,2401011", "2401,będziński,1002011"))
    # A position that the import would change before it reaches the seats.
    gminy = tmp_path / "gminy.csv"
    gminy.write_text(gminy.read_text(encoding="utf-8").replace("50.3378,19.1291", "50.0,19.0"))
    before = _seats()

    with pytest.raises(CommandError) as raised:
        call_command("import_geo", str(tmp_path))

    assert "1002011" in str(raised.value) and "2401" in str(raised.value)
    assert _seats() == before
    assert County.objects.get(code="2401").seat.inner_lat == pytest.approx(50.3378)


def test_geo_import_writes_and_audits_only_what_changed(db):
    from akademia.core.audit import SYSTEM
    from akademia.core.models import AuditEntry
    from akademia.territory.models import Commune
    from akademia.territory.services import geo_import

    entries = AuditEntry.objects.filter(action="territory.geo.imported")
    loaded = set(entries.values_list("pk", flat=True))  # by the first import (the test set-up)
    assert geo_import(actor=SYSTEM)["gminy"] == 2477
    assert set(entries.values_list("pk", flat=True)) == loaded

    Commune.objects.filter(code="2409023").update(inner_lat=None)  # Koziegłowy lost its point
    geo_import(actor=SYSTEM)
    [entry] = entries.exclude(pk__in=loaded)
    assert (entry.voivodeship_code, entry.data) == ("24", {"commune": 1})
    assert Commune.objects.get(code="2409023").inner_lat is not None


def test_only_a_national_operator_uploads_a_register(regional, national):
    from akademia.core.errors import DomainError
    from akademia.territory.services import register_upload_path, register_upload_save

    with pytest.raises(DomainError, match="Nie masz uprawnień do wykonania tej czynności"):
        register_upload_save(actor=regional, chunks=[b"x"])
    token = register_upload_save(actor=national, chunks=[b"WOJ;", b"POW\n"])
    assert register_upload_path(token).read_bytes() == b"WOJ;POW\n"
