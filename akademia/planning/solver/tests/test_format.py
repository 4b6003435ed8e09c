import json

import pytest

from akademia.planning.solver import ProblemFormatError, problem_from_data, validate_problem_data
from akademia.planning.solver.formats import load_problem, problem_to_data

from .factories import calendar_block, line_problem


def test_valid_problem_round_trips(line):
    problem = problem_from_data(line)
    assert [t.id for t in problem.teams] == ["t1", "t2", "t3", "t4"]
    assert problem.teams[0].kind == "rural"  # TERYT kind mapped to the exchange-group kind
    assert problem_from_data(problem_to_data(problem)) == problem


def test_schema_error_has_json_path(line):
    line["teams"][3]["size"] = -2
    assert validate_problem_data(line) == ["teams[3].size: -2 is less than the minimum of 1"]


def test_several_errors_all_reported(line):
    line["teams"][0]["size"] = "three"
    line["groups"]["min_size"] = 0
    errors = validate_problem_data(line)
    assert "groups.min_size: 0 is less than the minimum of 1" in errors
    assert any(e.startswith("teams[0].size: 'three' is not of type") for e in errors)


def test_unknown_field_and_format(line):
    line["format"] = "other/1"
    line["teams"][1]["colour"] = "red"
    errors = validate_problem_data(line)
    assert any(e.startswith("format:") for e in errors)
    assert any(e.startswith("teams[1]:") and "colour" in e for e in errors)


def test_duplicate_ids(line):
    line["teams"][2]["id"] = "t1"
    assert validate_problem_data(line) == ["teams[2].id: duplicate id 't1' (also teams[0])"]


def test_missing_coordinates_for_metric(line):
    line["distance"] = {"metric": "haversine"}
    errors = validate_problem_data(line)
    assert "teams[0]: lat and lon required for metric haversine" in errors


def test_matrix_unknown_ids(line):
    line["distance"] = {
        "metric": "matrix",
        "matrix": {t["id"]: {"A": 1, "B": 2} for t in line["teams"]},
    }
    line["distance"]["matrix"]["t2"]["Z"] = 5
    line["distance"]["matrix"]["ghost"] = {"A": 1}
    errors = validate_problem_data(line)
    assert "distance.matrix.t2.Z: unknown venue id 'Z'" in errors
    assert "distance.matrix.ghost: unknown team id 'ghost'" in errors


def test_semantic_ranges(line):
    line["groups"] = {"min_size": 10, "max_size": 5}
    line["teams"][0]["managers"] = 3
    line["calendar"] = calendar_block(start="2027-06-01", end="2027-05-01", max_gap_days=3)
    errors = validate_problem_data(line)
    assert "groups.max_size: 5 is less than min_size 10" in errors
    assert "teams[0].managers: 3 is more than the team size 2" in errors
    assert "calendar.end: 2027-05-01 is before calendar.start 2027-06-01" in errors
    assert "calendar.max_gap_days: 3 is less than min_gap_days 7" in errors


def test_blackout_forms_and_bad_date(line):
    line["calendar"] = calendar_block(
        blackout=["2027-05-10", {"start": "2027-05-17", "end": "2027-05-18", "label": "x"}]
    )
    problem = problem_from_data(line)
    assert len(problem.calendar.blackout) == 2
    line["calendar"]["blackout"][0] = "2027-02-30"
    with pytest.raises(ProblemFormatError) as exc:
        problem_from_data(line)
    assert exc.value.errors == ["calendar.blackout[0]: '2027-02-30' is not a valid date"]


def test_invalid_json_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProblemFormatError) as exc:
        load_problem(path)
    assert exc.value.errors[0].startswith("$: invalid JSON")


def test_file_load(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(line_problem()), encoding="utf-8")
    assert load_problem(path).name == "line"
