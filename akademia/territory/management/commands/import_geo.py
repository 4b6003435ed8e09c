from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from akademia.core.audit import SYSTEM
from akademia.territory.services import DATA_DIR, geo_import
from akademia.territory.terc import TercError


class Command(BaseCommand):
    help = (
        "Load centroids, inner points and boundaries (wojewodztwa/powiaty/gminy .csv and .geojson)"
        " and the county seats (siedziby_powiatow.csv)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(DATA_DIR))

    def handle(self, *args, directory: str, **options):
        try:
            counts = geo_import(directory, actor=SYSTEM)
        except TercError as error:
            raise CommandError("\n".join(error.problems)) from error
        self.stdout.write(
            _("Positions and boundaries: %(v)d voivodeships, %(p)d counties, %(g)d communes.")
            % {"v": counts["wojewodztwa"], "p": counts["powiaty"], "g": counts["gminy"]}
        )
        self.stdout.write(
            _("County seats: %(n)d (counties and cities with county rights).")
            % {"n": counts["siedziby"]}
        )
