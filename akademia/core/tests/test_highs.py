"""The solvers write nothing to the console of `make demo` or to the worker's log."""

import numpy as np

from akademia.recruitment.selection.solver import new_highs


def test_a_solver_is_created_and_run_without_writing_to_stdout(capfd):
    highs = new_highs(5.0)
    highs.addVars(2, np.zeros(2), np.ones(2))
    highs.changeColsCost(2, np.array([0, 1], dtype=np.int32), np.array([-1.0, -2.0]))
    highs.run()
    assert highs.getInfo().objective_function_value == -3.0
    assert capfd.readouterr().out == ""
