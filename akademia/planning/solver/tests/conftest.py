import copy

import pytest

from .factories import line_problem


@pytest.fixture
def line():
    return copy.deepcopy(line_problem())
