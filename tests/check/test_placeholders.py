"""Template placeholders (``${NAME}``, ``$NAME``, filled in by a shell before a request is
sent): one ``placeholder`` finding naming each, never pattern or length errors; with
placeholders taken as dynamic, values known only at run time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.api import check_sources, validate_file
from automl_objective.check.placeholders import as_dynamic, find, placeholder_name
from automl_objective.cli import main
from automl_objective.inputs.discovery import discover
from automl_objective.runner import CheckOptions, OptionError
from tests.support.fuzzing import examples

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


def test_a_value_holding_a_braced_placeholder_is_one_too(tmp_path: Path) -> None:
    """A name built by a shell (``forecast-${RUN_ID}``, from a mined real file) was a
    ``schema-violation`` of its pattern, even with placeholders taken as dynamic (a false
    alarm there); a bare ``$NAME`` inside a longer value stays a value."""
    request = {**REQUEST, "AutoMLJobName": "forecast-${RUN_ID}", "RoleArn": "r$X"}
    request["AutoMLJobObjective"] = {"MetricName": "MSE"}
    findings = validate_file(_write(tmp_path, request)).findings
    name = [f for f in findings if f.pointer == "/AutoMLJobName"]
    assert [f.code for f in name] == ["placeholder"]
    assert name[0].message.startswith(
        "AutoMLJobName 'forecast-${RUN_ID}' holds a template placeholder (RUN_ID): fill it in"
    )
    assert [f.code for f in findings if f.pointer == "/RoleArn"] == ["schema-violation"]
    dynamic = validate_file(_write(tmp_path, request), placeholders="dynamic").findings
    assert [(f.code, f.pointer) for f in dynamic] == [("schema-violation", "/RoleArn")]


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
        ("job-${RUN_ID}", "RUN_ID"),
        ("s3://${BUCKET}/${PREFIX}/x", "BUCKET"),
        ("arn:aws:iam::${AWS::AccountId}:role/r", None),
        ("$X-${Y}", "Y"),
        ("job-$${X}", None),  # $$ and \$ escape a $ in compose files and shells: text
        ("job-\\${X}", None),
        ("$${X}-${Y}", "Y"),
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


# Every way JSON and YAML write a ``$``: literally, and each escape that writes one.
_DOLLARS = [
    ('{"RoleArn": "\\u0024ROLE"}', "json"),
    ('{"RoleArn": "$ROLE"}', "json"),
    ('RoleArn: "\\x24ROLE"\n', "yaml"),
    ('RoleArn: "\\u0024ROLE"\n', "yaml"),
    ('RoleArn: "\\U00000024ROLE"\n', "yaml"),
    ("RoleArn: '$ROLE'\n", "yaml"),
    ("RoleArn: |-\n  $ROLE\n", "yaml"),
]


@pytest.mark.parametrize(("text", "syntax"), _DOLLARS)
def test_a_placeholder_written_with_an_escape_is_found(text: str, syntax: str) -> None:
    """The text is searched first (no ``$`` and no escape that writes one: no placeholder,
    and the data is not walked): every spelling of ``$`` must still be found."""
    from automl_objective.inputs.json_syntax import parse_json
    from automl_objective.inputs.yaml_syntax import parse_yaml

    document = (parse_json if syntax == "json" else parse_yaml)("job", text)
    assert document.parsed
    assert placeholder_name(document.data["RoleArn"]) == "ROLE"
    assert find(document.data, document.text) == [("RoleArn",)]


def test_the_text_decides_only_for_data_parsed_from_it() -> None:
    """A document built by hand says nothing of its text: its data is walked."""
    from automl_objective.check.checker import default_checker
    from automl_objective.inputs.document import Document

    document = Document("job", {"MetricName": "$METRIC"}, "", "json")
    assert not document.parsed
    codes = [f.code for f in default_checker().validate(document).findings]
    assert codes == ["placeholder"]


_PIECES = ["$", "\\", "u0024", "x24", "U00000024", "{A}", "A", " ", "é", "\n", '"', "'", "N"]


@settings(max_examples=examples(400), deadline=None)
@given(
    values=st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), max_size=6),
    ascii_only=st.booleans(),
)
def test_a_text_without_a_dollar_never_hides_a_placeholder(
    values: list[str], ascii_only: bool
) -> None:
    """Whatever the strings (escapes of ``$`` among them), JSON and YAML written by their
    libraries, in every quoting style: the text's answer is the walk's whenever it says none."""
    import yaml

    from automl_objective.inputs.json_syntax import parse_json
    from automl_objective.inputs.yaml_syntax import parse_yaml

    data = {"Items": values, "Object": dict(zip(values, values, strict=False))}
    written = json.dumps(data, ensure_ascii=ascii_only)
    texts = [("json", written), ("json", written.replace("$", "\\u0024"))]
    for style in (None, '"', "'", "|"):
        texts.append(("yaml", yaml.safe_dump(data, default_style=style, allow_unicode=True)))
    quoted = yaml.safe_dump(data, default_style='"', allow_unicode=not ascii_only)
    texts += [
        ("yaml", quoted.replace("$", escape)) for escape in ("\\x24", "\\u0024", "\\U00000024")
    ]
    for syntax, text in texts:
        document = (parse_json if syntax == "json" else parse_yaml)("job", text)
        assert document.data == data
        assert find(document.data, text) == find(document.data)


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
