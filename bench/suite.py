"""The whole test suite's wall time against a baseline commit's, measured in the same run.

    .venv/bin/python bench/suite.py [--baseline 6520e62] [--skip-baseline]

The baseline is checked out in a temporary git worktree and run as its Makefile ran it (one
process, `pytest`); then this checkout runs as `make test` does (`pytest -n auto`), twice: the
baseline's own tests (those whose node ids still exist: the same work as the baseline did) and
the whole suite (which has grown since). All runs use this virtualenv, SQLite, and the browser
tests when Chromium is installed. Prints each run's wall time and test count, and the ratios.
Run it on a quiet machine: it measures wall time.
"""

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "6520e62"  # before issue #10: 1669 tests, run one at a time


def collect(cwd: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    return [line for line in done.stdout.splitlines() if "::" in line]


def run(cwd: Path, args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:]
    return elapsed, summary


def passed(summary: str) -> int:
    match = re.search(r"(\d+) passed", summary)
    return int(match.group(1)) if match else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--skip-baseline", action="store_true")
    options = parser.parse_args()
    rows = []
    if not options.skip_baseline:
        with tempfile.TemporaryDirectory() as folder:
            tree = Path(folder) / "baseline"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(tree), options.baseline],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            try:
                baseline_ids = collect(tree)
                rows.append((f"baseline {options.baseline} (pytest)", *run(tree, [])))
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)
            same = sorted(set(baseline_ids) & set(collect(ROOT)))
            ids = Path(folder) / "ids.txt"
            ids.write_text("\n".join(same) + "\n")
            rows.append(
                (
                    f"this checkout, baseline's {len(same)} tests",
                    *run(ROOT, ["-n", "auto", f"@{ids}"]),
                )
            )
    rows.append(("this checkout, whole suite (-n auto)", *run(ROOT, ["-n", "auto"])))
    for name, seconds, summary in rows:
        print(f"{name:<40} {seconds:7.1f} s  {passed(summary):5d} passed   [{summary}]")
    for name, seconds, _summary in rows[1:] if len(rows) > 1 else []:
        print(f"ratio ({name} / baseline): {seconds / rows[0][1]:.2f}")


if __name__ == "__main__":
    main()
