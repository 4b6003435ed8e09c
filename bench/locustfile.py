"""The people of `bench/load.py`: each opens one of their own pages every 1–3 seconds.

Run by bench/load.py (with locust from .venv-load), which writes the people's session cookies
and pages to the JSON file named by AKADEMIA_PEOPLE. Statistics are grouped by URL pattern.
"""

import itertools
import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

PEOPLE = json.loads(Path(os.environ["AKADEMIA_PEOPLE"]).read_text(encoding="utf-8"))
TURNS = itertools.cycle(PEOPLE)


class Person(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.person = next(TURNS)
        self.client.cookies.update(self.person["cookies"])
        self.rng = random.Random(id(self))

    @task
    def browse(self):
        path, name, *headers = self.rng.choice(self.person["pages"])
        get = {"name": name, "allow_redirects": False, "catch_response": True}
        with self.client.get(path, headers=headers[0] if headers else None, **get) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
