"""Template placeholders (``${NAME}``, ``$NAME``, filled in by a shell before a request is
sent): one ``placeholder`` finding naming each, never pattern or length errors; with
placeholders taken as dynamic, values known only at run time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from automl_objective.api import check_sources, validate_file
from automl_objective.check.placeholders import as_dynamic, find, placeholder_name
from automl_objective.cli import main
from automl_objective.inputs.discovery import discover
from automl_objective.runner import CheckOptions, OptionError

REQUEST = {
    "AutoMLJobName": "${JOB_NAME}",
    "AutoMLJobInputDataConfig": [
        {
            "ChannelType": "training",
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://$BUCKET/in/"}},
        }
    ],
    "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
    "RoleArn": "$ROLE_ARN",
    "AutoMLProblemTypeConfig": {
        "TabularJobConfig": {"TargetAttributeName": "${TARGET}", "ProblemType": "Regression"}
    },
    "AutoMLJobObjective": {"MetricName": "Accuracy"},
}


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "request.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_each_placeholder_is_one_finding_naming_it_and_nothing_else(tmp_path: Path) -> None:
    findings = validate_file(_write(tmp_path, REQUEST)).findings
    found = [(f.code, f.pointer, f.line) for f in findings]
    assert found == [
        ("placeholder", "/AutoMLJobName", 2),
        ("placeholder", "/RoleArn", 17),
        ("placeholder", "/AutoMLProblemTypeConfig/TabularJobConfig/TargetAttributeName", 20),
        ("metric-not-allowed", "/AutoMLJobObjective/MetricName", 25),
    ]
    role = findings[1].message
    assert role.startswith("RoleArn '$ROLE_ARN' is a template placeholder (ROLE_ARN): fill it in")


def test_placeholders_taken_as_dynamic_leave_only_real_mistakes(tmp_path: Path) -> None:
    result = validate_file(_write(tmp_path, REQUEST), placeholders="dynamic")
    assert [f.code for f in result.findings] == ["metric-not-allowed"]
    clean = {**REQUEST, "AutoMLJobObjective": {"MetricName": "MSE"}}
    assert validate_file(_write(tmp_path, clean), placeholders="dynamic").valid


def test_the_command_line_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(_write(tmp_path, {**REQUEST, "AutoMLJobObjective": {"MetricName": "MSE"}}))
    assert main(["validate", path]) == 1
    assert capsys.readouterr().out.count("[placeholder]") == 3
    assert main(["validate", "--placeholders", "dynamic", path]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as usage:
        main(["validate", "--placeholders", "maybe", path])
    assert usage.value.code == 2


def test_placeholders_in_code_and_definitions_too(tmp_path: Path) -> None:
    machine = {
        "StartAt": "A",
        "States": {
            "A": {
                "Type": "Task",
                "Resource": "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob",
                "Parameters": {"AutoMLJobName": "$NAME", "RoleArn.$": "$.role"},
                "End": True,
            }
        },
    }
    path = tmp_path / "machine.json"
    path.write_text(json.dumps(machine))
    [report] = check_sources(discover([str(path)]))
    assert "placeholder" in {f.code for f in report.findings}
    [dynamic] = check_sources(discover([str(path)]), placeholders="dynamic")
    assert "placeholder" not in {f.code for f in dynamic.findings}
    assert "schema-violation" not in {f.code for f in dynamic.findings}


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("${ROLE_ARN}", "ROLE_ARN"),
        ("$AUTOML_JOB_NAME", "AUTOML_JOB_NAME"),
        ("$sagemaker_role_arn", "sagemaker_role_arn"),
        ("s3://$BUCKET/x", None),
        ("$", None),
        ("${}", None),
        ("${AWS::Region}", None),
        ("$1", None),
        ("price $5", None),
        (5, None),
    ],
)
def test_what_a_placeholder_is(value: Any, name: str | None) -> None:
    assert placeholder_name(value) == name


def test_replacing_placeholders_copies_only_what_it_changes() -> None:
    from automl_objective.base.dynamic import DYNAMIC

    data = {"a": ["$X", {"b": "${Y}"}], "c": {"d": 1}}
    paths = find(data)
    assert paths == [("a", 0), ("a", 1, "b")]
    replaced = as_dynamic(data, paths)
    assert replaced == {"a": [DYNAMIC, {"b": DYNAMIC}], "c": {"d": 1}}
    assert data["a"] == ["$X", {"b": "${Y}"}] and replaced["c"] is data["c"]


def test_an_unknown_placeholders_option_fails_naming_it() -> None:
    with pytest.raises(OptionError, match="placeholders"):
        CheckOptions(placeholders="maybe")  # type: ignore[arg-type]


@pytest.mark.parametrize("placeholders", ["report", "dynamic"])
def test_a_document_that_is_a_placeholder_is_the_wrong_type(
    tmp_path: Path, placeholders: str
) -> None:
    """Found by the fuzz test: `$A` as the whole document got a placeholder finding on one
    path and a wrong type on the other. A document is an object; a string is no request."""
    path = tmp_path / "job.json"
    path.write_text('"$A"', encoding="utf-8")
    result = validate_file(path, placeholders=placeholders)  # type: ignore[arg-type]
    assert [f.code for f in result.findings] == ["invalid-type"]
    assert find("$A") == []


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  web:\n    image: ${IMAGE}\n",  # docker-compose
        '{"required": ["$schema"]}',
        '{"name": "$HOME"}',
    ],
)
def test_a_document_of_no_known_kind_is_skipped_whatever_placeholders_it_holds(
    tmp_path: Path, text: str
) -> None:
    """Found by a new user: --skip-unknown (and a folder scan) failed a docker-compose file
    on its ${IMAGE}: placeholders are judged in AutoML documents only."""
    path = tmp_path / ("compose.yml" if text.startswith("services") else "other.json")
    path.write_text(text, encoding="utf-8")
    [found] = check_sources(discover([str(tmp_path)]))
    assert found.skipped and found.findings == []
    named = validate_file(path)
    assert [f.code for f in named.findings] == ["unknown-document"]


@pytest.mark.parametrize(
    ("data", "paths"),
    [
        ({"a": [{"b": "${B}"}], "c": "x$Y"}, [("a", 0, "b")]),
        ([[["$A"]], {"k": ["v", "${C}"]}], [(0, 0, 0), (1, "k", 1)]),
        ({"a": {"b": [1, 2.5, None, True, "no $X here"]}}, []),
        ({"$KEY": "value"}, []),
        ("${WHOLE}", []),
        (7, []),
    ],
)
def test_placeholders_are_found_at_any_depth_and_only_in_values(
    data: Any, paths: list[tuple[Any, ...]]
) -> None:
    assert find(data) == paths


_JSON_REST = '"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "MSE"}}'
_YAML_REST = "ProblemType: Regression\nAutoMLJobObjective: {MetricName: MSE}\n"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("request.json", '{"RoleArn": "\\u0024ROLE_ARN", ' + _JSON_REST),
        ("request.json", '{"RoleArn": "$ROLE_ARN", ' + _JSON_REST),
        ("request.yaml", 'RoleArn: "\\x24ROLE_ARN"\n' + _YAML_REST),
        ("request.yaml", 'RoleArn: "\\u0024{ROLE_ARN}"\n' + _YAML_REST),
        ("request.yaml", 'RoleArn: "\\U00000024ROLE_ARN"\n' + _YAML_REST),
        ("request.yaml", "RoleArn: $ROLE_ARN\n" + _YAML_REST),
    ],
)
def test_a_placeholder_written_with_an_escape_is_found_as_one_written_plainly(
    tmp_path: Path, name: str, text: str
) -> None:
    # The text tells that no value can start with "$" only when it has no "$" and no escape.
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    findings = validate_file(path).findings
    assert [(f.code, f.pointer) for f in findings] == [("placeholder", "/RoleArn")]


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "x", "b": ["$Y"]}',
        '{"a": "\\u0024Y"}',
        '{"a": "no dollar", "b": {"c": "d"}}',
        '{"a": "a \\\\ backslash"}',
        '{"$KEY": "value"}',
    ],
)
def test_the_text_a_document_was_parsed_from_never_changes_what_is_found(text: str) -> None:
    data = json.loads(text)
    assert find(data, text) == find(data)
