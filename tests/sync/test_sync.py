"""`automl-objective sync --from-botocore` against botocore's real model and modified copies."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from automl_objective.base.quoting import printable
from automl_objective.check.catalog import catalog_from_schema, catalog_problems
from automl_objective.check.checker import Checker
from automl_objective.cli import main
from automl_objective.inputs.syntax import parse_text
from automl_objective_codegen.placeholders import placeholders
from tests.support.botocore_models import CATALOG, PLAIN, SOLE, drifted, use_model
from tests.support.paths import SCHEMA


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


def _edit(*path: str | int, value: Any) -> Any:
    """Set the value at ``path`` in the schema's JSON (a text edit: the file is rewritten)."""

    def edit(text: str) -> str:
        schema = json.loads(text)
        node = schema
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return json.dumps(schema, indent=2)

    return edit


def _drop_def(name: str) -> Any:
    def edit(text: str) -> str:
        schema = json.loads(text)
        del schema["$defs"][name]
        return json.dumps(schema)

    return edit


def _nested(levels: int) -> Any:
    value: Any = []
    for _ in range(levels - 1):
        value = [value]
    return value


METRIC_DEF = ("$defs", "MetricName")
HOSTILE_SCHEMAS: dict[str, tuple[Any, str]] = {
    # Read as generate reads it: a key twice is refused, never one of its values dropped.
    "a duplicate key": (
        lambda text: text.replace('"$defs": {', '"title": "again", "$defs": {', 1),
        "invalid JSON: the key 'title' appears twice in one object",
    ),
    "a duplicate key deep down": (
        lambda text: text.replace('"direction": ', '"direction": "Maximize", "direction": ', 1),
        "the key 'direction' appears twice",
    ),
    "not JSON": (lambda text: "{broken", r":1:2: invalid JSON: Expecting property name"),
    "empty": (lambda text: "", "invalid JSON: Expecting value"),
    "UTF-16": (lambda text: text.encode("utf-16"), r"not UTF-8 text at byte 0 \(it is UTF-16"),
    "not UTF-8": (lambda text: b"\xff" + text.encode(), "not UTF-8 text at byte 0$"),
    "nested too deeply to parse": (lambda text: "[" * 100_000, "nested too deeply"),
    "nested deeper than sync reads": (
        _edit("$defs", "AutoMLJobObjective", "examples", value=_nested(201)),
        "nested more than 200 levels deep",
    ),
    # Text that cannot be written back.
    "a lone surrogate": (
        _edit("title", value="\ud800"),
        "/title: holds U\\+D800, which generated files cannot hold",
    ),
    "a lone surrogate in a key": (
        _edit("$defs", "ZzNote\udfff", value={}),
        r"/\$defs/ZzNote\\udfff \(the key\): holds U\+DFFF",
    ),
    # Every part sync reads, in the wrong shape.
    "the root a list": (lambda text: "[]", "the root must be an object, not a list"),
    "no $defs": (lambda text: "{}", r"the root has no '\$defs'"),
    "$defs a list": (_edit("$defs", value=[]), r"/\$defs must be an object, not a list"),
    "no ProblemType": (_drop_def("ProblemType"), r"/\$defs has no 'ProblemType'"),
    "no MetricName enum": (
        _edit(*METRIC_DEF, value={"type": "string"}),
        r"/\$defs/MetricName has no 'enum'",
    ),
    "MetricName a string": (
        _edit(*METRIC_DEF, value="MSE"),
        r"/\$defs/MetricName must be an object, not a string",
    ),
    "x-metrics null": (
        _edit(*METRIC_DEF, "x-metrics", value=None),
        r"/\$defs/MetricName/x-metrics must be an object, not null",
    ),
    "x-metrics a list": (
        _edit(*METRIC_DEF, "x-metrics", value=["MSE"]),
        r"/x-metrics must be an object, not a list",
    ),
    "a metric's facts a string": (
        _edit(*METRIC_DEF, "x-metrics", "MSE", value="MSE"),
        r"/x-metrics/MSE must be an object, not a string",
    ),
    "aliases a string": (
        _edit(*METRIC_DEF, "x-metrics", "MSE", "aliases", value="mse"),
        r"/x-metrics/MSE/aliases must be a list, not a string",
    ),
    "an alias a number": (
        _edit(*METRIC_DEF, "x-metrics", "MSE", "aliases", value=[1]),
        r"/x-metrics/MSE/aliases/0 must be a string, not a number",
    ),
    "MetricName's enum an object": (
        _edit(*METRIC_DEF, "enum", value={"MSE": 1}),
        r"/\$defs/MetricName/enum must be a list, not an object",
    ),
    "a metric null": (
        _edit(*METRIC_DEF, "enum", 0, value=None),
        r"/\$defs/MetricName/enum/0 must be a string, not null",
    ),
    "ProblemType's enum a string": (
        _edit("$defs", "ProblemType", "enum", value="Regression"),
        r"/\$defs/ProblemType/enum must be a list, not a string",
    ),
    "the union's names missing": (
        _edit("$defs", "AutoMLProblemTypeConfig", "propertyNames", value={}),
        r"/propertyNames has no 'enum'",
    ),
    "the union's properties a list": (
        _edit("$defs", "AutoMLProblemTypeConfig", "properties", value=[]),
        r"/AutoMLProblemTypeConfig/properties must be an object, not a list",
    ),
    "a per-type enum a string": (
        _edit("$defs", "RegressionMetricName", "enum", value="MSE"),
        r"/\$defs/RegressionMetricName/enum must be a list, not a string",
    ),
    "a per-type enum holding a list": (
        _edit("$defs", "RegressionMetricName", "enum", value=[["MSE"]]),
        r"/RegressionMetricName/enum/0 must be a string, not a list",
    ),
    "a problem type a number": (
        _edit("$defs", "RegressionMetricName", "x-problem-type", value=7),
        r"/RegressionMetricName/x-problem-type must be a string, not a number",
    ),
    "a job config a boolean": (
        _edit("$defs", "RegressionMetricName", "x-job-config", value=True),
        r"/RegressionMetricName/x-job-config must be a string, not a boolean",
    ),
}


def _plant(path: Path, case: str) -> bytes:
    edit, _ = HOSTILE_SCHEMAS[case]
    changed = edit(SCHEMA.read_text("utf-8"))
    data = changed if isinstance(changed, bytes) else changed.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("write", [False, True], ids=["sync", "sync --write"])
@pytest.mark.parametrize("case", sorted(HOSTILE_SCHEMAS))
def test_a_hostile_schema_is_one_line_and_exit_2_and_left_as_it_was(
    case: str,
    write: bool,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_model(monkeypatch, tmp_path, drifted(service_model))  # --write would write
    before = _plant(schema_copy, case)
    args = ["sync", "--from-botocore", "--schema", str(schema_copy), *(["--write"] * write)]
    _refused(capsys, args, HOSTILE_SCHEMAS[case][1])
    assert schema_copy.read_bytes() == before
    assert [p.name for p in schema_copy.parent.iterdir()] == [schema_copy.name]  # no temporary


def test_a_schema_as_deep_as_sync_reads_is_written(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The depth limit is the writer's: a schema at the limit is copied, pruned and written;
    and defaults and enum values that are not strings (valid JSON Schema) are kept."""
    schema = json.loads(schema_copy.read_text())
    objective = schema["$defs"]["AutoMLJobObjective"]
    objective["examples"].append(_nested(200 - 4))  # root, $defs, the objective, examples
    objective["default"] = {"MetricName": PLAIN}
    schema["$defs"]["ZzOther"] = {"enum": [{"a": 1}, [2], PLAIN], "default": [PLAIN]}
    schema_copy.write_text(json.dumps(schema))
    use_model(monkeypatch, tmp_path, drifted(service_model))
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 0
    capsys.readouterr()
    written = json.loads(schema_copy.read_text())
    assert written["$defs"]["AutoMLJobObjective"]["examples"][-1] == _nested(196)
    assert written["$defs"]["ZzOther"] == {"enum": [{"a": 1}, [2]], "default": [PLAIN]}


def test_a_value_holding_a_line_break_stays_on_its_line_in_every_format(
    schema_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A schema value AWS lacks is drift, printed: a line break in it (text the schema may
    hold) must not start a line of its own, e.g. a GitHub workflow command."""
    value = "Zz\n::error file=README.md::x\u2028y"
    schema = json.loads(schema_copy.read_text())
    schema["$defs"]["MetricName"]["enum"].append(value)
    schema_copy.write_text(json.dumps(schema))
    args = ["sync", "--from-botocore", "--schema", str(schema_copy), "--format"]
    assert main([*args, "text"]) == 1
    text = capsys.readouterr().out
    assert "  - Zz\\n::error file=README.md::x\\u2028y\n" in text
    assert not any(line.startswith("::") for line in text.splitlines())
    assert main([*args, "markdown"]) == 1
    markdown = capsys.readouterr().out
    assert "-`Zz\\n::error file=README.md::x\\u2028y`" in markdown
    assert not any(line.startswith("::") for line in markdown.splitlines())
    assert main([*args, "json"]) == 1
    # JSON too shows names by the one rule of every output (quoting.printable).
    assert json.loads(capsys.readouterr().out)["values"][0]["removed"] == [printable(value)]


# --- links: written through, never replaced; a hard link is refused ----------------------------


def _write(capsys: pytest.CaptureFixture[str], schema: Path) -> int:
    code = main(["sync", "--from-botocore", "--write", "--schema", str(schema)])
    capsys.readouterr()
    return code


@pytest.mark.parametrize("hops", [1, 2], ids=["a link", "a link to a link"])
def test_write_goes_through_a_symbolic_link_and_keeps_it(
    hops: int,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_model(monkeypatch, tmp_path, drifted(service_model))
    schema_copy.chmod(0o640)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "schema.json"
    link.symlink_to(schema_copy)
    for hop in range(1, hops):
        link = elsewhere / f"hop{hop}.json"
        link.symlink_to(elsewhere / ("schema.json" if hop == 1 else f"hop{hop - 1}.json"))
    assert _write(capsys, link) == 0
    assert "ZzNewMetric" in json.loads(schema_copy.read_text())["$defs"]["MetricName"]["enum"]
    assert all(p.is_symlink() for p in elsewhere.iterdir())  # every link is still a link
    assert link.read_text() == schema_copy.read_text()
    assert oct(schema_copy.stat().st_mode & 0o777) == oct(0o640)  # its permissions kept
    assert [p.name for p in schema_copy.parent.iterdir()] == [schema_copy.name]


def test_a_hard_linked_schema_is_refused_and_both_names_kept(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_model(monkeypatch, tmp_path, drifted(service_model))
    other = tmp_path / "other.json"
    os.link(schema_copy, other)
    before = schema_copy.read_bytes()
    args = ["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]
    _refused(capsys, args, "has 2 hard links; rewriting it would leave the other names")
    assert schema_copy.read_bytes() == other.read_bytes() == before
    assert os.path.samefile(schema_copy, other)
    assert [p.name for p in schema_copy.parent.iterdir()] == [schema_copy.name]
    # Without --write nothing is written, so nothing is refused: the drift is reported.
    assert main(["sync", "--from-botocore", "--schema", str(schema_copy)]) == 1


@pytest.mark.parametrize("target", ["missing.json", "loop.json"], ids=["dangling", "a loop"])
def test_a_link_to_nothing_is_no_such_schema(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "loop.json"
    link.symlink_to(tmp_path / target)
    _refused(capsys, ["sync", "--from-botocore", "--write", "--schema", str(link)], "no such")
    assert link.is_symlink()


def test_a_model_value_that_is_no_name_is_one_line_and_nothing_written(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A lone surrogate (or a line break) in AWS's values never reaches the schema or the
    output: UTF-8 cannot write it, and it is no metric name."""
    before = schema_copy.read_bytes()
    for value in ("Zz\ud800", "Zz\nMetric", "Zz\x1b[31m"):
        model = json.loads(json.dumps(service_model))
        model["shapes"]["AutoMLMetricEnum"]["enum"].append(value)
        use_model(monkeypatch, tmp_path / value.encode("unicode_escape").decode(), model)
        for write in ([], ["--write"]):
            args = ["sync", "--from-botocore", "--schema", str(schema_copy), *write]
            _refused(capsys, args, r"shape AutoMLMetricEnum holds 'Zz.*', not a name$")
        assert schema_copy.read_bytes() == before
        assert [p.name for p in schema_copy.parent.iterdir()] == [schema_copy.name]


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
