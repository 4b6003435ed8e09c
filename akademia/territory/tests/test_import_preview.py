"""A partial TERC file must not empty the registry (issue #9, item 4).

The probe uploaded the header and 59 lines of the register: it was accepted and active JST went
from 2873 to 47. Now the change set is computed first and shown on a preview page; a file that
would make more than 5% of a level's units inactive is refused by the service unless an operator
explicitly confirms the counts (on the page, or with --allow-mass-deactivation in the shell).
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry, Job, JobStatus
from akademia.territory import selectors
from akademia.territory.models import Jst
from akademia.territory.services import BUNDLED_TERC, register_import
from akademia.territory.terc import parse_terc

ACTIVE_JST = 2873  # 16 voivodeships + 380 county-level units + 2477 communes


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    settings.LANGUAGE_CODE = "en"


def _partial_file() -> bytes:
    """The header and the first 59 lines of the real register: a valid file on its own."""
    lines = BUNDLED_TERC.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[:60]).encode()


def _active() -> int:
    return Jst.objects.filter(active=True).count()


def _upload(client, content: bytes):
    upload = io.BytesIO(content)
    upload.name = "TERC.csv"
    return client.post(reverse("territory:register-import"), {"file": upload})


def test_the_partial_file_is_a_valid_register_that_would_deactivate_most_units(db):
    changes = selectors.register_changes(parse_terc(_partial_file()))
    assert changes.jst.active_before == ACTIVE_JST
    assert changes.jst.active_after == 47
    assert len(changes.jst.deactivated) == ACTIVE_JST - 47
    assert changes.mass_deactivation


def test_the_service_refuses_a_mass_deactivation_and_changes_nothing(db):
    audited = AuditEntry.objects.filter(action="territory.register.imported").count()
    refusal = f"This file would make 2826 of {ACTIVE_JST} active units inactive"
    with pytest.raises(DomainError, match=refusal):
        register_import(parse_terc(_partial_file()), actor=SYSTEM)
    assert _active() == ACTIVE_JST
    assert AuditEntry.objects.filter(action="territory.register.imported").count() == audited


def test_the_command_refuses_without_the_flag(db, tmp_path):
    path = tmp_path / "TERC_partial.csv"
    path.write_bytes(_partial_file())
    with pytest.raises(CommandError) as refused:
        call_command("import_teryt", str(path))
    assert "--allow-mass-deactivation" in str(refused.value)
    assert _active() == ACTIVE_JST


def test_the_command_applies_with_the_flag_and_audits(db, tmp_path):
    path = tmp_path / "TERC_partial.csv"
    path.write_bytes(_partial_file())
    call_command("import_teryt", str(path), "--allow-mass-deactivation")
    assert _active() == 47
    entry = AuditEntry.objects.filter(action="territory.register.imported").latest("pk")
    assert entry.data["mass_deactivation_confirmed"] is True


def test_upload_shows_the_preview_and_changes_nothing(client, national):
    client.force_login(national)
    response = _upload(client, _partial_file())
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "2826" in html and "47" in html  # made inactive, active after
    assert "Bolesławiec" in html or "(0" in html  # a sample of the names
    assert "I have checked the file: make 2826 of 2873 active JST inactive." in html
    assert _active() == ACTIVE_JST
    assert not Job.objects.exists()


def test_applying_without_the_confirmation_is_refused(client, national):
    client.force_login(national)
    preview_url = _upload(client, _partial_file())["Location"]
    response = client.post(preview_url, {})
    assert response.status_code == 200
    assert "tick the box to confirm" in response.content.decode()
    assert not Job.objects.exists()
    assert _active() == ACTIVE_JST


def test_applying_with_the_confirmation_imports(
    client, national, django_capture_on_commit_callbacks
):
    client.force_login(national)
    preview_url = _upload(client, _partial_file())["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(preview_url, {"confirm_mass_deactivation": "on"})
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED  # tasks run inline in tests
    assert _active() == 47
    # The upload is gone once applied: the preview cannot be applied twice.
    assert client.get(preview_url).status_code == 404


def test_an_ordinary_newer_register_needs_no_confirmation(
    client, national, django_capture_on_commit_callbacks
):
    text = BUNDLED_TERC.read_text(encoding="utf-8")
    text = text.replace("24;09;02;3;Koziegłowy;", "24;09;02;3;Koziegłowy Nowe;")
    text = text.replace("10;02;01;1;Kutno;gmina miejska;2024-01-01\n", "")
    client.force_login(national)
    preview_url = _upload(client, text.encode())["Location"]
    html = client.get(preview_url).content.decode()
    assert "Koziegłowy → Koziegłowy Nowe (2409023)" in html
    assert "Kutno (1002011)" in html
    assert "I have checked the file" not in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(preview_url, {})
    assert Job.objects.get().status == JobStatus.SUCCEEDED
    assert _active() == ACTIVE_JST - 1
    assert Jst.objects.get(code="2409023").name == "Koziegłowy Nowe"


def test_a_bad_file_is_reported_on_the_upload_form_and_not_kept(client, national):
    client.force_login(national)
    response = _upload(client, b"WOJ,POW\n02,\n")
    assert response.status_code == 200
    assert "Line 1: the header must be" in response.content.decode()
    assert _active() == ACTIVE_JST


def test_the_preview_is_for_national_operators(client, regional, national):
    client.force_login(national)
    preview_url = _upload(client, _partial_file())["Location"]
    client.force_login(regional)
    assert client.get(preview_url).status_code == 403
    assert client.post(preview_url, {"confirm_mass_deactivation": "on"}).status_code == 403
    assert _active() == ACTIVE_JST
