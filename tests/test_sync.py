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
from automl_objective.documents import parse_text
from automl_objective.validation import Checker
from automl_objective_codegen.placeholders import placeholders

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


CATALOG = catalog_from_schema(json.loads(SCHEMA.read_text()))
# A metric AWS may retire: the one a problem type allows alone (it empties that type).
SOLE = next(r for r in CATALOG.problem_types if len(r.allowed) == 1)
# A metric that is nobody's default and not the only one anywhere.
PLAIN = next(
    m.name
    for m in CATALOG.metrics
    if all(
        m.name != r.default and (m.name not in r.allowed or len(r.allowed) > 1)
        for r in CATALOG.problem_types
    )
)


def drifted(model: dict[str, Any]) -> dict[str, Any]:
    changed: dict[str, Any] = json.loads(json.dumps(model))
    shapes = changed["shapes"]
    shapes["AutoMLMetricEnum"]["enum"] = [
        m for m in shapes["AutoMLMetricEnum"]["enum"] if m != PLAIN
    ] + ["ZzNewMetric"]
    shapes["AutoMLMetricEnum"]["enum"].reverse()  # order alone is no drift
    shapes["ProblemType"]["enum"].append("ZzRanking")
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
    assert out[1:6] == [
        "AutoMLMetricEnum:",
        "  + ZzNewMetric",
        f"  - {PLAIN}",
        "ProblemType:",
        "  + ZzRanking",
    ]
    # AWS's documentation still names the removed metric: that is drift too.
    assert any(line.startswith("  ~ ") and f"{PLAIN!r}, which is not" in line for line in out)
    assert schema_copy.read_bytes() == before  # without --write nothing changes


def test_json_format_lists_the_drift(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_model(monkeypatch, tmp_path, drifted(service_model))
    code = main(["sync", "--from-botocore", "--format", "json", "--schema", str(schema_copy)])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["drift"] is True and data["wrote"] is False
    values = {part["shape"]: part for part in data["values"]}
    assert values["AutoMLMetricEnum"] == {
        "shape": "AutoMLMetricEnum",
        "added": ["ZzNewMetric"],
        "removed": [PLAIN],
    }
    assert values["ProblemType"]["added"] == ["ZzRanking"]
    assert {r["fact"] for r in data["rules"]} == {"unknown-value"}
    assert data["version_mismatch"] is None


def test_write_exits_0_and_names_what_is_left(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_model(monkeypatch, tmp_path, drifted(service_model))
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 0
    out = capsys.readouterr().out
    facts = "/$defs/MetricName/x-metrics/ZzNewMetric"
    assert f"  todo: {facts}/direction: placeholder" in out
    assert f"  todo: {facts}/description: placeholder" in out
    assert "  todo: /$defs/ZzRankingMetricName/enum/0: placeholder" in out
    assert "  todo: /$defs/ZzRankingMetricName/default: placeholder" in out
    assert "  todo: metric 'ZzNewMetric' is allowed for no problem type" in out
    schema = json.loads(schema_copy.read_text())
    defs = schema["$defs"]
    assert "ZzNewMetric" in defs["MetricName"]["enum"]
    assert PLAIN not in defs["MetricName"]["enum"] and PLAIN not in defs["MetricName"]["x-metrics"]
    assert not any(PLAIN in d.get("enum", []) for d in defs.values())
    assert "ZzRanking" in defs["ProblemType"]["enum"]
    # Once written, the values match botocore (the documentation still names the removed one).
    assert main(["sync", "--from-botocore", "--format", "json", "--schema", str(schema_copy)])
    data = json.loads(capsys.readouterr().out)
    assert not any(part["added"] or part["removed"] for part in data["values"])
    # generate refuses until a person fills the placeholders in, naming each by its pointer.
    code = main(["generate", "--schema", str(schema_copy), "--output", str(tmp_path / "g")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert f"{facts}/direction" in err and "/$defs/ZzRankingMetricName/default" in err
    assert not (tmp_path / "g").exists()


def _rule_blocks(schema: dict[str, Any], definition: str) -> list[str]:
    """The request definitions with an if/then block selecting ``definition``."""
    ref = f"#/$defs/{definition}"
    return sorted(
        name
        for name, body in schema["$defs"].items()
        if isinstance(body, dict) and ref in json.dumps(body.get("allOf", []))
    )


def test_a_new_problem_type_gets_its_rule_and_its_blocks(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    model = json.loads(json.dumps(service_model))
    model["shapes"]["ProblemType"]["enum"].append("ZzRanking")
    union = model["shapes"]["AutoMLProblemTypeConfig"]["members"]
    union["ZzVisionJobConfig"] = {"shape": "TabularJobConfig"}
    use_model(monkeypatch, tmp_path, model)
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 0
    capsys.readouterr()
    schema = json.loads(schema_copy.read_text())
    tabular = CATALOG.problem_type(CATALOG.tabular_problem_types[0]).definition
    other = next(r for r in CATALOG.problem_types if not r.is_tabular and r.objective_used)
    assert _rule_blocks(schema, "ZzRankingMetricName") == _rule_blocks(schema, tabular)
    assert _rule_blocks(schema, "ZzVisionMetricName") == _rule_blocks(schema, other.definition)
    assert schema["$defs"]["ZzVisionMetricName"]["x-job-config"] == "ZzVisionJobConfig"
    # Fill the placeholders: the new types are then enforced, with no hand-written block.
    allowed = CATALOG.metrics[0].name
    refused = CATALOG.metrics[-1].name
    for name in ("ZzRankingMetricName", "ZzVisionMetricName"):
        schema["$defs"][name].update(
            {"description": "Filled in.", "enum": [allowed], "default": allowed}
        )
    catalog = catalog_from_schema(schema)
    assert catalog_problems(catalog) == []
    checker = Checker(schema, catalog)

    def codes(document: dict[str, Any]) -> list[str]:
        found = checker.validate(parse_text("job.json", json.dumps(document))).findings
        return [f.code for f in found if f.severity == "error"]

    for metric, expected in ((allowed, []), (refused, ["metric-not-allowed"])):
        objective = {"MetricName": metric}
        v1 = {"ProblemType": "ZzRanking", "AutoMLJobObjective": objective}
        tabular_v2 = {
            "AutoMLProblemTypeConfig": {"TabularJobConfig": {"ProblemType": "ZzRanking"}},
            "AutoMLJobObjective": objective,
        }
        vision = {
            "AutoMLProblemTypeConfig": {"ZzVisionJobConfig": {}},
            "AutoMLJobObjective": objective,
        }
        assert [codes(d) for d in (v1, tabular_v2, vision)] == [expected] * 3


def test_a_removal_prunes_defaults_and_examples_and_an_emptied_type_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    schema = json.loads(schema_copy.read_text())
    example = schema["$defs"]["AutoMLJobObjective"]["examples"][0]["MetricName"]
    gone = {SOLE.allowed[0], example}
    model = json.loads(json.dumps(service_model))
    enum = model["shapes"]["AutoMLMetricEnum"]["enum"]
    model["shapes"]["AutoMLMetricEnum"]["enum"] = [m for m in enum if m not in gone]
    use_model(monkeypatch, tmp_path, model)
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 0
    out = capsys.readouterr().out
    text = schema_copy.read_text()
    assert not any(f'"{name}"' in text for name in gone)
    # A default AWS removed (and whose replacement its documentation does not state) is a
    # placeholder; once a person picks one, the emptied problem type is the one error left.
    schema = json.loads(text)
    for rule in CATALOG.problem_types:
        body = schema["$defs"][rule.definition]
        if rule.default in gone and body["enum"]:
            assert f"  todo: /$defs/{rule.definition}/default: placeholder" in out
            body["default"] = body["enum"][0]
    schema_copy.write_text(json.dumps(schema))
    code = main(["generate", "--schema", str(schema_copy), "--output", str(tmp_path / "g")])
    err = capsys.readouterr().err
    assert code == 2
    assert (
        err == f"automl-objective: {schema_copy}: schema: $defs/{SOLE.definition}/enum is empty\n"
    )


def test_a_removed_default_takes_the_documented_one_or_a_placeholder(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rule = next(r for r in CATALOG.problem_types if r.default and len(r.allowed) > 1)
    assert rule.default is not None
    model = json.loads(json.dumps(service_model))
    enum = model["shapes"]["AutoMLMetricEnum"]["enum"]
    enum.remove(rule.default)
    use_model(monkeypatch, tmp_path, model)
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 0
    out = capsys.readouterr().out
    assert f"  todo: /$defs/{rule.definition}/default: placeholder" in out
    code = main(["generate", "--schema", str(schema_copy), "--output", str(tmp_path / "g")])
    assert code == 2
    assert f"/$defs/{rule.definition}/default" in capsys.readouterr().err


def test_canonical_schema_has_no_open_placeholders() -> None:
    schema = json.loads(SCHEMA.read_text())
    assert placeholders(schema) == []
    assert catalog_problems(catalog_from_schema(schema)) == []


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
