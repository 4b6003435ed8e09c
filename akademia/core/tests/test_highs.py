"""The solvers write nothing to the console of `make demo` or to the worker's log."""

import numpy as np

from akademia.core.highs import silent_highs


def test_a_solver_is_created_and_run_without_writing_to_stdout(capfd):
    highs = silent_highs()
    highs.addVars(2, np.zeros(2), np.ones(2))
    highs.changeColsCost(2, np.array([0, 1], dtype=np.int32), np.array([-1.0, -2.0]))
    highs.run()
    assert highs.getInfo().objective_function_value == -3.0
    assert capfd.readouterr().out == ""
