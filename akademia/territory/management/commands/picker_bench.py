"""`akademia picker_bench`: how fast the JST picker answers, against a trivial request.

Both go through the whole stack (middleware, view, template) with Django's test client, on the
configured database with the full register. The target is p95 under 50 ms per picker query.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.test import Client
from django.urls import reverse

QUERIES = [
    "Kozieglowy", "koziegłowy", "Kutno", "2409023", "2409", "bielsko biała", "zab", "wr",
    "nowa", "stare", "gmina", "kutno kutnowski", "śląskie", "Jędrzejów", "jedrzejow", "lodz",
]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Benchmark the JST picker (p50/p95 ms) against a trivial request measured in the same run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=20)

    def handle(self, *args, rounds: int, **options):
        client = Client(HTTP_HOST="127.0.0.1")
        search, health = reverse("territory:jst-search"), reverse("core:healthz")
        for query in QUERIES[:3]:  # warm-up: connections, templates, caches
            client.get(search, {"q": query})
        picker = self._time(lambda q: client.get(search, {"q": q}), rounds)
        baseline = self._time(lambda q: client.get(health), rounds)
        p95 = statistics.quantiles(picker, n=20)[18]
        base95 = statistics.quantiles(baseline, n=20)[18]
        self.stdout.write(f"queries: {len(picker)} ({len(QUERIES)} different, {rounds} rounds)")
        self.stdout.write(f"picker   p50 {statistics.median(picker):6.2f} ms   p95 {p95:6.2f} ms")
        self.stdout.write(
            f"baseline p50 {statistics.median(baseline):6.2f} ms   p95 {base95:6.2f} ms"
        )
        self.stdout.write(f"ratio picker/baseline (p95): {p95 / base95:.2f}")
        self.stdout.write(f"target p95 < 50 ms: {'met' if p95 < 50 else 'NOT met'}")

    def _time(self, request, rounds: int) -> list[float]:
        timings = []
        for _ in range(rounds):
            for query in QUERIES:
                start = time.perf_counter()
                response = request(query)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
        return timings
