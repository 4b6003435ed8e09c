"""The TERC import: the real counts, idempotence, newer registers, and bad files."""

import pytest
from django.core.management import CommandError, call_command

from akademia.core.audit import SYSTEM
from akademia.territory.models import Commune, County, Jst, Voivodeship
from akademia.territory.services import BUNDLED_TERC, import_terc_file, register_import
from akademia.territory.terc import TercError, parse_terc

HEADER = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n"


def _snapshot():
    return (
        list(Voivodeship.objects.values_list("code", "name", "active")),
        list(County.objects.values_list("code", "name", "active")),
        list(Commune.objects.values_list("code", "name", "kind", "active")),
        list(Jst.objects.values_list("code", "name", "kind", "active")),
    )


def test_registry_holds_the_real_counts(db):
    assert (
        Jst.objects.filter(
            kind__in=["gmina_miejska", "gmina_wiejska", "gmina_miejsko_wiejska"]
        ).count()
        == 2477
    )
    assert Jst.objects.filter(kind__in=["powiat", "miasto_na_prawach_powiatu"]).count() == 380
    assert Jst.objects.filter(kind="miasto_na_prawach_powiatu").count() == 66
    assert Jst.objects.filter(kind="wojewodztwo").count() == 16


def test_kozieglowy_is_an_urban_rural_commune_of_powiat_myszkowski(db):
    jst = Jst.objects.select_related("county", "voivodeship").get(code="2409023")
    assert (jst.name, jst.kind, jst.county.name, jst.voivodeship.name) == (
        "Koziegłowy",
        "gmina_miejsko_wiejska",
        "myszkowski",
        "śląskie",
    )
    assert jst.exchange_group == "rural"
    assert jst.place.inner_lat == pytest.approx(50.6, abs=0.2)


def test_city_with_county_rights_is_two_jst(db):
    city = Jst.objects.get(code="2464011")  # Częstochowa, the commune
    county = Jst.objects.get(code="2464000")  # Częstochowa, the county
    assert (city.exchange_group, county.exchange_group) == ("urban", "county")


def test_command_prints_counts_and_a_second_import_changes_nothing(db, capsys):
    before = _snapshot()
    call_command("import_teryt", str(BUNDLED_TERC))
    out = capsys.readouterr().out
    assert "2477" in out and "380" in out and "16" in out
    assert "314" in out and "66" in out
    assert _snapshot() == before


def _bundled_text() -> str:
    return BUNDLED_TERC.read_text(encoding="utf-8")


def test_newer_register_renames_adds_and_deactivates_but_deletes_nothing(db, tmp_path, coordinator):
    text = _bundled_text()
    text = text.replace("24;09;02;3;Koziegłowy;", "24;09;02;3;Koziegłowy Nowe;")
    text = text.replace("10;02;01;1;Kutno;gmina miejska;2024-01-01\n", "")
    text += "24;09;09;2;Gmina Testowa;gmina wiejska;2025-01-01\n"
    path = tmp_path / "TERC_2025.csv"
    path.write_text(text, encoding="utf-8")

    summary = import_terc_file(path, actor=SYSTEM)

    assert Jst.objects.get(code="2409023").name == "Koziegłowy Nowe"
    assert Jst.objects.get(code="2409092").active
    kutno = Jst.objects.get(code="1002011")
    assert not kutno.active  # vanished from the register: kept, inactive
    assert summary.changes["communes"].added == 1
    assert summary.changes["communes"].deactivated == 1
    # The coordinator of Koziegłowy still points at the same unit.
    coordinator.refresh_from_db()
    assert coordinator.jst.name == "Koziegłowy Nowe"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("WOJ,POW,GMI\n02,,\n", "Wiersz 1: nagłówek"),
        (HEADER + "02;;;;DOLNOŚLĄSKIE;województwo;2024-01-01\n02;01;;;bolesławiecki\n", "Wiersz 3"),
        (
            HEADER + "02;;;;DOLNOŚLĄSKIE;województwo;2024-01-01\n2X;01;;;x;powiat;2024-01-01\n",
            "Wiersz 3: WOJ",
        ),
        (
            HEADER
            + "02;;;;DOLNOŚLĄSKIE;województwo;2024-01-01\n"
            + "02;01;;;bolesławiecki;powiat;2024-01-01\n"
            + "02;01;;;bolesławiecki;powiat;2024-01-01\n",
            "Wiersz 4: powtórzony kod 0201 (pierwsze wystąpienie w wierszu 3)",
        ),
        (HEADER + "02;01;01;7;X;gmina;2024-01-01\n", "nieznana wartość RODZ"),
        (HEADER + "02;;;;DOLNOŚLĄSKIE;województwo;01.01.2024\n", "Wiersz 2: STAN_NA"),
    ],
    ids=["header", "truncated", "invalid-code", "duplicate", "rodz", "date"],
)
def test_bad_file_names_the_line_and_changes_nothing(db, tmp_path, content, message):
    before = _snapshot()
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("import_teryt", str(path))
    assert message in str(raised.value)
    assert _snapshot() == before


def test_truncated_real_file_names_the_last_line(db, tmp_path):
    """A download cut off in the middle of a row."""
    text = _bundled_text()
    cut = text[: text.index("Koziegłowy") + 4]
    line = cut.count("\n") + 1
    with pytest.raises(TercError) as raised:
        parse_terc(cut.encode())
    assert any(problem.startswith(f"Wiersz {line}:") for problem in raised.value.problems)


def test_failure_while_writing_rolls_back_everything(db, monkeypatch):
    """All-or-nothing also when the database refuses half-way."""
    before = _snapshot()
    register = parse_terc(_bundled_text().replace("Koziegłowy", "Koziegłowy 2").encode())

    from akademia.territory import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_sync_jst", broken)
    with pytest.raises(RuntimeError):
        register_import(register, actor=SYSTEM)
    assert _snapshot() == before


def test_an_import_job_whose_worker_died_runs_again_from_the_kept_file(
    db, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    """The worker dies (kill -9) while saving, after it read the file: the new attempt still
    finds the upload, imports once, and only then deletes it."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from akademia.core.jobs import job_run, jobs_reap
    from akademia.core.models import Job, JobStatus
    from akademia.territory import jobs as territory_jobs
    from akademia.territory.models import RegisterImport

    class Killed(BaseException):
        """Stands for the end of the process: the test catches it, the handler must not."""

    def dies_while_saving(register, actor=None, **options):
        monkeypatch.setattr(territory_jobs, "register_import", register_import)
        # Frozen here; the reaper finds the heartbeat stale and the next worker runs the job.
        later = timezone.now() + timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT + 1)
        with django_capture_on_commit_callbacks(execute=True):
            assert jobs_reap(now=later) == 1
        raise Killed

    monkeypatch.setattr(territory_jobs, "register_import", dies_while_saving)
    imports = RegisterImport.objects.count()
    path = tmp_path / "terc-upload.csv"
    path.write_text(_bundled_text().replace("Koziegłowy", "Koziegłowy 2"), encoding="utf-8")
    job = Job.objects.create(
        kind="territory.import_register", label="x", params={"path": str(path)}
    )
    with pytest.raises(Killed):
        job_run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.attempt, job.error) == (JobStatus.SUCCEEDED, 2, "")
    assert Jst.objects.get(code="2409023").name == "Koziegłowy 2"
    assert RegisterImport.objects.count() == imports + 1
    assert not path.exists()


def test_an_import_job_without_its_file_fails_with_a_message(db, tmp_path):
    from akademia.core.jobs import job_run
    from akademia.core.models import Job, JobStatus

    job = Job.objects.create(
        kind="territory.import_register", label="x", params={"path": str(tmp_path / "gone.csv")}
    )
    job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Przesłany plik nie jest już dostępny; prześlij go ponownie."


def test_a_second_import_waits_for_the_running_one(client, national, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from akademia.core.models import Job

    settings.MEDIA_ROOT = tmp_path
    client.force_login(national)
    url = reverse("territory:register-import")

    def upload():
        data = BUNDLED_TERC.read_bytes()
        return client.post(url, {"file": SimpleUploadedFile("terc.csv", data, "text/csv")})

    preview = upload()["Location"]
    assert client.post(preview).status_code == 302  # nothing commits here: the job stays queued
    again = client.post(preview)  # a second click on "Apply"
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    response = upload()  # or a new upload meanwhile
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Job.objects.filter(kind="territory.import_register").count() == 1
