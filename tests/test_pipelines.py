"""SageMaker Pipelines definitions and Step Functions state machines: each AutoML step is
checked as the request it holds, with positions and pointers into the outer document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from automl_objective.api import validate_data, validate_file

CODE = Path(__file__).parent / "fixtures" / "code"

EXPECTED = {
    "pipeline-definition.json": [
        # Steps' requests are fragments (the SDK names the job): objective rules only; the
        # step whose metric is {"Get": ...} and the Processing step say nothing
        ("/Steps/0/Arguments/AutoMLJobObjective/MetricName", 30, 46, "metric-not-allowed"),
    ],
    "state-machine.asl.json": [
        # nothing dynamic in this task: checked whole, so the typo is an unknown member
        (
            "/States/Prepare/Branches/0/States/TrainV1/Parameters/ProblemType",
            22,
            32,
            "incomplete-pair",
        ),
        (
            "/States/Prepare/Branches/0/States/TrainV1/Parameters/AutoMLJobObjectve",
            23,
            17,
            "unknown-member",
        ),
        # AutoMLJobName.$ and AutoMLJobInputDataConfig.$ are dynamic: objective rules only
        ("/States/TrainV2/Parameters/AutoMLJobObjective/MetricName", 40, 46, "metric-not-allowed"),
    ],
    "state-machine.asl.yaml": [
        # JSONata: "{% ... %}" values are dynamic; the first task's metric is one
        ("/States/Retrain/Arguments/AutoMLJobObjective/MetricName", 23, 21, "metric-not-allowed"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_step_is_checked_in_place(name: str) -> None:
    result = validate_file(CODE / name)
    found = [(f.pointer, f.line, f.column, f.code) for f in result.findings]
    assert found == EXPECTED[name]


def test_the_documents_are_kinds_of_their_own() -> None:
    assert validate_file(CODE / "pipeline-definition.json").kind == "sagemaker-pipeline-definition"
    assert validate_file(CODE / "state-machine.asl.yaml").kind == "step-functions-state-machine"


def test_a_pipeline_without_automl_steps_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "pipeline.json"
    definition = {"Version": "2020-12-01", "Steps": [{"Name": "P", "Type": "Processing"}]}
    path.write_text(json.dumps(definition), encoding="utf-8")
    result = validate_file(path)
    assert result.valid and not result.findings


def test_an_explicit_kind_checks_the_document_itself(tmp_path: Path) -> None:
    result = validate_file(CODE / "pipeline-definition.json", kind="create-auto-ml-job")
    assert result.kind == "create-auto-ml-job"
    assert all(not f.pointer.startswith("/Steps") for f in result.findings)


def test_other_documents_are_untouched() -> None:
    # "Steps" without "Version", "States" without "StartAt": not workflows, as before
    assert validate_data({"Steps": [], "MetricName": "AUC"}).kind == "objective"
    assert validate_data({"States": {}, "MetricName": "AUC"}).kind == "objective"


@pytest.mark.parametrize("name", ["pipeline-definition.json", "sdk_calls.py", "autopilot.ipynb"])
def test_resolve_refuses_files_that_hold_several_requests(name: str) -> None:
    from automl_objective.api import resolve_file

    result, resolution = resolve_file(CODE / name)
    assert resolution is None
    [finding] = result.findings
    assert finding.code == "unknown-document"
    assert "resolve takes one request document" in finding.message
