"""Solving several independent problems (e.g. one per voivodeship) in parallel processes.

Each worker runs the single-threaded planner; ``spawn`` keeps workers free of the parent's
state (database connections, threads of an ORM or web server).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from .model import Problem, Result
from .solve import solve


def _solve_one(args: tuple[Problem, float, int]) -> Result:
    problem, time_limit, seed = args
    return solve(problem, time_limit=time_limit, seed=seed)


def solve_many(
    problems: list[Problem], workers: int = 2, time_limit: float = 60.0, seed: int = 0
) -> list[Result]:
    """Results in the order of ``problems``; ``workers=1`` solves in this process."""
    jobs = [(p, time_limit, seed) for p in problems]
    if workers <= 1 or len(problems) <= 1:
        return [_solve_one(job) for job in jobs]
    # Largest problems first so that the last worker is not left with a big one at the end.
    order = sorted(range(len(jobs)), key=lambda i: -len(problems[i].teams))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        done = list(pool.map(_solve_one, [jobs[i] for i in order]))
    results: list[Result | None] = [None] * len(jobs)
    for i, result in zip(order, done, strict=False):
        results[i] = result
    return results
