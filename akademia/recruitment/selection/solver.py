"""HiGHS models: the selection MIP (maximise score under quotas) and a thin generic runner.

The selection model is one binary per application and one ranged row per quota, so the LP
relaxation is tight (few rows, many columns) and HiGHS proves optimality quickly even for
thousands of applications.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np
from scipy import sparse

from akademia.core.highs import HighsSolver, silent_highs

from .problem import Problem

INF = highspy.kHighsInf
RESOLUTIONS = (1.0, 0.5, 0.1, 0.05, 0.01, 0.001)


@dataclass(frozen=True)
class MipOutcome:
    """Solver answer; `values` are the column values (None when no solution)."""

    status: str  # "optimal" | "feasible" | "infeasible" | "unknown"
    values: np.ndarray | None
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float


def new_highs(time_limit: float, **options: float) -> HighsSolver:
    """A silent HiGHS instance with a wall-clock limit and fixed seed (reproducible runs)."""
    highs = silent_highs()
    highs.setOptionValue("time_limit", float(time_limit))
    highs.setOptionValue("random_seed", 0)
    for name, value in options.items():
        highs.setOptionValue(name, value)
    return highs


def pass_model(
    highs: HighsSolver,
    *,
    cost: np.ndarray,
    col_lower: np.ndarray,
    col_upper: np.ndarray,
    integer: np.ndarray,
    matrix: sparse.csc_matrix,
    row_lower: np.ndarray,
    row_upper: np.ndarray,
    maximise: bool,
) -> None:
    """Load a model column-wise; `integer` flags integer columns."""
    lp = highspy.HighsLp()
    lp.num_col_ = len(cost)
    lp.num_row_ = len(row_lower)
    lp.col_cost_ = np.asarray(cost, dtype=float)
    lp.col_lower_ = np.asarray(col_lower, dtype=float)
    lp.col_upper_ = np.asarray(col_upper, dtype=float)
    lp.row_lower_ = np.asarray(row_lower, dtype=float)
    lp.row_upper_ = np.asarray(row_upper, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data.astype(float)
    lp.integrality_ = [
        highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
        for flag in integer
    ]
    lp.sense_ = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
    status = highs.passModel(lp)
    if status == highspy.HighsStatus.kError:
        raise RuntimeError("HiGHS rejected the model")


def run(highs: HighsSolver) -> MipOutcome:
    """Solve and translate HiGHS statuses into the four we report."""
    start = time.perf_counter()
    highs.run()
    seconds = time.perf_counter() - start
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    if model_status == highspy.HighsModelStatus.kModelEmpty:  # no applications at all
        return MipOutcome("optimal", np.zeros(0), 0.0, 0.0, 0.0, seconds)
    has_solution = info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
    if model_status == highspy.HighsModelStatus.kOptimal:
        status = "optimal"
    elif model_status in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    ):
        status = "infeasible"
    else:
        status = "feasible" if has_solution else "unknown"
    values = np.array(highs.getSolution().col_value) if has_solution else None
    objective = info.objective_function_value if has_solution else None
    bound = info.mip_dual_bound if np.isfinite(info.mip_dual_bound) else None
    gap = info.mip_gap if has_solution and np.isfinite(info.mip_gap) else None
    if status == "optimal" and values is not None:
        gap = 0.0 if gap is None else gap
    return MipOutcome(status, values, objective, bound, gap, seconds)


def score_resolution(scores: np.ndarray) -> float | None:
    """Largest step of which every score is a multiple (None for arbitrary floats).

    Knowing it lets the tie-break epsilon stay provably below one score step.
    """
    for step in RESOLUTIONS:
        scaled = scores / step
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-9):
            return step
    return None


def tie_weights(problem: Problem) -> np.ndarray:
    """Per-application weight in (0, 1] that prefers the earlier one among equal scores.

    Within a group of equal scores the first in ranking order gets 1, the last 1/g. Weights
    are only compared inside score groups, so the smallest difference is 1/g, not 1/n.
    """
    weights = np.zeros(problem.size)
    order = problem.order
    start = 0
    while start < len(order):
        stop = start
        while stop < len(order) and problem.scores[order[stop]] == problem.scores[order[start]]:
            stop += 1
        group = order[start:stop]
        size = len(group)
        weights[group] = (size - np.arange(size)) / size
        start = stop
    return weights


class SelectionMip:
    """The selection model, kept loaded so that "force this one in" re-solves are cheap.

    Objective: sum of scores plus epsilon * tie weight. Epsilon is chosen so the whole
    tie-break sum stays below half a score step: it can only decide between selections of
    equal total score, and the ranking order then decides deterministically.
    """

    def __init__(self, problem: Problem, time_limit: float = 30.0) -> None:
        self.problem = problem
        self.time_limit = time_limit
        self.resolution = score_resolution(problem.scores)
        step = self.resolution or 1e-3
        most = int(problem.available.sum() + problem.forced_in.sum())
        self.epsilon = step / (2.0 * (most + 1))
        weights = tie_weights(problem)
        _, group_sizes = np.unique(problem.scores, return_counts=True)
        smallest_tie_step = 1.0 / max(group_sizes.max(initial=1), 1)
        self.abs_gap = self.epsilon * smallest_tie_step / 4.0
        self.cost = problem.scores + self.epsilon * weights
        self.lower = problem.forced_in.astype(float)
        self.upper = (problem.available | problem.forced_in).astype(float)
        self.highs = new_highs(time_limit, mip_rel_gap=0.0, mip_abs_gap=self.abs_gap)
        pass_model(
            self.highs,
            cost=self.cost,
            col_lower=self.lower,
            col_upper=self.upper,
            integer=np.ones(problem.size, dtype=bool),
            matrix=sparse.csc_matrix(problem.amounts.astype(float)),
            row_lower=problem.lows(),
            row_upper=problem.highs(),
            maximise=True,
        )

    def solve(self, force_in: int | None = None, hint: np.ndarray | None = None) -> MipOutcome:
        """Solve, optionally with one extra application forced in (bounds restored after).

        Forced-in re-solves only need the score cost, not the tie-break, so when the score
        grid is known they stop at a quarter score step: with the tie-break sum below half a
        step, that still proves the best score exactly, and it is several times faster.
        `hint` is a feasible 0/1 selection to start from (a warm start, about 3x faster).
        """
        if force_in is None:
            return run(self.highs)
        self.highs.changeColBounds(force_in, 1.0, 1.0)
        if self.resolution is not None:
            self.highs.setOptionValue("mip_abs_gap", self.resolution / 4.0)
        if hint is not None:
            columns = np.arange(self.problem.size, dtype=np.int32)
            self.highs.setSolution(self.problem.size, columns, hint.astype(float))
        try:
            return run(self.highs)
        finally:
            self.highs.changeColBounds(force_in, self.lower[force_in], self.upper[force_in])
            self.highs.setOptionValue("mip_abs_gap", self.abs_gap)

    def selection(self, outcome: MipOutcome) -> np.ndarray:
        return outcome.values > 0.5

    def score_bound(self, outcome: MipOutcome) -> float | None:
        """Upper bound on the plain score sum, snapped down to the score grid when known."""
        if outcome.bound is None:
            return None
        if self.resolution is None:
            return outcome.bound
        step = self.resolution
        return float(np.floor(outcome.bound / step + 1e-6) * step)
