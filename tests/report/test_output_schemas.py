"""Every JSON output has the shape its JSON Schema (schema/outputs/) states, with the one
vocabulary (snake_case field names, AWS's values as AWS spells them) and ``schema_version``
first: real outputs of every command, on valid, invalid, unreadable and hostile-named files."""

from __future__ import annotations

import json
import os
import typing
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from automl_objective.base.codes import Code, Severity
from automl_objective.check.catalog import load_catalog
from automl_objective.cli import main
from automl_objective.report.schema_version import SCHEMA_VERSION
from tests.support.paths import BAD_INPUTS, CODE, EXAMPLES, FIXTURES, ROOT

OUTPUTS = ROOT / "schema" / "outputs"
HOSTILE_NAMES = [
    "line\nbreak.json",
    "esc\x1b[31m.json",
    "::error file=x::pwned.json",
    os.fsdecode(b"not-utf8-\xff.json"),
]


def _validator(name: str) -> Draft202012Validator:
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in OUTPUTS.glob("*.schema.json")}
    registry: Registry[Any] = Registry().with_resources(
        (key, Resource.from_contents(value)) for key, value in schemas.items()
    )
    Draft202012Validator.check_schema(schemas[name])
    return Draft202012Validator(schemas[name], registry=registry)


def _output(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(list(args))
    out = capsys.readouterr().out
    document = json.loads(out)
    assert next(iter(document)) == "schema_version"
    assert document["schema_version"] == SCHEMA_VERSION
    return code, document


def _assert_valid(name: str, document: dict[str, Any]) -> None:
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(document)
    ]
    assert errors == []


def _hostile_folder(tmp_path: Path) -> Path:
    for name in HOSTILE_NAMES:
        (tmp_path / name).write_text(
            '{"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "AUC\\u001b"}, '
            '"::warning::x": 1, "\\ud800": 2}'
        )
    return tmp_path


def test_the_finding_schema_knows_every_code_and_severity() -> None:
    finding = json.loads((OUTPUTS / "finding.schema.json").read_text("utf-8"))["properties"]
    assert finding["severity"]["enum"] == list(typing.get_args(Severity))
    validator = Draft202012Validator(finding["code"])
    assert [code for code in Code if not validator.is_valid(str(code))] == []


@pytest.mark.parametrize(
    "paths",
    [[str(EXAMPLES)], [str(FIXTURES / "invalid")], [str(CODE)], [str(BAD_INPUTS)]],
    ids=["examples", "invalid", "code", "bad-inputs"],
)
def test_validate_json_has_its_schemas_shape(
    capsys: pytest.CaptureFixture[str], paths: list[str]
) -> None:
    code, document = _output(capsys, "validate", "--format", "json", *paths)
    assert code == (0 if document["valid"] else 1)
    _assert_valid("validate.schema.json", document)


def test_validate_json_of_hostile_names_skipped_and_missing_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = _hostile_folder(tmp_path)
    (folder / "settings.json").write_text('{"epochs": 3}')
    code, document = _output(capsys, "validate", "--format", "json", "--skip-unknown", str(folder))
    assert code == 1
    _assert_valid("validate.schema.json", document)
    assert any("skipped" in f for f in document["files"])
    assert len(document["files"]) == len(HOSTILE_NAMES) + 1


def test_a_notebook_finding_carries_its_cell_and_related_places_are_allowed() -> None:
    finding = {
        "severity": "error",
        "code": "duplicate-key",
        "pointer": "/AutoMLJobObjective",
        "line": 3,
        "column": 5,
        "message": "m",
        "cell": 2,
        "related": [{"line": 1, "column": 5, "message": "first here", "cell": 2}],
    }

    def document(found: dict[str, Any]) -> dict[str, Any]:
        file = {"path": "a.ipynb", "valid": False, "findings": [found]}
        return {"schema_version": "1.0", "valid": False, "files": [file]}

    _assert_valid("validate.schema.json", document(finding))
    broken = document({**finding, "related": [{"line": 1}]})
    assert not _validator("validate.schema.json").is_valid(broken)


@pytest.mark.parametrize(
    "path",
    [
        EXAMPLES / "create-auto-ml-job.json",
        EXAMPLES / "objective.json",
        FIXTURES / "valid" / "v2-text-generation.json",
        FIXTURES / "valid" / "v2-tabular-neither.json",
        FIXTURES / "invalid" / "v1-regression-auc.json",
    ],
    ids=lambda p: p.name,
)
def test_resolve_json_has_its_schemas_shape(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    code, document = _output(capsys, "resolve", "--format", "json", str(path))
    assert code == (0 if document["valid"] else 1)
    _assert_valid("resolve.schema.json", document)


def test_resolve_json_of_a_hostile_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for path in sorted(_hostile_folder(tmp_path).iterdir()):
        code, document = _output(capsys, "resolve", "--format", "json", str(path))
        assert (code, document["valid"], document["metric"]) == (1, False, None)
        _assert_valid("resolve.schema.json", document)


@pytest.mark.parametrize("problem_type", [None, *load_catalog().problem_type_names])
def test_metrics_json_has_its_schemas_shape(
    capsys: pytest.CaptureFixture[str], problem_type: str | None
) -> None:
    chosen = ["--problem-type", problem_type] if problem_type else []
    code, document = _output(capsys, "metrics", "--format", "json", *chosen)
    assert code == 0
    _assert_valid("metrics.schema.json", document)


def test_schemas_json_has_its_schemas_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, document = _output(capsys, "schemas", "--format", "json")
    assert code == 0 and document["schemas"]
    _assert_valid("schemas.schema.json", document)
    assert all(Path(s["path"]).name == s["name"] for s in document["schemas"])


def test_sync_json_has_its_schemas_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, document = _output(capsys, "sync", "--from-botocore", "--format", "json")
    assert code in (0, 1)
    _assert_valid("sync.schema.json", document)


def test_one_vocabulary_for_the_api_and_every_json_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Python objects' as_dict() give the same names the JSON outputs use."""
    from automl_objective.api import resolve_file

    path = str(EXAMPLES / "create-auto-ml-job.json")
    result, resolution = resolve_file(path)
    assert resolution is not None
    _, document = _output(capsys, "resolve", "--format", "json", path)
    assert document == {
        "schema_version": SCHEMA_VERSION,
        **result.as_dict(),
        **resolution.as_dict(),
    }
    assert set(resolution.as_dict()) == {"problem_type", "metric", "direction", "source", "note"}


def test_metrics_json_is_the_catalogs_as_dicts(capsys: pytest.CaptureFixture[str]) -> None:
    catalog = load_catalog()
    _, document = _output(capsys, "metrics", "--format", "json")
    assert document["problem_types"] == [r.as_dict() for r in catalog.problem_types]
    for entry, metric in zip(document["metrics"], catalog.metrics, strict=True):
        assert {k: v for k, v in entry.items() if k != "problem_types"} == metric.as_dict()
