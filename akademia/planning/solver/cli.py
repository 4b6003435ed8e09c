"""``plan_solve PROBLEM.json [--time-limit S] [--seed N] [--check]``.

Result JSON goes to stdout. Exit codes: 0 a plan was found, 1 the problem is infeasible (the
reason is in the JSON and on stderr), 2 the file is malformed or unreadable (paths on stderr).
"""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from .check import check
from .formats import ProblemFormatError, load_problem, result_to_data
from .solve import solve

EXIT_OK, EXIT_INFEASIBLE, EXIT_FORMAT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors to our stderr and never calls sys.exit."""

    def __init__(self, stderr: TextIO):
        super().__init__(prog="plan_solve", description="Solve an akademia-plan/1 problem.")
        self.stderr = stderr

    def error(self, message: str):
        raise ValueError(message)


def build_parser(stderr: TextIO) -> argparse.ArgumentParser:
    parser = _Parser(stderr)
    parser.add_argument("problem", help="problem JSON file (akademia-plan/1)")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--check", action="store_true", help="run the checker, report on stderr")
    return parser


def main(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    parser = build_parser(stderr)
    try:
        args = parser.parse_args(argv)
    except ValueError as exc:
        stderr.write(f"plan_solve: {exc}\n{parser.format_usage()}")
        return EXIT_FORMAT
    try:
        problem = load_problem(args.problem)
    except OSError as exc:
        stderr.write(f"plan_solve: cannot read {args.problem}: {exc.strerror}\n")
        return EXIT_FORMAT
    except ProblemFormatError as exc:
        stderr.write(f"plan_solve: {args.problem} is not a valid akademia-plan/1 problem:\n")
        for error in exc.errors:
            stderr.write(f"  {error}\n")
        return EXIT_FORMAT
    result = solve(problem, time_limit=args.time_limit, seed=args.seed)
    json.dump(result_to_data(result, problem), stdout, ensure_ascii=False, indent=2)
    stdout.write("\n")
    if result.status == "infeasible":
        stderr.write(f"plan_solve: infeasible: {result.reason.text}\n")
        return EXIT_INFEASIBLE
    if args.check:
        report = check(problem, result)
        for violation in report.violations:
            stderr.write(f"violation [{violation.rule}]: {violation.message}\n")
        if not report.ok:
            return EXIT_INFEASIBLE
    return EXIT_OK


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:], sys.stdout, sys.stderr))
