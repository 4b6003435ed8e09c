from akademia.planning.solver import check, problem_from_data, solve_many

from .factories import line_problem


def test_solve_many_keeps_order():
    problems = [
        problem_from_data(line_problem() | {"name": "one"}),
        problem_from_data(line_problem(count=3) | {"name": "two"}),
    ]
    results = solve_many(problems, workers=2, time_limit=5)
    assert [r.name for r in results] == ["one", "two"]
    assert [r.status for r in results] == ["optimal", "infeasible"]
    assert all(check(p, r).ok for p, r in zip(problems, results, strict=True))
