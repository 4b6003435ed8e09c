from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.territory.services import BUNDLED_TERC, import_terc_file
from akademia.territory.terc import TercError


class Command(BaseCommand):
    help = "Import the TERC register (TERYT) from a GUS CSV file; idempotent, all-or-nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", default=str(BUNDLED_TERC), help="TERC CSV (default: bundled file)"
        )
        parser.add_argument(
            "--allow-mass-deactivation",
            action="store_true",
            help="Apply the file even if it makes more than 5%% of a level's units inactive "
            "(by default such a file is refused as probably incomplete).",
        )

    def handle(self, *args, file: str, allow_mass_deactivation: bool = False, **options):
        try:
            summary = import_terc_file(
                file, actor=SYSTEM, allow_mass_deactivation=allow_mass_deactivation
            )
        except DomainError as error:
            raise CommandError(
                _("The register was not imported, nothing changed:")
                + "\n"
                + str(error)
                + "\n"
                + _("If the file is complete and this is intended, add --allow-mass-deactivation.")
            ) from error
        except TercError as error:
            raise CommandError(
                _("The register was not imported, nothing changed:")
                + "\n"
                + "\n".join(error.problems)
            ) from error
        self.stdout.write(
            _(
                "TERC register as of %(date)s: %(communes)d communes, "
                "%(county_level)d county-level units (%(counties)d counties + "
                "%(cities)d cities with county rights), "
                "%(voivodeships)d voivodeships."
            )
            % {
                "date": summary.state_date,
                "communes": summary.communes,
                "county_level": summary.county_level_units,
                "counties": summary.counties,
                "cities": summary.cities_with_county_rights,
                "voivodeships": summary.voivodeships,
            }
        )
        if not summary.changed:
            self.stdout.write(_("No changes: the registry already matches this file."))
        for level, change in summary.changes.items():
            if change.total:
                self.stdout.write(
                    _(
                        "%(level)s: %(added)d added, %(updated)d updated, "
                        "%(deactivated)d made inactive"
                    )
                    % {"level": level, **vars(change)}
                )
