import sys

from django.core.management.base import BaseCommand, CommandError

from akademia.consultations.nlp import cli


class Command(BaseCommand):
    help = "Suggest a thematic block for each comment: IN.csv (a `text` column) -> OUT.csv."

    def add_arguments(self, parser):
        parser.add_argument("input")
        parser.add_argument("output")
        parser.add_argument("--model", help="a model file written by Model.to_bytes()")

    def handle(self, *args, input: str, output: str, model: str | None, **options):
        argv = [input, output, *(["--model", model] if model else [])]
        if cli.main(argv, self.stdout, sys.stderr) != 0:
            raise CommandError("classify_comments failed (see the message above)")
