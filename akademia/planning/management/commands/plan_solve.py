import sys

from django.core.management.base import BaseCommand, CommandError

from akademia.planning.solver import cli


class Command(BaseCommand):
    help = "Solve a planning problem (akademia-plan/1 JSON); the result JSON goes to stdout."

    def add_arguments(self, parser):
        parser.add_argument("problem", help="the problem file (JSON)")
        parser.add_argument("--time-limit", type=float)
        parser.add_argument("--seed", type=int)
        parser.add_argument("--check", action="store_true", help="also run the checker")

    def handle(self, *args, problem: str, time_limit, seed, check: bool, **options):
        argv = [problem]
        if time_limit is not None:
            argv += ["--time-limit", str(time_limit)]
        if seed is not None:
            argv += ["--seed", str(seed)]
        if check:
            argv.append("--check")
        code = cli.main(argv, sys.stdout, sys.stderr)
        if code == 2:
            raise CommandError("the problem file is malformed (see the messages above)")
        if code:
            sys.exit(code)
