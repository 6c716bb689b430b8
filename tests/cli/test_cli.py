"""The command line: output formats, exit codes, paths, stdin. Run in-process through main()."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from automl_objective import __version__
from automl_objective.check.catalog import load_catalog
from automl_objective.cli import main
from tests.support.paths import FIXTURES, ROOT

VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"

SPEC_EXAMPLE = """{
  "AutoMLJobName": "churn",
  "RoleArn": "arn:aws:iam::123456789012:role/x",
  "OutputDataConfig": {"S3OutputPath": "s3://b/out"},
  "ProblemType": "Regression",
  "AutoMLJobObjective": {
    "MetricName":  "AUC"
  },
  "InputDataConfig": [{
    "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/in"}},
    "TargetAttributeName": "y"}]
}
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_issue_example_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "job.json").write_text(SPEC_EXAMPLE)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "validate", "job.json")
    assert code == 1
    assert out.splitlines()[0] == (
        "job.json:7:20: error [metric-not-allowed] MetricName 'AUC' is not allowed for "
        "ProblemType 'Regression'; allowed: MSE, RMSE, R2, MAE"
    )
    assert out.splitlines()[-1] == "1 file checked: 0 valid, 1 invalid (1 error, 0 warnings)"


def test_valid_directory_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(VALID))
    assert code == 0
    assert "invalid (0 errors," in out.splitlines()[-1]


def test_strict_turns_warnings_into_failures(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(VALID / "v1-problem-type-only.json")
    assert run(capsys, "validate", path)[0] == 0
    code, out, _ = run(capsys, "validate", "--strict", path)
    assert code == 1
    assert ": error [incomplete-pair]" in out


def test_json_format_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "validate",
        "--format",
        "json",
        str(INVALID / "v2-image-auc.json"),
        str(VALID / "objective-f1.json"),
    )
    assert code == 1
    report = json.loads(out)
    assert report["valid"] is False
    first, second = report["files"]
    assert (first["valid"], second["valid"]) == (False, True)
    assert second["findings"] == []
    (finding,) = first["findings"]
    assert set(finding) == {"severity", "code", "pointer", "line", "column", "message"}
    assert (finding["code"], finding["pointer"], finding["line"]) == (
        "metric-not-allowed",
        "/AutoMLJobObjective/MetricName",
        23,
    )


def test_github_format_escapes_and_annotates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a,b.json"
    path.write_text('{"MetricName": "F1Macro"}')
    code, out, _ = run(capsys, "validate", "--format", "github", str(path))
    assert code == 1
    line = out.splitlines()[0]
    assert line.startswith(f"::error file={str(path).replace(',', '%2C')},line=1,col=16,")
    assert "title=automl-objective unknown-metric::MetricName 'F1Macro'" in line


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"MetricName: RMSE\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "validate", "-")
    assert code == 0
    assert out.startswith("1 file checked: 1 valid")


def test_directory_include_and_exclude(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(INVALID, tmp_path / "cases")
    code, out, _ = run(capsys, "validate", "--format", "json", "--include", "*.yaml", str(tmp_path))
    assert code == 1
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths and all(p.endswith(".yaml") for p in paths)
    assert paths == sorted(paths)
    code, out, _ = run(
        capsys, "validate", "--format", "json", "--exclude", "v*", str(tmp_path / "cases")
    )
    assert code == 1
    names = [Path(f["path"]).name for f in json.loads(out)["files"]]
    assert names and not any(n.startswith("v") for n in names)


def test_unparsable_file_is_invalid_and_others_still_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "validate", str(INVALID / "truncated.json"), str(VALID / "objective-f1.json")
    )
    assert code == 1
    assert "truncated.json:4:1: error [parse-error] invalid JSON: Expecting ',' delimiter" in out
    assert "2 files checked: 1 valid, 1 invalid" in out


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--format", "xml", "x.json"],
        ["validate", "--kind", "nope", "x.json"],
        ["validate", "--problem-type", "Clustering", "x.json"],
        ["validate", "--bogus", "x.json"],
        ["metrics", "--problem-type", "Nope"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        sys.exit(main(args))
    assert raised.value.code == 2
    assert "error" in capsys.readouterr().err


def test_nothing_matched_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hi")
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 2
    assert "no files matched" in err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0  # returned, once the output is known to be written
    assert capsys.readouterr().out.strip() == f"automl-objective {__version__}"
    assert main(["validate", "--help"]) == 0
    assert "exit codes: 0 valid, 1 invalid" in capsys.readouterr().out


def test_metrics_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "metrics", "--problem-type", "Regression")
    assert code == 0
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:] if line}
    assert set(rows) == {"MSE", "RMSE", "R2", "MAE"}
    assert rows["MSE"] == ["Minimize", "Regression*"]
    assert rows["R2"] == ["Maximize", "Regression"]


def test_metrics_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "metrics", "--format", "json")
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    assert [m["name"] for m in data["metrics"]] == list(load_catalog().metric_names)
    series = next(p for p in data["problem_types"] if p["name"] == "TimeSeriesForecasting")
    assert series["default"] == "AverageWeightedQuantileLoss"
    generation = next(p for p in data["problem_types"] if p["name"] == "TextGeneration")
    assert generation["objective_used"] is False and generation["allowed"] == []


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "v2-timeseries-default.yaml",
            ("TimeSeriesForecasting", "AverageWeightedQuantileLoss", "Minimize", "default"),
        ),
        ("v1-binary-auc.yaml", ("BinaryClassification", "AUC", "Maximize", "explicit")),
        ("v2-tabular-neither.json", (None, None, None, "undetermined")),
        ("v2-text-generation.json", ("TextGeneration", None, None, "unused")),
        ("v2-image-accuracy.json", ("ImageClassification", "Accuracy", "Maximize", "explicit")),
    ],
)
def test_resolve(
    capsys: pytest.CaptureFixture[str], fixture: str, expected: tuple[Any, ...]
) -> None:
    code, out, _ = run(capsys, "resolve", "--format", "json", str(VALID / fixture))
    assert code == 0
    data = json.loads(out)
    assert (data["problem_type"], data["metric"], data["direction"], data["source"]) == expected


def test_resolve_with_problem_type_fills_the_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "objective.json"
    path.write_text('{"MetricName": "R2"}')
    code, out, _ = run(capsys, "resolve", str(path), "--problem-type", "Regression")
    assert code == 0
    assert "Direction:   Maximize" in out


def test_resolve_refuses_an_invalid_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "resolve", str(INVALID / "v1-regression-auc.json"))
    assert code == 1 and out == ""
    assert "[metric-not-allowed]" in err


def test_installed_console_script_runs() -> None:
    exe = shutil.which("automl-objective", path=str(Path(sys.executable).parent))
    assert exe is not None
    done = subprocess.run(
        [exe, "validate", str(VALID / "objective-f1.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


# --- Names on standard error and in resolve's output: the one escaping rule ----------------

HOSTILE_PATHS = [
    "no\nsuch.json",
    "\x1b[2J\x1b[31mred.json",
    "::error file=README.md,line=1::x.json",
    "  ::warning::y.json",
    "a##[error]b.json",
    "line\u2028sep.json",
]


def _github_runs(line: str) -> bool:
    return line.lstrip().startswith("::") or "##[" in line


def _safe_lines(text: str) -> list[str]:
    """The lines of ``text``, asserting that none is unsafe to print or to log in CI."""
    assert "\x1b" not in text and "\r" not in text
    lines = text.split("\n")
    assert not [line for line in lines if _github_runs(line) or not line.isprintable()]
    return lines


@pytest.mark.parametrize("command", ["validate", "resolve"])
@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_a_missing_path_is_named_printable_in_one_line(
    command: str, path: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from automl_objective.base.quoting import printable

    code, out, err = run(capsys, command, "--", path)
    assert code == 1  # an unreadable finding of that file, as the API gives it
    finding = f"{printable(path)}: error [unreadable] no such file"
    summary = "1 file checked: 0 valid, 1 invalid (1 error, 0 warnings)"
    # validate reports on standard output; resolve's text has no verdict to show there
    assert _safe_lines(out if command == "validate" else err) == [finding, summary, ""]
    assert (err if command == "validate" else out) == ""


def test_usage_errors_quoting_the_command_line_are_printable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for args in (
        ["validate", "--format", "x\n::error::y", "a.json"],
        ["validate", "--max-bytes", "##[error]x", "a.json"],
        ["schemas", "--", "\x1b[2J::error::z"],
        ["resolve", str(tmp_path), "--kind", "##[x]"],
        ["metrics", "--problem-type", "\n::error::p"],
        ["generate", "--schema", str(tmp_path / "no\n::error::such.json")],
        ["sync", "--from-botocore", "--schema", str(tmp_path / "##[error]s.json")],
    ):
        with pytest.raises(SystemExit) as raised:
            sys.exit(main(args))
        assert raised.value.code == 2, args
        out, err = capsys.readouterr()
        assert out == "", args
        lines = _safe_lines(err)
        assert lines[-1] == "" and "error" in lines[-2], args


def test_resolve_shows_names_by_the_one_rule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from automl_objective.base.quoting import printable

    good = tmp_path / "##[error]x\n.json"
    good.write_text('{"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "MSE"}}')
    code, out, _ = run(capsys, "resolve", "--format", "json", str(good))
    assert code == 0
    assert json.loads(out)["path"] == printable(str(good))
    _safe_lines(out)
    bad = tmp_path / "::error::bad.json"
    bad.write_text('{"MetricName": "##[error]x", "\\u001b[2J": 1}')
    code, out, err = run(capsys, "resolve", "--", str(bad))
    assert (code, out) == (1, "")
    assert len(_safe_lines(err)) == 4  # two findings, the summary, the final newline


def test_sync_reports_are_printable_whatever_the_model_holds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """botocore's model is AWS's data, printed into the weekly workflow's log."""
    import gzip

    import botocore

    model_file = Path(botocore.__file__).parent / "data/sagemaker/2017-07-24/service-2.json.gz"
    model = json.loads(gzip.decompress(model_file.read_bytes()))
    values = model["shapes"]["AutoMLMetricEnum"]["enum"]
    values += ["##[error]legacy", "::error::v2"]
    folder = tmp_path / "models" / "sagemaker" / "2017-07-24"
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model))
    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path / "models"))
    schema = ROOT / "schema" / "automl_job_objective.schema.json"
    for format in ("text", "markdown", "json"):
        code, out, err = run(
            capsys, "sync", "--from-botocore", "--schema", str(schema), "--format", format
        )
        assert code == 1, (format, err)
        _safe_lines(out)
        _safe_lines(err)
        assert "legacy" in out and "v2" in out, format
        if format == "json":
            added = json.loads(out)["values"][0]["added"]
            assert "##\\x5berror]legacy" in added and "\\x3a:error::v2" in added
    # A value that is no name at all (ESC, a line break) is refused: one printable line, exit 2.
    for odd in ("\x1b[2Jclear", "two\nlines"):
        model["shapes"]["AutoMLMetricEnum"]["enum"] = [*values, odd]
        (folder / "service-2.json").write_text(json.dumps(model))
        code, out, err = run(capsys, "sync", "--from-botocore", "--schema", str(schema))
        assert (code, out) == (2, "")
        assert len(_safe_lines(err)) == 2 and "not a name" in err  # the line, the final newline
