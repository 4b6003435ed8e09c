import time

from django.core.management.base import BaseCommand

from akademia.demo.national import load_national


class Command(BaseCommand):
    help = (
        "Build the national-scale dataset through the services (16 projects, about 1000 JST, "
        "3300 people, published plans, the training half-way: attendance, tasks, advisory, "
        "certificates; a round of 2000 comments); seeded, for benchmarks. "
        "Needs the registry and the demo's programmes (make demo, or load_demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jst", type=int, default=1000, help="applications in all")
        parser.add_argument("--comments", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument("--voivodeships", nargs="*", help="TERYT codes (default: all 16)")
        parser.add_argument(
            "--no-delivery",
            action="store_true",
            help="stop at the published plans (no attendance, tasks, advisory, certificates)",
        )

    def handle(self, *args, jst, comments, seed, voivodeships, no_delivery, **options):
        started = time.monotonic()
        summary = load_national(
            jst=jst,
            comments=comments,
            seed=seed,
            voivodeships=voivodeships,
            delivery=not no_delivery,
            log=lambda line: self.stdout.write(f"[{time.monotonic() - started:5.0f} s] {line}"),
        )
        self.stdout.write(f"{summary} in {time.monotonic() - started:.0f} s")
