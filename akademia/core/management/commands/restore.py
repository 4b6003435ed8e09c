"""`akademia restore FILE.tar.gz`: a backup into an empty database (core/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from akademia.core import backup


class Command(BaseCommand):
    help = "Restores a backup made by `akademia backup` into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            manifest = backup.restore(file)
        except backup.RestoreRefused as error:
            raise CommandError(f"Restore refused: {error}") from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"Restored {rows} rows and the stored files from {file}.")
