"""`automl-objective sync --from-botocore` against botocore's real model and modified copies."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path
from typing import Any

import botocore
import pytest

from automl_objective.catalog import catalog_from_schema, catalog_problems
from automl_objective.cli import main
from automl_objective_codegen.run import generate

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "automl_job_objective.schema.json"
MODEL = Path(botocore.__file__).parent / "data" / "sagemaker" / "2017-07-24" / "service-2.json.gz"


@pytest.fixture(scope="module")
def service_model() -> dict[str, Any]:
    model: dict[str, Any] = json.loads(gzip.decompress(MODEL.read_bytes()))
    return model


@pytest.fixture
def schema_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "schema"
    folder.mkdir()
    return Path(shutil.copy(SCHEMA, folder / SCHEMA.name))


def use_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, model: dict[str, Any]) -> None:
    """Put a modified sagemaker model first on botocore's search path (AWS_DATA_PATH)."""
    folder = tmp_path / "models" / "sagemaker" / "2017-07-24"
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model))
    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path / "models"))


def drifted(model: dict[str, Any]) -> dict[str, Any]:
    changed: dict[str, Any] = json.loads(json.dumps(model))
    shapes = changed["shapes"]
    shapes["AutoMLMetricEnum"]["enum"] = [
        m for m in shapes["AutoMLMetricEnum"]["enum"] if m != "MASE"
    ] + ["LogLoss"]
    shapes["AutoMLMetricEnum"]["enum"].reverse()  # order alone is no drift
    shapes["ProblemType"]["enum"].append("OrdinalRegression")
    return changed


def test_installed_botocore_has_no_drift(
    schema_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["sync", "--from-botocore", "--schema", str(schema_copy)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[-1] == "no drift"


def test_reordering_is_not_drift(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    model = json.loads(json.dumps(service_model))
    model["shapes"]["AutoMLMetricEnum"]["enum"].sort()
    use_model(monkeypatch, tmp_path, model)
    assert main(["sync", "--from-botocore", "--schema", str(schema_copy)]) == 0
    assert "no drift" in capsys.readouterr().out


def test_added_and_removed_values_are_reported(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_model(monkeypatch, tmp_path, drifted(service_model))
    before = schema_copy.read_bytes()
    code = main(["sync", "--from-botocore", "--schema", str(schema_copy)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[1:] == [
        "AutoMLMetricEnum:",
        "  + LogLoss",
        "  - MASE",
        "ProblemType:",
        "  + OrdinalRegression",
    ]
    assert schema_copy.read_bytes() == before  # without --write nothing changes


def test_write_updates_the_schema_and_flows_into_generate(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_model(monkeypatch, tmp_path, drifted(service_model))
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 1
    out = capsys.readouterr().out
    assert "todo: metric 'LogLoss': direction must be one of" in out
    schema = json.loads(schema_copy.read_text())
    defs = schema["$defs"]
    assert "LogLoss" in defs["MetricName"]["enum"] and "MASE" not in defs["MetricName"]["enum"]
    assert "MASE" not in defs["TimeSeriesForecastingMetricName"]["enum"]
    assert "OrdinalRegression" in defs["ProblemType"]["enum"]
    problems = catalog_problems(catalog_from_schema(schema))
    assert (
        "ProblemType 'OrdinalRegression' has no $defs/OrdinalRegressionMetricName rule" in problems
    )
    # Once synced, the schema matches botocore...
    assert main(["sync", "--from-botocore", "--schema", str(schema_copy)]) == 0
    capsys.readouterr()
    # ...and one generate carries the new value into models, tables and docs.
    output = tmp_path / "generated"
    result = generate(schema_copy, output)
    assert result.warnings == problems
    models = (output / "automl_objective_generated" / "models.py").read_text()
    assert "LOG_LOSS = 'LogLoss'" in models and "'MASE'" not in models
    assert "`LogLoss`" in (output / "docs" / "reference.md").read_text()
    assert '"LogLoss"' in (output / "automl_objective_generated" / "tables.py").read_text()


def test_canonical_schema_has_no_open_placeholders() -> None:
    assert catalog_problems(catalog_from_schema(json.loads(SCHEMA.read_text()))) == []


# --- a broken model or schema is one line and exit 2 -------------------------------------------


def _without(name: str) -> Any:
    return lambda shapes: shapes.pop(name)


def _replace(name: str, shape: dict[str, Any]) -> Any:
    return lambda shapes: shapes.__setitem__(name, shape)


BROKEN_MODELS: dict[str, tuple[Any, str]] = {
    "no metric shape": (_without("AutoMLMetricEnum"), "has no shape AutoMLMetricEnum$"),
    "no union shape": (_without("AutoMLProblemTypeConfig"), "has no shape AutoMLProblemType"),
    "metric shape is a structure": (
        _replace("AutoMLMetricEnum", {"type": "structure", "members": {}}),
        "shape AutoMLMetricEnum is a structure, not a string",
    ),
    "enum missing": (
        _replace("ProblemType", {"type": "string"}),
        "shape ProblemType has no enum of strings",
    ),
    "enum of numbers": (
        _replace("ProblemType", {"type": "string", "enum": [1, 2]}),
        "has no enum of strings",
    ),
    "union is a string": (
        _replace("AutoMLProblemTypeConfig", {"type": "string"}),
        "is a string, not a structure",
    ),
}


def _refused(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert err.startswith("automl-objective: ") and err.count("\n") == 1, err
    assert re.search(message, err.strip()), err


@pytest.mark.parametrize("case", sorted(BROKEN_MODELS))
def test_a_model_lacking_a_shape_is_one_line_and_exit_2(
    case: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    edit, message = BROKEN_MODELS[case]
    model = json.loads(json.dumps(service_model))
    edit(model["shapes"])
    use_model(monkeypatch, tmp_path, model)
    before = schema_copy.read_bytes()
    _refused(capsys, ["sync", "--from-botocore", "--write", "--schema", str(schema_copy)], message)
    assert schema_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "cannot be read: Expecting property name"),
        ('{"metadata": {}}', "has no shape AutoMLMetricEnum"),
        ("[]", "cannot be read"),
    ],
)
def test_a_model_that_cannot_be_read_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str,
) -> None:
    folder = tmp_path / "models" / "sagemaker" / "2017-07-24"
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(text)
    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path / "models"))
    _refused(capsys, ["sync", "--from-botocore", "--schema", str(schema_copy)], message)


def test_a_schema_without_the_value_lists_is_one_line_and_exit_2(
    schema_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = json.loads(schema_copy.read_text())
    del schema["$defs"]["ProblemType"]
    schema_copy.write_text(json.dumps(schema))
    _refused(capsys, ["sync", "--from-botocore", "--schema", str(schema_copy)], "no value list at")
    schema_copy.write_text("{broken")
    _refused(capsys, ["sync", "--from-botocore", "--schema", str(schema_copy)], "cannot read")


def test_a_schema_that_cannot_be_written_is_one_line_and_left_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_model(monkeypatch, tmp_path, drifted(service_model))
    before = schema_copy.read_bytes()

    def read_only(*args: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("automl_objective_codegen.sync.os.replace", read_only)
    args = ["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]
    _refused(capsys, args, "cannot write: Permission denied")
    assert schema_copy.read_bytes() == before
    assert [p.name for p in schema_copy.parent.iterdir()] == [schema_copy.name]


def test_aws_dropping_a_default_metric_is_a_todo_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    model = json.loads(json.dumps(service_model))
    enum = model["shapes"]["AutoMLMetricEnum"]["enum"]
    enum.remove("MSE")  # the default for Regression
    use_model(monkeypatch, tmp_path, model)
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 1
    out = capsys.readouterr().out
    assert "  todo: $defs/RegressionMetricName/default 'MSE' is not in its enum" in out
    code = main(["generate", "--schema", str(schema_copy), "--output", str(tmp_path / "g")])
    assert code == 2
    assert "'MSE' is not in its enum" in capsys.readouterr().err
