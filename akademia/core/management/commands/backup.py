"""`akademia backup FILE.tar.gz`: the database and the stored files in one file (core/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from akademia.core import backup


class Command(BaseCommand):
    help = "Writes a backup of the database and the stored files (restore with `akademia restore`)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        manifest = backup.backup(file)
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"Backup written to {file}: {rows} rows from {manifest['database']}.")
