"""`akademia audit_dependencies [--refresh [SOURCE]]`: the locked packages against advisories.

Offline by default (reads the vendored snapshot, core/dependencies.py). `--refresh` first
rebuilds the snapshot and the SBOM from the PyPA advisory database: its GitHub archive, or a zip
of it given as SOURCE. Exit status 1 when the audit fails.
"""

from django.core.management.base import BaseCommand, CommandError

from akademia.core import dependencies


class Command(BaseCommand):
    help = "Checks the locked requirements against the advisory snapshot (--refresh: rebuild it)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            nargs="?",
            const=dependencies.ARCHIVE,
            metavar="SOURCE",
            help="rebuild the snapshot from the advisory database's zip (URL or file) first",
        )

    def handle(self, *args, refresh: str | None, **options):
        if refresh:
            dependencies.refresh(refresh)
        result = dependencies.audit()
        self.stdout.write(
            f"Checked {result.checked} locked packages against {result.advisories} advisories "
            f"(PyPA advisory database, records up to {result.data_until[:10] or '-'}): "
            f"{len(result.vulnerable)} affected, {len(result.accepted)} accepted with a reason."
        )
        for line in result.vulnerable + result.problems:
            self.stdout.write(f"  {line}")
        if not result.ok:
            raise CommandError("dependency audit failed")
