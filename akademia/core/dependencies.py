"""The locked dependencies, checked against a vendored advisory snapshot (works offline).

`requirements/lock.txt` pins every package. `requirements/advisories.json` holds the advisories
of the PyPA advisory database (github.com/pypa/advisory-database, the OSV records PyPI itself
serves) for every locked package, all versions. `akademia audit_dependencies` reads only that
file, so CI needs no network; `--refresh` rebuilds it from the database's archive (online, or a
local copy) and rewrites the SBOM `requirements/sbom.cdx.json` (CycloneDX 1.5, the lock's pins).

The audit fails when a locked package is not covered by the snapshot (added since the refresh),
when it checked nothing, when a locked version falls in an advisory's affected range and the
advisory is not accepted with a reason in `requirements/advisories-accepted.json`, or when the
SBOM does not list exactly the locked packages.
"""

import datetime as dt
import io
import json
import re
import urllib.request
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "lock.txt"
SNAPSHOT = ROOT / "requirements" / "advisories.json"
ACCEPTED = ROOT / "requirements" / "advisories-accepted.json"
SBOM = ROOT / "requirements" / "sbom.cdx.json"
ARCHIVE = "https://github.com/pypa/advisory-database/archive/refs/heads/main.zip"
REFRESH = "run `akademia audit_dependencies --refresh`"

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")


def locked() -> dict[str, str]:
    """Every `name==version` line of the lock, by canonical name."""
    pins = {}
    for line in LOCK.read_text().splitlines():
        if match := _PIN.match(line.strip()):
            pins[canonicalize_name(match[1])] = match[2]
    return pins


# The audit (offline) ----------------------------------------------------------------------------


@dataclass
class Audit:
    checked: int = 0
    advisories: int = 0
    vulnerable: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    data_until: str = ""

    @property
    def ok(self) -> bool:
        return self.checked > 0 and not self.vulnerable and not self.problems


def audit(pins: dict[str, str] | None = None) -> Audit:
    """Checks the locked versions against the snapshot's advisories, and the SBOM."""
    pins = locked() if pins is None else pins
    result = Audit()
    if not SNAPSHOT.exists():
        result.problems.append(f"{SNAPSHOT.name} is missing: {REFRESH}")
        return result
    snapshot = json.loads(SNAPSHOT.read_text())
    result.data_until = snapshot["data_until"]
    covered = set(snapshot["packages"])
    accepted = _accepted()
    by_package: dict[str, list[dict]] = {}
    for advisory in snapshot["advisories"]:
        by_package.setdefault(advisory["package"], []).append(advisory)
    for name, version in sorted(pins.items()):
        if name not in covered:
            result.problems.append(f"{name} is not covered by the snapshot: {REFRESH}")
            continue
        result.checked += 1
        for advisory in by_package.get(name, []):
            result.advisories += 1
            if affects(advisory, version):
                label = f"{name}=={version}: {advisory['id']} {' '.join(advisory['aliases'])}"
                (result.accepted if advisory["id"] in accepted else result.vulnerable).append(label)
    result.problems += sbom_problems(pins)
    return result


def affects(advisory: dict, version: str) -> bool:
    """Whether a version lies in an OSV advisory's affected versions or ECOSYSTEM ranges."""
    if version in advisory["versions"]:
        return True
    try:
        current = Version(version)
    except InvalidVersion:
        return False
    return any(_in_range(current, events) for events in advisory["ranges"])


def _in_range(current: Version, events: list[dict]) -> bool:
    # OSV's rule: walk the events in version order; "introduced" opens, "fixed" (exclusive) and
    # "last_affected" (inclusive) close. "0" is the start of all versions.
    def key(event):
        value = next(iter(event.values()))
        return Version("0") if value == "0" else Version(value)

    affected = False
    for event in sorted(events, key=key):
        kind, value = next(iter(event.items()))
        point = key(event)
        if kind == "introduced" and current >= point:
            affected = True
        elif (kind == "fixed" and current >= point) or (
            kind == "last_affected" and current > point
        ):
            affected = False
    return affected


def _accepted() -> dict[str, str]:
    """Advisory ids judged not to apply here, each with the reason (reviewed like code)."""
    if not ACCEPTED.exists():
        return {}
    return {item["id"]: item["reason"] for item in json.loads(ACCEPTED.read_text())}


def sbom_problems(pins: dict[str, str]) -> list[str]:
    if not SBOM.exists():
        return [f"{SBOM.name} is missing: {REFRESH}"]
    components = json.loads(SBOM.read_text()).get("components", [])
    listed = {canonicalize_name(c["name"]): c["version"] for c in components}
    return (
        [] if listed == pins else [f"the SBOM does not list exactly the locked packages: {REFRESH}"]
    )


# The refresh (online, or from a local copy of the database) -------------------------------------


def refresh(source: str = ARCHIVE) -> dict:
    """Rebuilds the snapshot from the advisory database's zip (a URL or a file) and the SBOM."""
    if source.startswith("https://"):
        with urllib.request.urlopen(source, timeout=120) as answer:  # noqa: S310 (a fixed https URL)
            data = answer.read()
    else:
        data = Path(source).read_bytes()
    pins = locked()
    advisories = list(_advisories(zipfile.ZipFile(io.BytesIO(data)), set(pins)))
    snapshot = {
        "source": source if source.startswith("https://") else Path(source).name,
        "data_until": max((a.pop("modified") for a in advisories), default=""),
        "packages": sorted(pins),
        "advisories": sorted(advisories, key=lambda a: (a["package"], a["id"])),
    }
    SNAPSHOT.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n")
    SBOM.write_text(json.dumps(sbom(pins), indent=1) + "\n")
    return snapshot


def _advisories(archive: zipfile.ZipFile, names: set[str]):
    import yaml  # a development dependency: only the refresh reads the database's YAML

    for path in archive.namelist():
        parts = path.split("/")
        if len(parts) < 3 or parts[-3] != "vulns" or not path.endswith(".yaml"):
            continue
        package = canonicalize_name(parts[-2])
        if package not in names:
            continue
        record = yaml.safe_load(archive.read(path))
        if record.get("withdrawn"):
            continue
        for affected in record.get("affected", []):
            if canonicalize_name(affected["package"]["name"]) != package:
                continue
            yield {
                "id": record["id"],
                "aliases": record.get("aliases", []),
                "package": package,
                "summary": (record.get("summary") or record.get("details", ""))[:200],
                "modified": str(record.get("modified", "")),
                "ranges": [
                    r["events"] for r in affected.get("ranges", []) if r["type"] == "ECOSYSTEM"
                ],
                "versions": [str(v) for v in affected.get("versions", [])],
            }


def sbom(pins: dict[str, str]) -> dict:
    """A CycloneDX 1.5 bill of materials of the locked packages (the platform's dependencies)."""
    components = [
        {
            "type": "library",
            "bom-ref": f"pkg:pypi/{name}@{version}",
            "name": name,
            "version": version,
            "purl": f"pkg:pypi/{name}@{version}",
        }
        for name, version in sorted(pins.items())
    ]
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "serialNumber": uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(pins, sort_keys=True)).urn,
        "version": 1,
        "metadata": {
            "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "component": {"type": "application", "name": "akademia", "bom-ref": "akademia"},
        },
        "components": components,
        "dependencies": [{"ref": "akademia", "dependsOn": [c["bom-ref"] for c in components]}],
    }
