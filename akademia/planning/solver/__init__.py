"""Training-group planner (pure Python, no Django): grouping MIP + calendar CP-SAT.

Public API::

    problem = load_problem(path) / problem_from_data(dict)   # raises ProblemFormatError
    result = solve(problem, time_limit=60.0, seed=0)          # Result dataclass
    results = solve_many(problems, workers=2, time_limit=60.0, seed=0)
    report = check(problem, result)                           # CheckReport
    data = result_to_data(result, problem)                    # JSON-ready dict
"""

from .check import CheckReport, Violation, check
from .formats import (
    ProblemFormatError,
    load_problem,
    problem_from_data,
    problem_to_data,
    result_from_data,
    result_to_data,
    validate_problem_data,
)
from .model import Group, Meeting, Problem, Reason, Result, group_kind
from .parallel import solve_many
from .reasons import MESSAGES, reason
from .solve import solve

__all__ = [
    "MESSAGES",
    "CheckReport",
    "Group",
    "Meeting",
    "Problem",
    "ProblemFormatError",
    "Reason",
    "Result",
    "Violation",
    "check",
    "group_kind",
    "load_problem",
    "problem_from_data",
    "problem_to_data",
    "reason",
    "result_from_data",
    "result_to_data",
    "solve",
    "solve_many",
    "validate_problem_data",
]
