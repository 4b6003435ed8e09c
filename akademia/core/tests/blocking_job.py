"""A job kind for the kill -9 test (test_worker_killed.py), imported by its worker processes.

The first attempt blocks until its worker is killed; a later attempt finishes and notes it.
"""

import time
from pathlib import Path

from akademia.core.jobs import handler


@handler("tests.block")
def block(job, progress) -> dict:
    folder = Path(job.params["folder"])
    progress(10, "started")
    (folder / f"attempt-{job.attempt}").touch()
    if job.attempt == 1:
        for _ in range(1200):  # until the test kills this worker (at most two minutes)
            time.sleep(0.1)
        raise RuntimeError("The test did not kill the worker")
    with (folder / "finished").open("a") as finished:
        finished.write(f"{job.attempt}\n")
    return {"attempt": job.attempt}
