"""An import killed halfway and run again ends identical to one never interrupted (issue #16).

Real processes, own SQLite files: one database is migrated and copied. Into the first, the
TERC register is imported once. Into the second, an import is killed with SIGKILL halfway
(after the voivodeships, counties and communes are written, before the JST: the process says
so through a file, then waits for its end), then `akademia import_teryt` runs again. The
registry's tables are dumped by their natural keys (TERYT codes; row ids and timestamps
aside) and must be equal. The import is one transaction, so the killed one left nothing.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

from django.conf import settings

ROOT = settings.BASE_DIR.parent
SETUP = "import django; django.setup()\n"

DUMP = """
import json
from django.db import models
from akademia.territory import models as territory

def key(obj):
    return getattr(obj, "code", None) or str(obj)

out = {}
for model in (territory.Voivodeship, territory.County, territory.Commune, territory.Jst,
              territory.RegisterImport):
    rows = []
    for obj in model.objects.all():
        row = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or getattr(field, "auto_now_add", False) or getattr(
                field, "auto_now", False
            ):
                continue
            if field.is_relation:
                related = getattr(obj, field.name)
                row[field.name] = key(related) if related is not None else None
            else:
                row[field.name] = str(getattr(obj, field.attname))
        rows.append(json.dumps(row, sort_keys=True))
    out[model._meta.label] = sorted(rows)
print(json.dumps(out))
"""

# The import of the bundled register, stopped before its last step until it is killed.
HALFWAY = """
import time
from pathlib import Path
from akademia.core.audit import SYSTEM
from akademia.territory import services

sync_jst = services._sync_jst

def halfway(*args, **kwargs):
    Path({flag!r}).write_text("halfway")
    time.sleep(600)  # killed here
    return sync_jst(*args, **kwargs)

services._sync_jst = halfway
services.import_terc_file(services.BUNDLED_TERC, actor=SYSTEM)
"""


def _env(database) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k not in {"TASKS_BACKEND", "DATABASE_URL"}},
        "DJANGO_SETTINGS_MODULE": "akademia.config.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "VAR_DIR": str(database.parent),
        "TESTING": "0",
        "DEBUG": "0",
    }


def _python(env, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SETUP + code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _import(env) -> None:
    _python(env, "from django.core.management import call_command\ncall_command('import_teryt')")


def test_an_import_killed_halfway_and_run_again_ends_as_if_never_interrupted(tmp_path):
    (tmp_path / "whole").mkdir()
    (tmp_path / "killed").mkdir()
    whole, killed = tmp_path / "whole" / "db.sqlite3", tmp_path / "killed" / "db.sqlite3"
    _python(
        _env(whole),
        "from django.core.management import call_command\ncall_command('migrate', verbosity=0)",
    )
    shutil.copy(whole, killed)
    empty = json.loads(_python(_env(killed), DUMP))

    _import(_env(whole))

    flag = tmp_path / "halfway"
    process = subprocess.Popen(
        [sys.executable, "-c", SETUP + HALFWAY.format(flag=str(flag))],
        env=_env(killed),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(3000):  # a bound for a loaded machine, not a timing assertion
            if flag.exists():
                break
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.1)
        assert flag.exists(), "the import never reached its halfway point"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    # Killed inside its transaction: nothing of it is left.
    assert json.loads(_python(_env(killed), DUMP)) == empty

    _import(_env(killed))
    after = json.loads(_python(_env(killed), DUMP))
    expected = json.loads(_python(_env(whole), DUMP))
    assert after == expected
    assert len(after["territory.Jst"]) > 2800  # the whole register, not an empty match
