"""What a machine and a person can count on from every command: JSON on standard output
whatever the verdict, one rule for a missing file in the CLI and the API, and options that
do not apply saying so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from automl_objective.api import (
    allowed_metrics,
    check_sources,
    resolve_file,
    validate_file,
)
from automl_objective.cli import main
from automl_objective.inputs.discovery import discover
from tests.support.paths import EXAMPLES, FIXTURES

INVALID = FIXTURES / "invalid" / "v1-regression-auc.json"
REQUEST = EXAMPLES / "create-auto-ml-job.json"  # states ProblemType Regression
OBJECTIVE = EXAMPLES / "objective.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_resolve_json_of_an_invalid_file_is_on_stdout_with_its_findings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "resolve", "--format", "json", str(INVALID))
    assert (code, err) == (1, "")
    document = json.loads(out)
    assert document["valid"] is False
    assert [f["code"] for f in document["findings"]] == ["metric-not-allowed"]
    assert (document["metric"], document["source"]) == (None, None)


def test_resolve_text_of_an_invalid_file_still_reports_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "resolve", str(INVALID))
    assert (code, out) == (1, "")
    assert "error [metric-not-allowed]" in err


def test_a_missing_file_is_an_unreadable_finding_in_the_cli_and_the_api(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = str(tmp_path / "gone.json")
    expected = [("error", "unreadable", "", None, None, "no such file")]

    def seen(findings: list[dict[str, object]]) -> list[tuple[object, ...]]:
        keys = ("severity", "code", "pointer", "line", "column", "message")
        return [tuple(f[k] for k in keys) for f in findings]

    code, out, _ = run(capsys, "validate", "--format", "json", missing, str(OBJECTIVE))
    files = json.loads(out)["files"]
    assert code == 1 and [f["valid"] for f in files] == [False, True]  # the other one checked
    assert seen(files[0]["findings"]) == expected
    code, out, _ = run(capsys, "resolve", "--format", "json", missing)
    assert code == 1 and seen(json.loads(out)["findings"]) == expected
    from_api = [
        validate_file(missing),
        check_sources(discover([missing]))[0],
        resolve_file(missing)[0],
    ]
    for result in from_api:
        assert seen([f.as_dict() for f in result.findings]) == expected


def test_problem_type_for_a_request_says_it_is_ignored_and_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys,
        "resolve",
        "--format",
        "json",
        "--problem-type",
        "BinaryClassification",
        str(REQUEST),
    )
    assert code == 0
    assert json.loads(out)["problem_type"] == "Regression"  # the request's own
    assert err == (
        f"automl-objective: note: --problem-type BinaryClassification is ignored for {REQUEST}: "
        "requests and responses state their own problem type (it applies to objectives only)\n"
    )
    code, _, err = run(capsys, "validate", "--problem-type", "Regression", str(EXAMPLES))
    (line,) = err.splitlines()
    assert line.startswith("automl-objective: note: --problem-type Regression is ignored for ")
    assert " and 2 more: " in line


def test_problem_type_for_objectives_alone_says_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "validate", "--problem-type", "BinaryClassification", str(OBJECTIVE))
    assert (code, err) == (0, "")
    code, _, err = run(capsys, "resolve", "--problem-type", "Regression", str(REQUEST))
    assert code == 0 and "note" in err  # and without the option, no note
    code, _, err = run(capsys, "resolve", str(REQUEST))
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("binary", "BinaryClassification"),
        ("regresion", "Regression"),
        ("multiclass", "MulticlassClassification"),
        ("ImageClassificationJobConfig", "ImageClassification"),
        ("TIMESERIESFORECASTING", "TimeSeriesForecasting"),
    ],
)
@pytest.mark.parametrize("command", ["metrics", "validate", "resolve"])
def test_an_unknown_problem_type_gets_a_suggestion_and_exit_2(
    capsys: pytest.CaptureFixture[str], command: str, given: str, meant: str
) -> None:
    paths = [] if command == "metrics" else [str(OBJECTIVE)]
    code, out, err = run(capsys, command, "--problem-type", given, *paths)
    assert (code, out) == (2, "")
    (line,) = err.splitlines()
    assert line.startswith(
        f"automl-objective: error: unknown problem type {given!r} (did you mean {meant}?); "
        "choose from: Regression, "
    )


def test_the_api_suggests_the_problem_type_too() -> None:
    with pytest.raises(ValueError, match=r"'binary' \(did you mean BinaryClassification\?\)"):
        allowed_metrics("binary")


def test_a_problem_type_nothing_is_near_gets_the_list_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "metrics", "--problem-type", "Clustering")
    assert code == 2 and "did you mean" not in err and "choose from: Regression" in err
