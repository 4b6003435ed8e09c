"""`akademia backup` and `akademia restore`: the whole platform in one file, and back.

A backup is a .tar.gz holding `manifest.json` (when, from which database, the row count of every
model, the migrations applied), `data.json` (Django's `dumpdata` of every model but the ones
the platform rebuilds: content types, permissions, sessions, the task queue, login attempts)
and `media/` (the stored files: signed letters, task answers). The same file restores into
SQLite or PostgreSQL, whichever `DATABASE_URL` names: `restore` migrates the empty database,
loads the data in one transaction (rows the data migrations seeded, such as the thematic
blocks, are the same rows in both and take the backup's values; `loaddata` resets the
sequences), puts the files back and checks every model's count against the manifest. It
refuses a database that already holds accounts, so a restore never mixes two platforms.

For a large PostgreSQL database, `pg_dump` is the faster tool; this one is the same for both
engines and checks what it restored.
"""

import datetime as dt
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
# Rebuilt by the platform itself (migrate, sign-in, the queue), so not carried over.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes", "django_tasks_database")


class RestoreRefused(Exception):
    """The restore cannot go on; the message says why (in English, for an administrator)."""


def _models():
    for model in apps.get_models():
        label = model._meta.label_lower
        if not any(label == e or label.startswith(f"{e}.") for e in EXCLUDED):
            yield model


def counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in _models()}


def backup(path: Path) -> dict:
    """Writes the backup file; returns its manifest."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        *[f"--exclude={e}" for e in EXCLUDED],
        "--natural-foreign",
        stdout=data,
    )
    manifest = {
        "format": FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "counts": counts(),
        "migrations": sorted(MigrationRecorder.Migration.objects.values_list("app", "name")),
    }
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "w:gz") as archive:
        _add(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
        _add(archive, "data.json", data.getvalue().encode())
        if media.exists():
            archive.add(media, arcname="media")
    return manifest


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def restore(path: Path) -> dict:
    """Restores a backup into this empty database and the media folder; returns the manifest."""
    call_command("migrate", verbosity=0)
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    if user_model.objects.exists():
        raise RestoreRefused("the database already holds accounts: restore into an empty one")
    with tempfile.TemporaryDirectory() as folder, tarfile.open(path, "r:gz") as archive:
        archive.extractall(folder, filter="data")
        manifest = json.loads(Path(folder, "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise RestoreRefused(f"unknown backup format {manifest.get('format')!r}")
        with transaction.atomic():
            call_command("loaddata", str(Path(folder, "data.json")), verbosity=0)
            restored = counts()
            missing = {
                label: (count, restored.get(label))
                for label, count in manifest["counts"].items()
                if restored.get(label) != count
            }
            if missing:
                raise RestoreRefused(f"row counts differ after loading: {missing}")
        media = Path(folder, "media")
        if media.exists():
            _copy_tree(media, Path(settings.MEDIA_ROOT))
    return manifest


def _copy_tree(source: Path, target: Path) -> None:
    for item in source.rglob("*"):
        destination = target / item.relative_to(source)
        if item.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(item.read_bytes())
