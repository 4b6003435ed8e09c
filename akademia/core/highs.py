"""One way to create a HiGHS solver instance (the planner's and the recruitment optimiser's)."""

import highspy

#: the class ``silent_highs`` returns (for annotations)
HighsSolver = highspy._core._Highs


def silent_highs() -> HighsSolver:
    """A HiGHS instance that writes nothing to stdout.

    ``highspy.Highs()``, the Python wrapper, prints HiGHS's banner from C when it is created
    (``output_flag`` can only be switched off afterwards), into the console of ``make demo``
    and the worker's log. The core class underneath does not, and has every method used here.
    """
    highs = HighsSolver()
    highs.setOptionValue("output_flag", False)
    return highs
