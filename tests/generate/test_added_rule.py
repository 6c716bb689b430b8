"""A rule nobody listed by hand: added to a copy of the schema, enforced by one `generate`."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from automl_objective.base.schema import load_aws_index
from automl_objective.check.catalog import catalog_from_schema
from automl_objective.check.checker import Checker
from automl_objective.inputs.document import Document
from automl_objective_codegen.run import generate
from tests.support.paths import ROOT

SCHEMA = ROOT / "schema" / "automl_job_objective.schema.json"


def _document(data: Any) -> Document:
    return Document("request.json", data, json.dumps(data, indent=2), "json")


def _import_checks(folder: Path, name: str) -> ModuleType:
    """The checks module of the generated package in ``folder``, imported as package
    ``name`` (its explainers are imported from beside it when first called)."""
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec is not None and spec.loader is not None
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    return importlib.import_module(f"{name}.checks")


@pytest.fixture(scope="module")
def added(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[dict[str, Any], ModuleType]]:
    """The schema with ``OutputDataConfig: {required: [S3OutputPath]}`` added to V1
    requests, and the checks `generate` compiles from it."""
    folder = tmp_path_factory.mktemp("added")
    schema = json.loads(SCHEMA.read_text())
    v1 = schema["$defs"]["CreateAutoMLJobRequest"]
    v1["properties"]["OutputDataConfig"] = {"type": "object", "required": ["S3OutputPath"]}
    (folder / "schema").mkdir()
    path = folder / "schema" / SCHEMA.name
    path.write_text(json.dumps(schema, indent=2) + "\n")
    generate(path, folder / "generated")
    package = folder / "generated/automl_objective_generated"
    checks = _import_checks(package, "added_generated")
    yield schema, checks
    for module in [m for m in sys.modules if m.partition(".")[0] == "added_generated"]:
        del sys.modules[module]


DOCUMENTS = [
    {"ProblemType": "Regression", "OutputDataConfig": {}},
    {
        "ProblemType": "Regression",
        "AutoMLJobObjective": {"MetricName": "MSE"},
        "OutputDataConfig": {"KmsKeyId": "k"},
    },
]


@pytest.mark.parametrize("data", DOCUMENTS)
def test_validate_rejects_what_jsonschema_rejects(
    added: tuple[dict[str, Any], ModuleType], data: dict[str, Any]
) -> None:
    schema, checks = added
    catalog = catalog_from_schema(schema)
    compiled = Checker(schema, catalog, checks)
    reference = Checker(schema, catalog)
    document = _document(data)
    found = compiled.validate(document)
    assert ("missing-member", "/OutputDataConfig") in {(f.code, f.pointer) for f in found.findings}
    assert found.findings == reference.validate(document).findings
    # and the bundled checks (without the rule) call it valid: the rule came from the schema
    assert Checker(json.loads(SCHEMA.read_text()), catalog).validate(document).findings == [
        f for f in found.findings if f.pointer != "/OutputDataConfig"
    ]


def test_a_whole_request_gets_the_rule_too(added: tuple[dict[str, Any], ModuleType]) -> None:
    schema, checks = added
    catalog = catalog_from_schema(schema)
    compiled = Checker(schema, catalog, checks, load_aws_index())
    data = json.loads((ROOT / "examples" / "create-auto-ml-job.json").read_text())
    data["OutputDataConfig"] = {"KmsKeyId": "k"}
    findings = compiled.validate(_document(data)).findings
    pointers = {(f.code, f.pointer) for f in findings}
    assert ("missing-member", "/OutputDataConfig") in pointers


PROBE = """
import json, sys
from pydantic import ValidationError
from automl_objective.api import validate_data
import automl_objective_generated
from automl_objective_generated.models import AutoMLObjectiveDocument
verdicts = []
for data in json.loads(sys.argv[1]):
    try:
        AutoMLObjectiveDocument.model_validate(data)
        model = "accepted"
    except ValidationError as error:
        model = str(error)
    found = [(f.code, f.pointer) for f in validate_data(data).findings]
    verdicts.append({"model": model, "validate": found})
print(json.dumps({"package": automl_objective_generated.__file__, "verdicts": verdicts}))
"""


def test_validate_and_the_models_generated_with_the_rule_reject_what_jsonschema_rejects(
    added: tuple[dict[str, Any], ModuleType], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The whole generated package (checks, models, rules, the schema copy) from the edited
    schema, imported in a fresh process in place of the bundled one."""
    import os
    import subprocess

    from jsonschema import Draft202012Validator

    schema, checks = added
    output = Path(str(checks.__file__)).parents[1]
    env = {**os.environ, "PYTHONPATH": str(output)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(DOCUMENTS)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    answer = json.loads(done.stdout)
    assert answer["package"].startswith(str(output))
    for data, verdict in zip(DOCUMENTS, answer["verdicts"], strict=True):
        assert not Draft202012Validator(schema).is_valid(data)
        assert ["missing-member", "/OutputDataConfig"] in verdict["validate"]
        assert "S3OutputPath" in verdict["model"], verdict["model"]
