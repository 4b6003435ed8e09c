"""The dependency audit checks every locked package, offline, and fails when it should."""

import json

import pytest
from django.core.management import CommandError, call_command

from akademia.core import dependencies


def test_every_locked_package_is_checked_against_the_vendored_snapshot():
    pins = dependencies.locked()
    result = dependencies.audit()
    assert len(pins) > 50
    assert result.checked == len(pins), result.problems
    assert result.advisories > 0
    assert result.ok, result.vulnerable + result.problems


def test_the_sbom_lists_exactly_the_locked_packages():
    sbom = json.loads(dependencies.SBOM.read_text())
    assert sbom["bomFormat"] == "CycloneDX"
    listed = {c["name"]: c["version"] for c in sbom["components"]}
    assert listed == dependencies.locked()
    assert all(c["purl"] == f"pkg:pypi/{c['name']}@{c['version']}" for c in sbom["components"])


def test_an_old_django_is_found_vulnerable():
    pins = {**dependencies.locked(), "django": "4.2.14"}
    result = dependencies.audit(pins)
    assert not result.ok
    assert any("django==4.2.14: PYSEC-2024-70" in line for line in result.vulnerable)


def test_a_package_added_to_the_lock_after_the_refresh_fails_the_audit():
    result = dependencies.audit({**dependencies.locked(), "left-pad": "1.0"})
    assert any(p.startswith("left-pad is not covered") for p in result.problems)
    assert not result.ok


def test_an_audit_that_checked_nothing_fails():
    assert not dependencies.audit({}).ok


def test_an_advisory_accepted_with_a_reason_does_not_fail_the_audit(tmp_path, monkeypatch):
    accepted = tmp_path / "accepted.json"
    accepted.write_text(json.dumps([{"id": "PYSEC-2024-70", "reason": "no JSONField values()"}]))
    monkeypatch.setattr(dependencies, "ACCEPTED", accepted)
    monkeypatch.setattr(dependencies, "sbom_problems", lambda pins: [])
    result = dependencies.audit({"django": "4.2.14"})
    assert any("PYSEC-2024-70" in line for line in result.accepted)
    assert not any("PYSEC-2024-70" in line for line in result.vulnerable)


@pytest.mark.parametrize(
    ("version", "affected"),
    [
        ("4.1.9", False),
        ("4.2", True),
        ("4.2.14", True),
        ("4.2.15", False),
        ("5.0.7", True),
        ("5.1", False),
    ],
)
def test_osv_ranges_open_at_introduced_and_close_at_fixed(version, affected):
    advisory = {
        "versions": [],
        "ranges": [
            [{"introduced": "5.0"}, {"fixed": "5.0.8"}, {"introduced": "4.2"}, {"fixed": "4.2.15"}]
        ],
    }
    assert dependencies.affects(advisory, version) is affected


def test_last_affected_is_inclusive_and_zero_is_the_start():
    advisory = {"versions": [], "ranges": [[{"introduced": "0"}, {"last_affected": "1.2"}]]}
    assert dependencies.affects(advisory, "0.1")
    assert dependencies.affects(advisory, "1.2")
    assert not dependencies.affects(advisory, "1.2.1")


def test_the_command_says_how_many_packages_it_checked(capsys):
    call_command("audit_dependencies")
    out = capsys.readouterr().out
    assert f"Checked {len(dependencies.locked())} locked packages" in out


def test_the_command_fails_on_a_stale_snapshot(tmp_path, monkeypatch):
    lock = tmp_path / "lock.txt"
    lock.write_text(dependencies.LOCK.read_text() + "left-pad==1.0\n")
    monkeypatch.setattr(dependencies, "LOCK", lock)
    with pytest.raises(CommandError):
        call_command("audit_dependencies")
