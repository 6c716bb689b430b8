"""SageMaker Pipelines definitions and Step Functions state machines: each AutoML step is
checked as the request it holds, with positions and pointers into the outer document."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from automl_objective.api import validate_data, validate_file
from tests.support.paths import CODE

CODE = CODE

EXPECTED = {
    "pipeline-definition.json": [
        # Steps' requests are whole CreateAutoMLJob requests with {"Get": ...} and Std:
        # values present and dynamic (the pipeline names the job); the step whose metric is
        # {"Get": ...} and the Processing step say nothing
        ("/Steps/0/Arguments/AutoMLJobObjective/MetricName", 30, 46, "metric-not-allowed"),
        # the pipeline's own rules: Mode ENSEMBLING only, AutoMLJobConfig required
        ("/Steps/2/Arguments/AutoMLJobConfig/Mode", 51, 37, "invalid-value"),
        ("/Steps/3/Arguments", 58, 20, "missing-member"),
        ("/Steps/3/Arguments", 58, 20, "missing-member"),
    ],
    "state-machine.asl.json": [
        # nothing dynamic in this task: the typo is an unknown member
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
        # AutoMLJobName.$ and AutoMLJobInputDataConfig.$ are present and dynamic: still whole
        ("/States/TrainV2/Parameters/AutoMLJobObjective/MetricName", 40, 46, "metric-not-allowed"),
        # Tagz.$ is the member Tagz, reported where and as it is written
        ("/States/TrainV2/Parameters/Tagz.$", 41, 9, "unknown-member"),
        # no optimised integration; the request is still checked as the V1 one it names
        ("/States/Optimised/Resource", 47, 19, "no-such-integration"),
        ("/States/Optimised/Parameters/AutoMLJobObjective", 53, 31, "incomplete-pair"),
        # aws-sdk with .sync does not exist either, whatever the partition is written as
        ("/States/Waiting/Resource", 59, 19, "no-such-integration"),
    ],
    "state-machine.asl.yaml": [
        # JSONata: "{% ... %}" values are present and dynamic; the first task's metric is one
        ("/States/Retrain/Arguments/AutoMLJobObjective/MetricName", 29, 21, "metric-not-allowed"),
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


# --- Definitions not shaped as AWS defines them: a finding at the place, never a traceback ---

AUTOML_V1 = "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob"
WRONG = {"a number": 5, "a string": "x", "an array": [], "an object": {}, "null": None}
BAD_REQUEST = {"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "AUC"}}


def _machine(**state: Any) -> dict[str, Any]:
    return {"StartAt": "A", "States": {"A": state}}


def _task(**more: Any) -> dict[str, Any]:
    return {"Type": "Task", "Resource": AUTOML_V1, **more}


# (document, pointer of the finding, its message's start); each value of WRONG that is not of
# the type AWS defines is tried in the place of the first value.
SHAPES: dict[str, tuple[Callable[[Any], dict[str, Any]], str, str, type]] = {
    "Branches": (
        lambda v: _machine(Type="Parallel", Branches=v),
        "/States/A/Branches",
        "Branches must be an array of state machines",
        list,
    ),
    "a branch": (
        lambda v: _machine(Type="Parallel", Branches=[v]),
        "/States/A/Branches/0",
        "item 0 of Branches must be an object (a state machine)",
        dict,
    ),
    "a branch's States": (
        lambda v: _machine(Type="Parallel", Branches=[{"StartAt": "B", "States": v}]),
        "/States/A/Branches/0/States",
        "States must be an object of states",
        dict,
    ),
    "States": (lambda v: {"StartAt": "A", "States": v}, "/States", "States must be", dict),
    "a state": (lambda v: {"StartAt": "A", "States": {"A": v}}, "/States/A", "the state 'A'", dict),
    "Iterator": (
        lambda v: _machine(Type="Map", Iterator=v),
        "/States/A/Iterator",
        "Iterator",
        dict,
    ),
    "ItemProcessor": (
        lambda v: _machine(Type="Map", ItemProcessor=v),
        "/States/A/ItemProcessor",
        "ItemProcessor must be an object (a state machine)",
        dict,
    ),
    "Type": (lambda v: _machine(Type=v, Resource=AUTOML_V1), "/States/A/Type", "Type", str),
    "Resource": (
        lambda v: _machine(Type="Task", Resource=v),
        "/States/A/Resource",
        "Resource",
        str,
    ),
    "Parameters": (
        lambda v: _machine(**_task(Parameters=v)),
        "/States/A/Parameters",
        "Parameters must be an object, not",
        dict,
    ),
    "Arguments (JSONata)": (
        lambda v: _machine(**_task(Arguments=v)),
        "/States/A/Arguments",
        "Arguments must be an object or a JSONata expression",
        dict,
    ),
    "Steps": (lambda v: {"Version": "2020-12-01", "Steps": v}, "/Steps", "Steps must be", list),
    "a step": (
        lambda v: {"Version": "2020-12-01", "Steps": [v]},
        "/Steps/0",
        "item 0 of Steps must be an object (a step)",
        dict,
    ),
    "an AutoML step's Arguments": (
        lambda v: {"Version": "2020-12-01", "Steps": [{"Type": "AutoML", "Arguments": v}]},
        "/Steps/0/Arguments",
        "Arguments must be an object",
        dict,
    ),
    "a Condition's Arguments": (
        lambda v: {"Version": "2020-12-01", "Steps": [{"Type": "Condition", "Arguments": v}]},
        "/Steps/0/Arguments",
        "Arguments must be an object",
        dict,
    ),
    "a Condition's IfSteps": (
        lambda v: {
            "Version": "2020-12-01",
            "Steps": [{"Type": "Condition", "Arguments": {"IfSteps": v}}],
        },
        "/Steps/0/Arguments/IfSteps",
        "IfSteps must be an array of steps",
        list,
    ),
}
SHAPE_CASES = [
    (field, wrong)
    for field, (_, _, _, expected_type) in SHAPES.items()
    for wrong, value in WRONG.items()
    if not isinstance(value, expected_type)
    and not (field == "Arguments (JSONata)" and isinstance(value, str))  # "x" is no JSONata
]


@pytest.mark.parametrize(("field", "wrong"), SHAPE_CASES)
def test_a_member_of_the_wrong_type_is_one_finding_at_its_place(
    field: str, wrong: str, tmp_path: Path
) -> None:
    build, pointer, message, _ = SHAPES[field]
    path = tmp_path / "workflow.json"
    path.write_text(json.dumps(build(WRONG[wrong]), indent=1))
    result = validate_file(path)
    assert result.kind in ("step-functions-state-machine", "sagemaker-pipeline-definition")
    found = [(f.code, f.pointer) for f in result.findings]
    assert ("invalid-type", pointer) in found
    (finding,) = [f for f in result.findings if f.pointer == pointer]
    assert finding.message.startswith(message)
    assert f"not {wrong}" in finding.message and finding.line is not None


def test_the_rest_of_a_malformed_definition_is_still_checked(tmp_path: Path) -> None:
    machine = {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Parallel", "Branches": 5},
            "B": "not a state",
            "C": _task(Parameters=BAD_REQUEST),
            "D": {"Type": "Map", "ItemProcessor": {"States": {"E": _task(Parameters=BAD_REQUEST)}}},
        },
    }
    path = tmp_path / "machine.json"
    path.write_text(json.dumps(machine))
    found = [(f.code, f.pointer) for f in validate_file(path).findings]
    assert ("invalid-type", "/States/A/Branches") in found
    assert ("invalid-type", "/States/B") in found
    assert ("metric-not-allowed", "/States/C/Parameters/AutoMLJobObjective/MetricName") in found
    pointer = "/States/D/ItemProcessor/States/E/Parameters/AutoMLJobObjective/MetricName"
    assert ("metric-not-allowed", pointer) in found


def test_automl_steps_inside_condition_steps_are_checked(tmp_path: Path) -> None:
    step = {"Name": "Train", "Type": "AutoML", "Arguments": BAD_REQUEST}
    condition = {
        "Name": "IfGood",
        "Type": "Condition",
        "Arguments": {"Conditions": [], "IfSteps": [step], "ElseSteps": [{"Type": "Fail"}]},
    }
    path = tmp_path / "pipeline.json"
    path.write_text(json.dumps({"Version": "2020-12-01", "Steps": [condition]}))
    findings = validate_file(path).findings
    [finding] = [f for f in findings if f.code == "metric-not-allowed"]
    assert finding.pointer == "/Steps/0/Arguments/IfSteps/0/Arguments/AutoMLJobObjective/MetricName"
    # and it is checked whole: the members AWS and the pipeline require are missing
    missing = {f.message.split()[-1] for f in findings if f.code == "missing-member"}
    assert missing == {"'InputDataConfig'", "'OutputDataConfig'", "'RoleArn'", "schema)"}


def test_requests_computed_whole_at_run_time_are_silent(tmp_path: Path) -> None:
    machine = {
        "StartAt": "A",
        "QueryLanguage": "JSONata",
        "States": {
            "A": _task(Arguments="{% $states.input.request %}", Next="B"),
            "B": _task(End=True),  # no Parameters: the task sends its input
        },
    }
    path = tmp_path / "machine.yaml"
    path.write_text(json.dumps(machine))
    result = validate_file(path)
    assert (result.valid, result.findings) == (True, [])


def test_a_malformed_definition_never_costs_other_files_or_resolve(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from automl_objective.cli import main

    for index, (field, wrong) in enumerate(SHAPE_CASES):
        (tmp_path / f"w{index:02d}.json").write_text(json.dumps(SHAPES[field][0](WRONG[wrong])))
    (tmp_path / "zz.json").write_text('{"MetricName": "Nope"}')
    assert main(["validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert "zz.json:1:16: error [unknown-metric]" in out
    assert f"{len(SHAPE_CASES) + 1} files checked: 0 valid" in out
    for path in sorted(tmp_path.glob("w*.json")):
        assert main(["resolve", str(path)]) == 1
        out, err = capsys.readouterr()
        assert out == "" and "holds its requests inside a document of kind" in err, path
        assert len(err.splitlines()) == 2  # the finding, the summary


def test_a_failure_of_the_splitter_is_an_internal_error_for_that_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from automl_objective.cli import main
    from automl_objective.inputs import registry, state_machines

    def explode(document: Any) -> Any:
        raise TypeError("injected")

    broken = state_machines.KIND._replace(requests=explode)
    kinds = [broken if kind is state_machines.KIND else kind for kind in registry.KINDS]
    monkeypatch.setattr(registry, "KINDS", tuple(kinds))
    path = tmp_path / "machine.json"
    path.write_text(json.dumps(_machine(**_task(Parameters=BAD_REQUEST))))
    (tmp_path / "zz.json").write_text('{"MetricName": "Nope"}')
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "machine.json: error [internal-error] internal error while checking this file" in out
    assert "zz.json:1:16: error [unknown-metric]" in out
    assert main(["resolve", str(path)]) == 1
    assert "[internal-error]" in capsys.readouterr().err


def _paths(value: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*at, index))


def _replaced(document: Any, at: tuple[str | int, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(document))
    if not at:
        return value
    parent = copy
    for token in at[:-1]:
        parent = parent[token]
    parent[at[-1]] = value
    return copy


@pytest.mark.parametrize(
    "name", ["state-machine.asl.json", "state-machine.asl.yaml", "pipeline-definition.json"]
)
def test_any_value_of_any_type_anywhere_in_a_definition_never_raises(name: str) -> None:
    """Every place of the fixtures, replaced by a value of each JSON type: the splitter,
    validate and resolve answer with findings, never an exception."""
    from automl_objective.check.checker import default_checker
    from automl_objective.inputs.syntax import parse_text
    from automl_objective.runner import CheckOptions, check_document

    original = parse_text(name, (CODE / name).read_text()).data
    checker, options = default_checker(), CheckOptions()
    tried = 0
    for at in _paths(original):
        for value in WRONG.values():
            text = json.dumps(_replaced(original, at, value), indent=1)
            document = parse_text("w.json", text)
            result = check_document(checker, document, options)
            assert all(f.code != "internal-error" for f in result.findings), (at, value)
            tried += 1
    assert tried > 100


# --- Run-time values are present: the request is checked whole around them ---------------


@pytest.mark.parametrize(
    ("resource", "reported"),
    [
        ("arn:aws:states:::sagemaker:createAutoMLJob", True),
        ("arn:aws:states:::sagemaker:createAutoMLJob.sync", True),
        ("arn:aws:states:::sagemaker:createAutoMLJobV2.waitForTaskToken", True),
        ("arn:aws-us-gov:states:::aws-sdk:sagemaker:createAutoMLJob.sync", True),
        ("arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2.sync:2", True),
        ("arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob", False),
        ("arn:aws-cn:states:::aws-sdk:sagemaker:createAutoMLJobV2.waitForTaskToken", False),
        ("arn:aws:states:::sagemaker:createTrainingJob.sync", False),
    ],
)
def test_a_task_resource_no_integration_has_is_reported_at_it(
    tmp_path: Path, resource: str, reported: bool
) -> None:
    machine = _machine(Type="Task", Resource=resource, Parameters={"Input.$": "$"})
    path = tmp_path / "machine.json"
    path.write_text(json.dumps(machine))
    found = [f for f in validate_file(path).findings if f.code == "no-such-integration"]
    assert [(f.pointer, f.line) for f in found] == ([("/States/A/Resource", 1)] if reported else [])
    if reported:
        assert "aws-sdk:sagemaker:createAutoMLJob" in found[0].message


def test_a_dollar_key_is_its_member_present_so_what_is_absent_is_still_decided(
    tmp_path: Path,
) -> None:
    request = {
        "AutoMLJobName.$": "$.name",
        "InputDataConfig.$": "$.channels",
        "OutputDataConfig.$": "$.output",
        "RoleArn.$": "$.role",
        "AutoMLJobObjective": {"MetricName": "Accuracy"},
    }
    path = tmp_path / "machine.json"
    path.write_text(json.dumps(_machine(**_task(Parameters=request)), indent=1))
    findings = validate_file(path).findings
    assert [(f.code, f.pointer) for f in findings] == [
        ("incomplete-pair", "/States/A/Parameters/AutoMLJobObjective")
    ]
    assert "ProblemType" in findings[0].message


def test_a_member_written_twice_as_key_and_dollar_key_keeps_the_written_value(
    tmp_path: Path,
) -> None:
    request = {"ProblemType.$": "$.type", "ProblemType": "Regresion"}
    path = tmp_path / "machine.json"
    path.write_text(json.dumps(_machine(**_task(Parameters=request)), indent=1))
    codes = {f.code for f in validate_file(path).findings}
    assert "unknown-problem-type" in codes


def test_pipeline_functions_are_dynamic_values_never_reported(tmp_path: Path) -> None:
    arguments = {
        "InputDataConfig": {"Get": "Steps.Prepare.Channels"},
        "OutputDataConfig": {"S3OutputPath": {"Std:Join": {"On": "/", "Values": ["s3://b"]}}},
        "AutoMLJobConfig": {"Mode": {"Get": "Parameters.Mode"}},
        "RoleArn": {"Get": "Parameters.Role"},
        "ProblemType": {"Get": "Parameters.ProblemType"},
        "AutoMLJobObjective": {"MetricName": {"Get": "Parameters.Metric"}},
    }
    step = {"Name": "Train", "Type": "AutoML", "Arguments": arguments}
    path = tmp_path / "pipeline.json"
    path.write_text(json.dumps({"Version": "2020-12-01", "Steps": [step]}))
    result = validate_file(path)
    assert (result.valid, result.findings) == (True, [])


def test_a_dollar_key_inside_an_array_is_reported_where_and_as_it_is_written(
    tmp_path: Path,
) -> None:
    channel = {"ChannelType": "training", "DataSource.$": "$.source", "ChanelName.$": "$.n"}
    request = {
        "AutoMLJobName": "job",
        "AutoMLJobInputDataConfig": [channel],
        "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
        "RoleArn.$": "$.role",
        "AutoMLProblemTypeConfig.$": "$.config",
    }
    resource = "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2"
    machine = _machine(Type="Task", Resource=resource, Parameters=request)
    path = tmp_path / "machine.json"
    path.write_text(json.dumps(machine, indent=1))
    [finding] = validate_file(path).findings
    assert finding.code == "unknown-member"
    assert finding.pointer == "/States/A/Parameters/AutoMLJobInputDataConfig/0/ChanelName.$"
    assert finding.line is not None
    line = json.dumps(machine, indent=1).splitlines()[finding.line - 1]
    assert line.strip().startswith('"ChanelName.$"')
