"""The shipped editor schemas: self-contained, annotated, narrowed, and judging like the CLI
(python-jsonschema and jsonschema-rs here; the Node-side tools in tests/editors/)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import regress
from jsonschema import Draft202012Validator

from automl_objective.check.catalog import load_catalog
from tests.support.editor_cases import (
    SCHEMAS,
    Shipped,
    cli_verdict,
    documents,
    editor_vocabulary,
)
from tests.support.fixture_cases import Case
from tests.support.paths import ROOT

BUNDLED = ROOT / "generated" / "schema" / "automl_job_objective.bundled.schema.json"
EDITOR: dict[str, Any] = json.loads(BUNDLED.read_text())


def walk(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_objective_schema_inlines_everything() -> None:
    assert not [n for n in walk(EDITOR) if "$ref" in n]
    assert "$defs" not in EDITOR


def test_every_metric_list_explains_its_values() -> None:
    catalog = load_catalog()
    lists = [n for n in walk(EDITOR) if "markdownEnumDescriptions" in n]
    assert lists
    for node in lists:
        assert len(node["enumDescriptions"]) == len(node["enum"])
        if not set(node["enum"]) <= set(catalog.metric_names):
            continue
        for name, text in zip(node["enum"], node["markdownEnumDescriptions"], strict=True):
            metric = catalog.metric(name)
            assert metric.description in text and metric.direction.lower() in text
    regression = next(n for n in walk(EDITOR) if n.get("x-problem-type") == "Regression")
    assert regression["markdownDescription"] == (
        "Metrics AWS accepts for **Regression**: `MSE` (default), `RMSE`, `R2`, `MAE`."
    )
    assert regression["x-default"] == "MSE"


def test_no_default_for_a_filling_validator_to_insert() -> None:
    assert not [n for n in walk(EDITOR) if "default" in n]


def _metric_enums(node: Any) -> list[list[str]]:
    """The enums of every MetricName member schema below ``node``."""
    found = []
    for item in walk(node):
        metric = item.get("properties", {}).get("MetricName")
        if isinstance(metric, dict) and "enum" in metric:
            found.append(metric["enum"])
    return found


def test_one_metric_enum_per_branch_and_the_v1_metrics_last() -> None:
    """Completion merges every enum that applies: each branch of the problem-type chain holds
    exactly one, and the last else (no problem type) the metrics of the problem types V1
    trains (the tabular ones), not all 17: V1 refuses a time-series metric."""
    catalog = load_catalog()
    v1 = EDITOR["else"]["else"]["then"]
    assert "AutoMLJobObjective" not in v1["properties"]
    chain = v1["allOf"][-1]
    seen = []
    while "if" in chain:
        seen.append(_metric_enums(chain["then"]))
        chain = chain["else"]
    assert seen == [[list(r.allowed)] for r in catalog.problem_types if r.is_tabular]
    tabular = [r for r in catalog.problem_types if r.is_tabular]
    v1_metrics = [m for m in catalog.metric_names if any(m in r.allowed for r in tabular)]
    assert _metric_enums(chain) == [v1_metrics]
    assert len(v1_metrics) < len(catalog.metric_names)


def _refs(node: Any) -> list[str]:
    return [str(n["$ref"]) for n in walk(node) if "$ref" in n]


@pytest.mark.parametrize("shipped", SCHEMAS[1:], ids=[s.name for s in SCHEMAS[1:]])
def test_shipped_schemas_stand_alone(shipped: Shipped) -> None:
    """No reference leaves the file: an editor or validator needs nothing else (and no network)."""
    schema = shipped.load()
    Draft202012Validator.check_schema(schema)
    assert [r for r in _refs(schema) if not r.startswith("#/$defs/")] == []
    assert not [n for n in walk(schema) if "default" in n]
    assert schema["$id"].endswith(".bundled.schema.json")


@pytest.mark.parametrize("kind", ["create-auto-ml-job-request", "create-auto-ml-job-v2-request"])
def test_request_members_carry_aws_documentation_and_a_narrowed_objective(kind: str) -> None:
    shipped = next(s for s in SCHEMAS if s.kind == kind)
    schema = shipped.load()
    shape = schema["$defs"][schema["title"]]
    members = shape["properties"]
    assert shape["additionalProperties"] is False
    assert members and all(m.get("description") for m in members.values())
    # The objective's metric enums come only from the problem-type chain, one per branch.
    assert "AutoMLMetricEnum" not in schema["$defs"]
    assert "$ref" not in members["AutoMLJobObjective"]
    aws = json.loads(
        (
            ROOT / "generated" / "automl_objective_generated" / "aws" / f"{kind}.schema.json"
        ).read_text()
    )
    assert set(members) == set(aws["$defs"][aws["title"]]["properties"])


def _verdict_cases() -> list[Any]:
    return [
        pytest.param(shipped, case, data, id=f"{shipped.name}:{case.id}")
        for shipped in SCHEMAS
        for case, data in documents()
    ]


VALIDATORS: dict[str, Any] = {}


def _python_validators(shipped: Shipped) -> tuple[Any, Any]:
    if shipped.name not in VALIDATORS:
        schema = shipped.load()
        VALIDATORS[shipped.name] = (
            Draft202012Validator(schema),
            jsonschema_rs.Draft202012Validator(schema),
        )
    return VALIDATORS[shipped.name]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("shipped", "case", "data"), _verdict_cases())
def test_python_validators_agree_with_the_cli(shipped: Shipped, case: Case, data: Any) -> None:
    reference, rust = _python_validators(shipped)
    expected = cli_verdict(case, shipped.kind)
    assert reference.is_valid(data) is expected
    assert rust.is_valid(data) is expected


def test_schemas_command_prints_the_shipped_files(capsys: pytest.CaptureFixture[str]) -> None:
    from automl_objective.cli import main

    assert main(["schemas"]) == 0
    printed = [Path(line) for line in capsys.readouterr().out.splitlines()]
    folder = ROOT / "generated" / "schema"
    assert printed == sorted(folder.glob("*.json"))
    assert {s.path for s in SCHEMAS[1:]} <= set(printed)
    assert all(p.is_absolute() and p.is_file() for p in printed)


def _fake_package(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import automl_objective_generated

    package = root / "site-packages" / "automl_objective_generated"
    package.mkdir(parents=True)
    monkeypatch.setattr(automl_objective_generated, "__file__", str(package / "__init__.py"))
    return package


def test_an_installed_wheel_finds_its_editor_schemas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from automl_objective.base.editor_schemas import editor_schema_paths

    package = _fake_package(tmp_path, monkeypatch)
    (package / "editor_schemas").mkdir()
    (package / "editor_schemas" / "catalog.json").write_text("{}")
    assert editor_schema_paths() == [package / "editor_schemas" / "catalog.json"]


def test_no_editor_schemas_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from automl_objective.cli import main

    package = _fake_package(tmp_path, monkeypatch)
    assert main(["schemas"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"automl-objective: error: no editor schemas in {package / 'editor_schemas'}\n"
    )


def test_readme_names_every_shipped_file_and_the_whole_vocabulary() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("### In your editor") : readme.index("### In Python")]
    for path in sorted((ROOT / "generated" / "schema").glob("*.json")):
        assert f"| `{path.name}` |" in section
    block = re.search(r"ajv\.addVocabulary\(\[(.*?)\]\)", section, re.DOTALL)
    assert block is not None
    assert re.findall(r'"([^"]+)"', block.group(1)) == editor_vocabulary()


def test_catalog_points_at_every_shipped_schema() -> None:
    folder = ROOT / "generated" / "schema"
    catalog = json.loads((folder / "catalog.json").read_text("utf-8"))
    urls = [entry["url"] for entry in catalog["schemas"]]
    assert sorted(urls) == sorted(f"./{s.name}" for s in SCHEMAS[1:])
    for entry in catalog["schemas"]:
        schema = json.loads((folder / entry["url"]).read_text("utf-8"))
        assert entry["name"] == schema["title"] and entry["fileMatch"]


@pytest.mark.parametrize("shipped", SCHEMAS[1:], ids=[s.name for s in SCHEMAS[1:]])
def test_patterns_are_ecma_262(shipped: Shipped) -> None:
    """Editors and ajv run patterns as ECMA-262 regular expressions with the u flag."""
    patterns = [
        node[key]
        for node in walk(shipped.load())
        for key in ("pattern", "x-unicode-pattern")
        if isinstance(node.get(key), str)
    ]
    if "request" in shipped.name:
        assert patterns
    for pattern in patterns:
        regress.Regex(pattern, "u")
