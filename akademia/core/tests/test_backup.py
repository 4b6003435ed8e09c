"""`akademia backup` then `akademia restore` into an empty database gives the same data and files.

Real processes on fresh SQLite files (the suite's own database is made without migrations, and
a restore migrates): one migrates and makes a platform with accounts, a call, an application
with its signed letter and the audit trail, and writes the backup; another restores it into a
new database and media folder; then every model's rows are compared, and the letter's bytes.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SETUP = "import django\ndjango.setup()\n"

MAKE = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
from akademia.territory.tests.factories import load_registry
load_registry()
from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.recruitment import services
from akademia.recruitment.tests.factories import complete, make_version, open_call
national = make_user("krajowy@test.example.org", Role.NATIONAL_OPERATOR)
expert = make_user("ekspert@test.example.org", Role.EXPERT)
project = services.project_create(actor=national, name="Pilotaż", target_jst=30, target_people=90)
call = open_call(national, project, make_version(expert, national))
complete(national, call, "2409023", verify=True)
call_command("backup", BACKUP)
"""

RESTORE = "from django.core.management import call_command\ncall_command('restore', {backup!r})"

COUNTS = """
import json
from akademia.core.backup import counts
from akademia.recruitment.models import Application
letter = Application.objects.get().letter
print(json.dumps({"counts": counts(), "letter": letter.read().hex()}))
"""


def _env(tmp_path: Path, name: str) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k not in {"TASKS_BACKEND", "DATABASE_URL"}},
        "DJANGO_SETTINGS_MODULE": "akademia.config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3",
        "VAR_DIR": str(tmp_path / name),
        "TESTING": "0",
        "DEBUG": "0",
    }


def _python(env: dict, code: str, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-c", SETUP + code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 or not check, done.stderr[-3000:]
    return done


def test_a_backup_restores_into_an_empty_database_with_the_same_data_and_files(tmp_path):
    backup = tmp_path / "kopia.tar.gz"
    source, target = _env(tmp_path, "source"), _env(tmp_path, "target")
    _python(source, f"BACKUP = {str(backup)!r}\n" + MAKE)
    before = json.loads(_python(source, COUNTS).stdout)

    restored = _python(target, RESTORE.format(backup=str(backup)))
    assert "Restored" in restored.stdout
    after = json.loads(_python(target, COUNTS).stdout)

    assert after == before
    assert before["counts"]["recruitment.application"] == 1
    assert before["counts"]["core.auditentry"] > 5
    assert before["letter"].startswith("255044462d")  # %PDF-

    again = _python(target, RESTORE.format(backup=str(backup)), check=False)
    assert again.returncode != 0
    assert "already holds accounts" in again.stderr
