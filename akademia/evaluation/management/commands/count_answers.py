from django.core.management.base import BaseCommand

from akademia.core.audit import SYSTEM
from akademia.evaluation import services


class Command(BaseCommand):
    help = (
        "Store the counts of the answers of the surveys that have closed and are not counted yet "
        "(what the daily task does); --rebuild counts every closed survey again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="count every closed survey")

    def handle(self, *args, rebuild: bool, **options):
        counted = services.surveys_count(actor=SYSTEM, rebuild=rebuild)
        self.stdout.write(f"Surveys counted: {counted}")
