import io
import json

import jsonschema

from akademia.planning.solver import result_from_data
from akademia.planning.solver.cli import main
from akademia.planning.solver.formats import load_schema

from .factories import calendar_block, line_problem


def run(tmp_path, data, *args):
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(data) if isinstance(data, dict) else data, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main([str(path), *args], out, err)
    return code, out.getvalue(), err.getvalue()


def test_solves_and_prints_result(tmp_path):
    data = line_problem() | {"calendar": calendar_block(start="2027-05-31", end="2027-06-30")}
    code, out, err = run(tmp_path, data, "--time-limit", "10", "--check")
    assert code == 0, err
    result = json.loads(out)
    assert result["format"] == "akademia-plan-result/1"
    assert result["status"] == "optimal"
    assert result_from_data(result).objective == result["objective"]
    assert result["groups"][0]["meetings"][0]["start"].endswith("T09:00")
    jsonschema.validate(result, load_schema("plan-result"))


def test_malformed_file_reports_path(tmp_path):
    data = line_problem()
    data["teams"][3]["size"] = -2
    code, out, err = run(tmp_path, data)
    assert code == 2
    assert out == ""
    assert "teams[3].size: -2 is less than the minimum of 1" in err


def test_missing_file_and_bad_option(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert main([str(tmp_path / "none.json")], out, err) == 2
    assert main(["--time-limit"], out, err) == 2


def test_infeasible_exit_code(tmp_path):
    code, out, err = run(tmp_path, line_problem(count=3))
    assert code == 1
    assert json.loads(out)["reason"]["code"] == "group_count"
    assert "infeasible" in err


def test_same_seed_same_output(tmp_path):
    data = line_problem() | {"calendar": calendar_block(start="2027-05-31", end="2027-06-30")}
    outputs = []
    for _ in range(2):
        code, out, _ = run(tmp_path, data, "--seed", "5")
        result = json.loads(out)
        result.pop("seconds")
        result["stats"] = {k: v for k, v in result["stats"].items() if "seconds" not in k}
        outputs.append(result)
    assert outputs[0] == outputs[1]
