"""CloudFormation, SAM and CDK templates: read as CloudFormation reads them (short forms,
unquoted dates, keys written twice), recognised by their members, and every AutoML request
they hold checked where it is written: ``AWS::SageMaker::AutoMLJob`` properties, state
machines and pipelines (objects, strings, ``Fn::Sub``, ``Fn::Join``, a SAM ``DefinitionUri``)
and Lambda inline Python, with positions mapped back into the template."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.api import check_text, validate_file
from automl_objective.base.dynamic import DYNAMIC
from automl_objective.cli import main
from automl_objective.inputs import yaml_syntax
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.embedded import LITERAL_DOLLAR, Builder, Source
from automl_objective.inputs.python.reader import KNOWN_CALLS
from automl_objective.inputs.registry import read
from automl_objective.inputs.syntax import parse_text
from automl_objective.inputs.template_marks import recognises
from tests.support.fuzzing import examples
from tests.support.paths import CODE, EXAMPLES, FIXTURES

TEMPLATES = CODE / "templates"

SM = "DefinitionString/States/Train/Parameters"
EXPECTED = {
    # (resource, pointer under its Properties, line, column, code)
    "automl-job.yaml": [
        # a static job is a whole CreateAutoMLJob request (its name given by CloudFormation)
        ("ChurnJob", "InputDataConfig/0/TargetAttribute", 27, 11, "unknown-member"),
        # written twice inside a request: reported (the Role's RoleName twice is not)
        ("ChurnJob", "ProblemType", 31, 7, "duplicate-key"),
        # PriceJob's metric is an !If: dynamic, so nothing; this one is a plain F1
        ("WrongMetricJob", "AutoMLJobObjective/MetricName", 55, 21, "metric-not-allowed"),
    ],
    "state-machines.yaml": [
        # DefinitionString: !Sub | ... with ${AWS::Partition} in the task's ARN
        ("FromString", f"{SM}/InputDataConfig/0/ChannelName", 19, 38, "unknown-member"),
        ("FromString", f"{SM}/AutoMLJobObjective/MetricName", 23, 54, "metric-not-allowed"),
        # !Sub [template, vars]: "${Role}" and a bare ${Horizon} are dynamic, no pattern error
        (
            "WithPlaceholders",
            "DefinitionString/States/Forecast/Parameters/AutoMLJobObjective/MetricName",
            45,
            52,
            "metric-not-allowed",
        ),
        # Definition as the template's own object, with DefinitionSubstitutions
        (
            "FromObject",
            "Definition/States/Train/Parameters/AutoMLJobObjective/MetricName",
            76,
            29,
            "metric-not-allowed",
        ),
        # SAM DefinitionUri: the file it names, its findings at the DefinitionUri
        (
            "FromFile",
            "DefinitionUri/States/Retrain/Parameters/AutoMLJobObjective/MetricName",
            80,
            22,
            "metric-not-allowed",
        ),
        (
            "Pipeline",
            "PipelineDefinition/PipelineDefinitionBody/Steps/0/Arguments/AutoMLJobObjective/MetricName",
            95,
            50,
            "metric-not-allowed",
        ),
    ],
    "Stack.template.json": [
        # ZipFile as Fn::Join ["\n", lines]: JSON escapes point at their backslash
        ("Trainer", "Code/ZipFile/AutoMLJobName", 18, 32, "schema-violation"),
        ("Trainer", "Code/ZipFile/AutoMLJobObjective/MetricName", 23, 54, "metric-not-allowed"),
        # ZipFile as one JSON string: "\n" escapes
        ("Inline", "Code/ZipFile/InputDataConfig", 40, 116, "schema-violation"),
        ("Inline", "Code/ZipFile/AutoMLJobObjective/MetricName", 40, 282, "metric-not-allowed"),
        # CDK's DefinitionString: Fn::Join with {"Ref": "AWS::Partition"} and a GetAtt role;
        # checked whole (the role is dynamic, present): it sends no data or output config
        ("Machine", SM, 55, 70, "missing-member"),
        ("Machine", SM, 55, 70, "missing-member"),
        ("Machine", f"{SM}/AutoMLJobObjective/MetricName", 62, 82, "metric-not-allowed"),
        ("Machine", f"{SM}/Comment", 62, 96, "unknown-member"),
    ],
    "sam.yaml": [
        # InlineCode: !Sub |, Runtime from Globals; "${Role.Arn}", "s3://${Bucket}/in/" dynamic
        ("StartJob", "InlineCode/AutoMLJobObjective/MetricName", 23, 51, "metric-not-allowed"),
        # a Python function's code that is not Python (the nodejs one's is not read)
        ("Broken", "InlineCode", 31, 38, "parse-error"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_request_of_a_template_is_checked_where_it_is_written(name: str) -> None:
    result = validate_file(TEMPLATES / name)
    assert result.kind == "cloudformation-template"
    found = [(f.pointer, f.line, f.column, f.code) for f in result.findings]
    expected = [
        (f"/Resources/{resource}/Properties/{rest}", line, column, code)
        for resource, rest, line, column, code in EXPECTED[name]
    ]
    assert found == expected


def test_the_positions_are_the_characters_the_findings_name() -> None:
    lines = (TEMPLATES / "Stack.template.json").read_text("utf-8").split("\n")
    assert lines[61][81:].startswith('\\"Accuracy\\"')
    assert lines[61][95:].startswith('\\"Comment\\"')
    assert lines[39][281:].startswith('\\"AUC\\"')
    yaml_lines = (TEMPLATES / "state-machines.yaml").read_text("utf-8").split("\n")
    assert yaml_lines[18][37:].startswith('"ChannelName"')
    assert yaml_lines[22][53:].startswith('"MSE"')
    sam = (TEMPLATES / "sam.yaml").read_text("utf-8").split("\n")
    assert sam[30][37] == "(" and sam[22][50:].startswith('"Accuracy"')


def _data(text: str, name: str = "t.yaml") -> object:
    return parse_text(name, text).data


def test_short_forms_are_read_as_their_long_forms() -> None:
    text = """AWSTemplateFormatVersion: 2010-09-09
Resources: {}
Outputs:
  a: !Ref Bucket
  b: !GetAtt Role.Arn
  c: !GetAtt [Role, Arn]
  d: !Sub "s3://${Bucket}/"
  e: !Sub ["${A}", {A: !Ref X}]
  f: !Join ["", [a, !Ref B]]
  g: !If [Cond, !Equals [a, b], !Not [!Condition C]]
  h: !And [!Or [x, y], z]
  i: !Select [0, !Split [",", !ImportValue v]]
  j: !FindInMap [M, !Base64 k, !GetAZs ""]
  k: !Cidr [10.0.0.0/16, 2, 8]
  l: !Transform {Name: AWS::Include}
"""
    data = _data(text)
    assert isinstance(data, dict)
    assert data["AWSTemplateFormatVersion"] == "2010-09-09"
    assert data["Outputs"] == {
        "a": {"Ref": "Bucket"},
        "b": {"Fn::GetAtt": ["Role", "Arn"]},
        "c": {"Fn::GetAtt": ["Role", "Arn"]},
        "d": {"Fn::Sub": "s3://${Bucket}/"},
        "e": {"Fn::Sub": ["${A}", {"A": {"Ref": "X"}}]},
        "f": {"Fn::Join": ["", ["a", {"Ref": "B"}]]},
        "g": {"Fn::If": ["Cond", {"Fn::Equals": ["a", "b"]}, {"Fn::Not": [{"Condition": "C"}]}]},
        "h": {"Fn::And": [{"Fn::Or": ["x", "y"]}, "z"]},
        "i": {"Fn::Select": [0, {"Fn::Split": [",", {"Fn::ImportValue": "v"}]}]},
        "j": {"Fn::FindInMap": ["M", {"Fn::Base64": "k"}, {"Fn::GetAZs": ""}]},
        "k": {"Fn::Cidr": ["10.0.0.0/16", 2, 8]},
        "l": {"Fn::Transform": {"Name": "AWS::Include"}},
    }


def test_a_path_through_a_short_form_is_located_at_its_tag_and_inside_it() -> None:
    text = "AWSTemplateFormatVersion: x\nOutputs:\n  b: !GetAtt Role.Arn\n  c: !If [C, !Ref X, y]\n"
    document = parse_text("t.yaml", text)
    assert document.locate(["Outputs", "b", "Fn::GetAtt"]) == (3, 6)
    assert document.locate(["Outputs", "b", "Fn::GetAtt", 1]) == (3, 6)
    assert document.locate(["Outputs", "c", "Fn::If", 1, "Ref"]) == (4, 14)
    assert document.locate(["Outputs", "c", "Fn::If", 2]) == (4, 22)


def test_a_document_that_is_no_template_still_refuses_tags_and_keys_written_twice() -> None:
    with pytest.raises(LoadError, match="could not determine a constructor for the tag '!Ref'"):
        parse_text("r.yaml", "AutoMLJobName: !Ref Name\nRoleArn: AWS::x\n")
    with pytest.raises(LoadError, match="appears twice") as raised:
        parse_text("r.json", '{"ProblemType": "AWS::x", "ProblemType": "b"}')
    assert "parsers disagree" in raised.value.message


def test_a_template_keeps_a_key_written_twice_and_reports_it_only_inside_a_request(
    tmp_path: Path,
) -> None:
    template = {
        "Resources": {
            "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}},
            "Job": {"Type": "AWS::SageMaker::AutoMLJob", "Properties": {}},
        }
    }
    text = json.dumps(template).replace(
        '"Properties": {}}, "Job"', '"Properties": {"A": 1, "A": 2}}, "Job"'
    )
    text = text.replace(
        '"AWS::SageMaker::AutoMLJob", "Properties": {}',
        '"AWS::SageMaker::AutoMLJob", "Properties": {"ProblemType": "Regression", '
        '"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "F1"}}',
    )
    path = tmp_path / "stack.template.json"
    path.write_text(text, "utf-8")
    result = validate_file(path)
    found = [(f.pointer, f.code) for f in result.findings]
    assert ("/Resources/Job/Properties/ProblemType", "duplicate-key") in found
    assert not any(pointer.startswith("/Resources/Bucket") for pointer, _ in found)
    duplicate = next(f for f in result.findings if f.code == "duplicate-key")
    assert duplicate.line == 1 and "CloudFormation takes the last" in duplicate.message


@pytest.mark.parametrize(
    "data",
    [
        {"AWSTemplateFormatVersion": "2010-09-09"},
        {"Transform": "AWS::Serverless-2016-10-31", "Resources": {}},
        {"Transform": ["AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"]},
        {"Resources": {"F": {"Type": "AWS::Lambda::Function"}, "C": {"Type": "Custom::X"}}},
        {"Resources": {"Fn::ForEach::Topics": [], "T": {"Type": "AWS::SNS::Topic"}}},
    ],
)
def test_a_template_is_recognised_by_its_members(data: dict[str, object]) -> None:
    assert recognises(data)


@pytest.mark.parametrize(
    "data",
    [
        {"Resources": {}},
        {"Resources": {"a": {"Type": "thing"}}},
        {"Resources": {"a": {"Type": "AWS::S3::Bucket"}, "b": 1}},
        {"Transform": "Other"},
        {"StartAt": "a", "States": {}},
        [],
    ],
)
def test_other_documents_are_not_templates(data: object) -> None:
    assert not recognises(data)


@pytest.mark.parametrize(
    "text",
    [
        # SAM: the !GetAtt that failed the run before
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n"
        "    Type: AWS::Serverless::Function\n    Properties:\n      Role: !GetAtt R.Arn\n"
        "      InlineCode: print('hello')\n",
        # CloudFormation with conditions and a key written twice outside any request
        "Conditions:\n  P: !Not [!Equals [!Ref Env, prod]]\nResources:\n  L:\n"
        "    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n"
        "      Runtime: python3.12\n      Code:\n        ZipFile: |\n          import boto3\n",
    ],
)
def test_a_template_without_an_automl_request_is_clean(tmp_path: Path, text: str) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(text, "utf-8")
    result = validate_file(path)
    assert result.findings == [] and result.kind == "cloudformation-template"


_EVERY_FUNCTION = """AWSTemplateFormatVersion: 2010-09-09
Transform: AWS::LanguageExtensions
Rules:
  R:
    RuleCondition: !Contains [[a], !Ref P]
    Assertions:
      - Assert: !EachMemberEquals [!ValueOfAll [AWS::EC2::VPC::Id, Tags.D], IT]
      - Assert: !EachMemberIn [!RefAll AWS::EC2::VPC::Id, !ValueOf [P, Tags.D]]
Resources:
  Fn::ForEach::Topics:
    - T
    - [A, B]
    - Topic${T}: {Type: AWS::SNS::Topic}
Outputs:
  a: {Value: !Length [1, 2]}
  b: {Value: !ToJsonString {a: 1}}
  c: {Value: !GetStackOutput {StackName: s, OutputName: o}}
  d: {Value: {"Fn::Sub": x}}
"""


def test_every_function_cloudformation_has_is_read_without_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    text = _EVERY_FUNCTION + "".join(
        f"  {key}: {{Value: {value}}}\n" for key, value in _SHORT_FORMS.items()
    )
    path.write_text(text, "utf-8")
    assert validate_file(path).findings == []


_SHORT_FORMS = {
    "a1": "!Ref Bucket",
    "b1": "!GetAtt Role.Arn",
    "d1": "!Sub x",
    "f1": '!Join ["", [a]]',
    "g1": "!If [C, !Equals [a, b], !Not [!Condition C]]",
    "h1": "!And [!Or [x, y], z]",
    "i1": '!Select [0, !Split [",", !ImportValue v]]',
    "j1": '!FindInMap [M, !Base64 k, !GetAZs ""]',
    "k1": "!Cidr [10.0.0.0/16, 2, 8]",
    "l1": "!Transform {Name: AWS::Include}",
}


def test_an_unknown_function_is_a_finding_at_its_tag_or_key(tmp_path: Path) -> None:
    """CloudFormation knows a fixed set of functions and refuses a template that names
    another: a short form (``!Foo``) or a long form (``Fn::Foo``), in YAML or JSON, is a
    ``parse-error`` where it is written, with the function meant when one is close."""
    text = (
        "AWSTemplateFormatVersion: 2010-09-09\nResources:\n  B:\n    Type: AWS::S3::Bucket\n"
        "    Properties:\n      BucketName: !Foo x\n      Tags:\n"
        "        - {Key: k, Value: !Subb 'a-${AWS::Region}'}\n"
        "        - Key: j\n          Value:\n            Fn::GetAttr: [R, Arn]\n"
    )
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    result = validate_file(path)
    found = [(f.code, f.line, f.column, f.pointer) for f in result.findings]
    properties = "/Resources/B/Properties"
    assert found == [
        ("parse-error", 6, 19, f"{properties}/BucketName/Fn::Foo"),
        ("parse-error", 8, 27, f"{properties}/Tags/0/Value/Fn::Subb"),
        ("parse-error", 11, 13, f"{properties}/Tags/1/Value/Fn::GetAttr"),
    ]
    foo, subb, getattr_ = (f.message for f in result.findings)
    assert foo == "!Foo is not a CloudFormation function: CloudFormation refuses the template"
    assert subb.startswith("!Subb is not a CloudFormation function") and "!Sub?" in subb
    assert "Fn::GetAttr is not" in getattr_ and "did you mean Fn::GetAtt?" in getattr_
    template = {
        "Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"N": {"Fn::Foo": "x"}}}}
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(template), "utf-8")
    [finding] = validate_file(path).findings
    assert (finding.code, finding.line, finding.column) == ("parse-error", 1, 70)
    assert finding.message.startswith("Fn::Foo is not a CloudFormation function")


@pytest.mark.parametrize(
    ("name", "value", "written"),
    [
        ("t.json", '{"F\\u006e::Foo": 1}', "Fn::Foo"),  # an escape spells it
        ("t.yaml", "{Fn::Ref: x}", "Fn::Ref"),  # Ref's long form has no Fn::
        ("t.yaml", "!Rain::Embed x", "!Rain::Embed"),  # another tool's tag
        ("t.yaml", '\n      ? "Fn::\\\n        Foo"\n      : 1', "Fn::Foo"),  # over two lines
    ],
)
def test_a_function_cloudformation_has_not_is_found_however_it_is_spelled(
    tmp_path: Path, name: str, value: str, written: str
) -> None:
    text = f'{{"AWSTemplateFormatVersion": "2010-09-09", "Outputs": {{"a": {{"Value": {value}}}}}}}'
    if name.endswith(".yaml"):
        text = f"AWSTemplateFormatVersion: 2010-09-09\nOutputs:\n  a:\n    Value: {value}\n"
    path = tmp_path / name
    path.write_text(text, "utf-8")
    [finding] = validate_file(path).findings
    assert finding.code == "parse-error"
    assert finding.message.startswith(f"{written} is not a CloudFormation function")


def test_properties_that_are_no_object_and_inline_code_that_is_no_string_are_findings(
    tmp_path: Path,
) -> None:
    """What the template kind cannot read is said, never passed in silence: the
    ``Properties`` of a resource it reads given as a list, inline code (``ZipFile``,
    ``InlineCode``) that is not a string (nor a function giving one)."""
    text = (
        "AWSTemplateFormatVersion: 2010-09-09\nResources:\n"
        "  J:\n    Type: AWS::SageMaker::AutoMLJob\n    Properties:\n"
        "      - ProblemType: Regression\n"
        "  L:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n"
        "      Code:\n        ZipFile:\n          - import boto3\n"
        "          - boto3.client('sagemaker').create_auto_ml_job_v2()\n"
        "  S:\n    Type: AWS::Serverless::Function\n    Properties:\n      InlineCode: 12\n"
        "  D:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        "      Code: {ZipFile: !GetAtt R.Code}\n"
    )
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    result = validate_file(path)
    found = [(f.code, f.line, f.column, f.pointer) for f in result.findings]
    assert found == [
        ("invalid-type", 6, 7, "/Resources/J/Properties"),
        ("invalid-type", 13, 11, "/Resources/L/Properties/Code/ZipFile"),
        ("invalid-type", 18, 19, "/Resources/S/Properties/InlineCode"),
    ]
    properties, zip_file, inline = (f.message for f in result.findings)
    assert properties == (
        "the Properties of 'J' (AWS::SageMaker::AutoMLJob) are an array, "
        "not an object: CloudFormation refuses the template"
    )
    assert zip_file == (
        "the inline code of 'L' (ZipFile) is an array, not a string: "
        "CloudFormation refuses the template"
    )
    assert inline.startswith("the inline code of 'S' (InlineCode) is a number, not a string")


def test_properties_chosen_by_a_condition_are_checked_branch_by_branch(tmp_path: Path) -> None:
    """``Properties: !If [cond, A, B]``: either may be deployed, so each branch is a request
    of its own (an internal error before); ``AWS::NoValue`` or another function: unknown."""
    request = (
        "{{AutoMLJobObjective: {{MetricName: {metric}}}, ProblemType: {problem}, "
        "RoleArn: arn:aws:iam::123456789012:role/r, OutputDataConfig: {{S3OutputPath: s3://b/o}}, "
        "InputDataConfig: [{{TargetAttributeName: y, DataSource: {{S3DataSource: "
        "{{S3DataType: S3Prefix, S3Uri: s3://b/i}}}}}}]}}"
    )
    good = request.format(metric="F1", problem="BinaryClassification")
    bad = request.format(metric="AUC", problem="Regression")
    text = (
        "AWSTemplateFormatVersion: 2010-09-09\nConditions:\n  P: !Equals [a, b]\nResources:\n"
        f"  J:\n    Type: AWS::SageMaker::AutoMLJob\n    Properties: !If\n      - P\n"
        f"      - {good}\n      - !If [P, {bad}, !Ref AWS::NoValue]\n"
        "  K:\n    Type: AWS::SageMaker::AutoMLJob\n    Properties: !GetAtt X.Y\n"
    )
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    found = [(f.code, f.line, f.column, f.pointer) for f in validate_file(path).findings]
    column = text.splitlines()[9].index("AUC") + 1
    pointer = "/Resources/J/Properties/Fn::If/2/Fn::If/1/AutoMLJobObjective/MetricName"
    assert found == [("metric-not-allowed", 10, column, pointer)]


@pytest.mark.parametrize("properties", ["", "    Properties:\n", "    Properties: ~\n"])
def test_an_automl_job_without_properties_misses_what_it_requires(
    tmp_path: Path, properties: str
) -> None:
    """Missing or null Properties passed as valid (found by an attack): the job's required
    properties are missing, as with ``Properties: {}``."""
    head = "AWSTemplateFormatVersion: 2010-09-09\nResources:\n  J:\n"
    path = tmp_path / "t.yaml"
    path.write_text(head + "    Type: AWS::SageMaker::AutoMLJob\n" + properties, "utf-8")
    found = validate_file(path).findings
    path.write_text(head + "    Type: AWS::SageMaker::AutoMLJob\n    Properties: {}\n", "utf-8")
    empty = validate_file(path).findings
    assert len(empty) == 3 and {f.code for f in empty} == {"missing-member"}
    assert [f.message for f in found] == [f.message for f in empty]


@pytest.mark.parametrize("written", ["[P, {}]", "[P, {}, {}, {}]", "[]", "P", "{a: b}"])
def test_an_if_of_another_shape_is_refused(tmp_path: Path, written: str) -> None:
    text = (
        "AWSTemplateFormatVersion: 2010-09-09\nResources:\n  J:\n"
        f"    Type: AWS::SageMaker::AutoMLJob\n    Properties: !If {written}\n"
    )
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    [finding] = validate_file(path).findings
    assert (finding.code, finding.line, finding.pointer) == (
        "parse-error",
        5,
        "/Resources/J/Properties/Fn::If",
    )
    assert finding.message.startswith("Fn::If takes three items")


def test_the_job_name_is_given_by_cloudformation_and_functions_are_dynamic() -> None:
    contents = read("t.yaml", (TEMPLATES / "automl-job.yaml").read_bytes())
    by_name = {part.prefix[1]: part for part in contents.parts}
    assert set(by_name) == {"ChurnJob", "PriceJob", "WrongMetricJob"}
    assert by_name["ChurnJob"].data["AutoMLJobName"] is DYNAMIC  # CloudFormation names it
    assert DYNAMIC not in [v for k, v in by_name["ChurnJob"].data.items() if k != "AutoMLJobName"]
    price = by_name["PriceJob"]
    assert price.data["RoleArn"] is DYNAMIC  # present, its value the template's to fill in
    assert "AutoMLJobObjective" in price.data and price.data["ProblemType"] == "Regression"


def test_what_the_template_fills_in_is_dynamic_and_present() -> None:
    contents = read("t.yaml", (TEMPLATES / "state-machines.yaml").read_bytes())
    placeholders = next(p for p in contents.parts if p.prefix[1] == "WithPlaceholders")
    assert all(p.kind.endswith("-request") for p in contents.parts)  # whole: absence decided
    assert placeholders.data["RoleArn"] is DYNAMIC
    config = placeholders.data["AutoMLProblemTypeConfig"]["TimeSeriesForecastingJobConfig"]
    assert config["ForecastHorizon"] is DYNAMIC and config["ForecastFrequency"] == "D"
    # DefinitionSubstitutions given as strings are filled in
    from_object = next(p for p in contents.parts if p.prefix[1] == "FromObject")
    channel = from_object.data["AutoMLJobInputDataConfig"][0]
    assert channel["DataSource"]["S3DataSource"]["S3Uri"] == "s3://my-bucket/train/"


def test_a_definition_without_an_automl_task_is_not_read_for_its_syntax(tmp_path: Path) -> None:
    text = (
        "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
        "      DefinitionString: !Sub '{not json ${X}'\n"
        "      DefinitionS3Location: {Bucket: b, Key: k}\n"
        "  S:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
        "      DefinitionUri: s3://bucket/machine.asl.json\n"
    )
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    assert validate_file(path).findings == []


def test_a_definition_that_is_not_json_is_a_finding_in_place(tmp_path: Path) -> None:
    text = (
        "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
        "      DefinitionString: |\n"
        '        {"StartAt": "T", "States": {"T": {"Type": "Task",\n'
        '          "Resource": "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob",}}}\n'
    )
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    [finding] = validate_file(path).findings
    assert (finding.code, finding.line, finding.column) == ("parse-error", 7, 75)  # the comma
    assert finding.message.startswith("the definition of 'M': invalid JSON: trailing comma")


def test_a_missing_definition_file_is_a_finding_at_its_uri(tmp_path: Path) -> None:
    text = (
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  M:\n"
        "    Type: AWS::Serverless::StateMachine\n    Properties:\n"
        "      DefinitionUri: statemachine/missing.asl.json\n"
    )
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    [finding] = validate_file(path).findings
    assert (finding.code, finding.line, finding.column) == ("unreadable", 6, 22)
    assert "missing.asl.json" in finding.message
    # never a stream: a template naming /dev/stdin does not wait for it
    path.write_text(text.replace("statemachine/missing.asl.json", "/dev/stdin"), "utf-8")
    [finding] = validate_file(path).findings
    assert finding.code == "unreadable" and "not a regular file" in finding.message


@pytest.mark.parametrize(
    ("uri", "why"),
    [
        (
            "\ud800x.json",
            "the path holds a lone surrogate ('\\ud800'), which no file name can hold",
        ),
        ("a\x00b.json", "the path contains a NUL byte"),
        ("nowhere.json", "no such file"),
        (".", "is a directory"),
    ],
)
def test_a_definition_uri_that_names_no_readable_file_says_why_at_its_uri(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], uri: str, why: str
) -> None:
    """A JSON template's escapes may write any code point in a ``DefinitionUri``: one no
    file name can hold (a lone surrogate) is said so, not taken for a NUL byte."""
    resource = {"Type": "AWS::Serverless::StateMachine", "Properties": {"DefinitionUri": uri}}
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"Resources": {"M": resource}}), "utf-8")
    [finding] = validate_file(path).findings
    key = '"DefinitionUri": '
    column = path.read_text("utf-8").index(key) + len(key) + 1  # the URI's opening quote
    assert (finding.code, finding.line, finding.column) == ("unreadable", 1, column)
    assert finding.message == f"its DefinitionUri {uri!r} cannot be read: {why}"
    assert main(["validate", str(path)]) == 1
    [line, _summary] = capsys.readouterr().out.splitlines()
    assert line.endswith(f"[unreadable] its DefinitionUri {uri!r} cannot be read: {why}")


def test_a_definition_file_is_read_within_the_size_limit_of_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--max-bytes`` (``max_bytes``) bounds the file a ``DefinitionUri`` names as it
    bounds the template: a definition over the limit is refused unread, at its URI."""
    definition = (TEMPLATES / "retrain.asl.json").read_bytes()
    (tmp_path / "retrain.asl.json").write_bytes(definition)
    text = (
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  M:\n"
        "    Type: AWS::Serverless::StateMachine\n    Properties:\n"
        "      DefinitionUri: retrain.asl.json\n"
    )
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    limit = len(definition) - 1
    assert len(text) <= limit  # the template itself is within the limit
    assert [f.code for f in validate_file(path).findings] == ["metric-not-allowed"]
    [finding] = validate_file(path, max_bytes=limit).findings
    assert (finding.code, finding.line, finding.column) == ("too-large", 6, 22)
    assert f"larger than the {limit:,}-byte size limit" in finding.message
    assert main(["validate", "--max-bytes", str(limit), "--format", "json", str(path)]) == 1
    [result] = json.loads(capsys.readouterr().out)["files"]
    assert [f["code"] for f in result["findings"]] == ["too-large"]
    # an editor's buffer (check_text, the language server's entry) is bounded alike
    assert check_text(text, str(path), max_bytes=limit).findings == [finding]
    assert [f.code for f in check_text(text, str(path)).findings] == ["metric-not-allowed"]


def test_a_definition_file_many_resources_name_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forty resources naming one 6.8 MB file read it forty times (1 GB, found by an
    attack): read and parsed once now, its findings at each resource's URI."""
    from automl_objective.inputs import reading

    (tmp_path / "retrain.asl.json").write_bytes((TEMPLATES / "retrain.asl.json").read_bytes())
    resource = "  M{0}:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
    resource += "      DefinitionUri: retrain.asl.json\n"
    text = "Transform: AWS::Serverless-2016-10-31\nResources:\n"
    text += "".join(resource.format(i) for i in range(3))
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    reads: list[str] = []
    real = reading.read_file

    def counted(path: Any, display: str, limit: int) -> bytes:
        reads.append(display)
        return real(path, display, limit)

    monkeypatch.setattr(reading, "read_file", counted)
    found = [(f.code, f.line, f.column) for f in validate_file(path).findings]
    assert found == [("metric-not-allowed", 6 + 4 * i, 22) for i in range(3)]
    assert [name for name in reads if name.endswith("retrain.asl.json")] == [
        str(tmp_path / "retrain.asl.json")
    ]


def _machine_file(folder: Path) -> None:
    """A state machine file of several AutoML tasks, with a finding of the file (an
    optimised integration Step Functions has not) and findings of its requests."""
    task = json.loads((TEMPLATES / "retrain.asl.json").read_text("utf-8"))["States"]["Retrain"]
    states: dict[str, Any] = {}
    for index in range(3):
        states[f"T{index}"] = {**task, "End": False, "Next": f"T{index + 1}"}
    states["T1"] = {**states["T1"], "Parameters": {"ProblemType": "Bogus"}}
    states["T2"] = {**states["T2"], "Resource": "arn:aws:states:::sagemaker:createAutoMLJob"}
    states["T3"] = {"Type": "Succeed"}
    (folder / "machine.asl.json").write_text(json.dumps({"StartAt": "T0", "States": states}))


def test_a_definition_file_many_resources_name_is_checked_once_and_reported_at_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forty resources naming one 6.8 MB file checked its requests forty times (measured
    26 s): each request is checked once now, its findings reported at each resource's
    ``DefinitionUri``, the same as each resource alone gives."""
    from automl_objective.check.checker import Checker

    _machine_file(tmp_path)
    resource = "  M{0}:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
    resource += "      DefinitionUri: machine.asl.json\n"
    head = "Transform: AWS::Serverless-2016-10-31\nResources:\n"
    alone = tmp_path / "alone.yaml"
    alone.write_text(head + resource.format(0), "utf-8")
    many = tmp_path / "many.yaml"
    many.write_text(head + "".join(resource.format(i) for i in range(4)), "utf-8")
    calls: list[str] = []
    validate = Checker.validate

    def counted(self: Checker, document: Any, **options: Any) -> Any:
        calls.append(document.path)
        return validate(self, document, **options)

    monkeypatch.setattr(Checker, "validate", counted)
    one = validate_file(alone).findings
    assert len(calls) == 3  # the file's three requests
    assert {f.code for f in one} >= {"unknown-problem-type", "no-such-integration"}
    calls.clear()
    found = validate_file(many).findings
    assert len(calls) == 3  # not 3 for each of the 4 resources
    expected = [
        (f.code, f.message, f.pointer.replace("/M0/", f"/M{i}/"), f.line + 4 * i, f.column)
        for i in range(4)
        for f in one
        if f.line is not None
    ]
    assert sorted((f.code, f.message, f.pointer, f.line, f.column) for f in found) == sorted(
        expected
    )


def test_a_definition_file_gets_its_resources_substitutions(tmp_path: Path) -> None:
    """SAM hands ``DefinitionSubstitutions`` to Step Functions, which fills in the
    ``${Name}`` of a ``DefinitionUri`` file as of a ``Definition``: a name the template
    fills in is no placeholder to report (it was, a false alarm on the commonest SAM
    layout), a plain value is checked as written, and resources naming one file with
    other substitutions are each checked with their own."""
    channel = {
        "ChannelType": "training",
        "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "${Uri}"}},
    }
    request = {
        "AutoMLJobName": "job-1",
        "RoleArn": "${RoleArn}",
        "AutoMLJobInputDataConfig": [channel],
        "OutputDataConfig": {"S3OutputPath": "s3://b/out"},
        "AutoMLProblemTypeConfig": {
            "TabularJobConfig": {"TargetAttributeName": "y", "ProblemType": "Regression"}
        },
        "AutoMLJobObjective": {"MetricName": "MSE"},
    }
    state = {"Type": "Task", "Parameters": request, "End": True}
    state["Resource"] = "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2"
    machine = {"StartAt": "Create", "States": {"Create": state}}
    (tmp_path / "machine.asl.json").write_text(json.dumps(machine), "utf-8")
    resource = (
        "  {name}:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
        "      DefinitionUri: machine.asl.json\n      DefinitionSubstitutions:\n"
        "        RoleArn: !GetAtt Role.Arn\n        Uri: {uri}\n"
    )
    template = tmp_path / "template.yaml"
    template.write_text(
        "Transform: AWS::Serverless-2016-10-31\nResources:\n"
        + resource.format(name="Good", uri="s3://b/train")
        + resource.format(name="Bad", uri="'not a uri'"),
        "utf-8",
    )
    found = validate_file(template).findings
    assert [f.code for f in found if f.code == "placeholder"] == []
    assert {(f.code, f.pointer.split("/")[2]) for f in found} == {("schema-violation", "Bad")}
    assert all(f.line == 13 for f in found)  # at the Bad resource's DefinitionUri


def test_a_definition_file_holds_no_cloudformation_function(tmp_path: Path) -> None:
    """CloudFormation never reads a ``DefinitionUri`` file: only the substitutions are filled
    in, and an object shaped like a function (``{"Ref": "Role"}``) is the object Step
    Functions sends, of the wrong type for a RoleArn (it was taken as a value the template
    fills in, and passed)."""
    request = {"AutoMLJobName": "job-1", "RoleArn": {"Ref": "Role"}}
    state = {"Type": "Task", "Parameters": request, "End": True}
    state["Resource"] = "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2"
    machine = {"StartAt": "Create", "States": {"Create": state}}
    (tmp_path / "machine.asl.json").write_text(json.dumps(machine), "utf-8")
    template = tmp_path / "template.yaml"
    template.write_text(
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  M:\n"
        "    Type: AWS::Serverless::StateMachine\n    Properties:\n"
        "      DefinitionUri: machine.asl.json\n",
        "utf-8",
    )
    found = validate_file(template).findings
    assert [f.code for f in found if f.pointer.endswith("/RoleArn")] == ["invalid-type"]


def test_json_string_escapes_map_to_their_backslash() -> None:
    text = '{"a": "x\\n\\u00e9\\ud83d\\ude00\\"y"}'
    source = Source(text, "json")
    _, offsets = source.string('x\n\u00e9\U0001f600"y', (1, 7))
    assert [text[o] for o in offsets] == ["x", "\\", "\\", "\\", "\\", "y"]
    assert offsets == [7, 8, 10, 16, 28, 30]


def test_a_literal_block_maps_each_character_past_its_indentation_and_crlf() -> None:
    text = 'a: !Sub |\r\n  {\r\n    "k": 1\r\n  }\r\n'
    source = Source(text, "yaml")
    value = '{\n  "k": 1\n}\n'
    chars, offsets = source.string(value, (1, 4))
    assert chars == value
    assert [text[o] for o in offsets if value[offsets.index(o)] not in " \n"] == list('{"k":1}')
    assert offsets[value.index('"')] == text.index('"')


def test_placeholders_become_unknown_text_of_the_same_place() -> None:
    builder = Builder(json=True)
    template = '{"a": "x${A}", "b": ${B}, "c": "${!Lit}", "p": "${AWS::Partition}"}'
    builder.substituted(Source(template, "json").string(template, None), {})
    built = builder.text()
    data = json.loads(built.chars)
    assert data["a"] == "x\ue000\ue000\ue000\ue000"
    assert data["b"] == "\ue001\ue001\ue001\ue001"
    # the escape's $ marked inside a string: the literal ${Lit} once read (LiteralText)
    assert data["c"] == LITERAL_DOLLAR + "{Lit}" and data["p"] == "aws"
    assert len(built.offsets) == len(built.chars)


def test_a_folder_scan_reads_templates_as_their_kind() -> None:
    from automl_objective import api
    from automl_objective.inputs.discovery import discover

    results = {Path(r.path).name: r for r in api.check_sources(discover([str(TEMPLATES)]))}
    assert {name for name, r in results.items() if r.kind == "cloudformation-template"} == set(
        EXPECTED
    )


def test_a_template_named_dot_template_is_read_and_job_name_is_no_property(
    tmp_path: Path,
) -> None:
    resources = {
        "J": {
            "Type": "AWS::SageMaker::AutoMLJob",
            "Properties": {"AutoMLJobName": "mine", "ProblemType": "Regression"},
        },
        "M": {
            "Type": "AWS::StepFunctions::StateMachine",
            "Properties": {
                "DefinitionString": {
                    "Fn::ToJsonString": {
                        "StartAt": "T",
                        "States": {
                            "T": {
                                "Type": "Task",
                                "End": True,
                                "Resource": {
                                    "Fn::Sub": "arn:${AWS::Partition}:states:::aws-sdk:"
                                    "sagemaker:createAutoMLJobV2"
                                },
                                "Parameters": {"AutoMLJobObjective": {"MetricName": "Nope"}},
                            }
                        },
                    }
                }
            },
        },
    }
    path = tmp_path / "stack.template"
    path.write_text(json.dumps({"Resources": resources}, indent=1), "utf-8")
    result = validate_file(path)
    assert result.kind == "cloudformation-template"
    found = {(f.pointer, f.code) for f in result.findings}
    assert ("/Resources/J/Properties/AutoMLJobName", "unknown-member") in found
    assert ("/Resources/J/Properties", "missing-member") in found  # RoleArn and the others
    metric = "/Resources/M/Properties/DefinitionString/Fn::ToJsonString/States/T/Parameters"
    assert (f"{metric}/AutoMLJobObjective/MetricName", "unknown-metric") in found
    name = next(f for f in result.findings if f.pointer.endswith("/AutoMLJobName"))
    assert "CloudFormation names the job" in name.message
    assert "missing required member 'AutoMLJobName'" not in " ".join(
        f.message for f in result.findings if f.pointer == "/Resources/J/Properties"
    )


def test_a_double_quoted_scalar_maps_escapes_and_folded_lines() -> None:
    text = 'a: "{\\"k\\":\n    \\"caf\\u00e9\\", \\\n  \\"x\\"}"\n'
    value = '{"k": "caf\u00e9", "x"}'
    assert parse_text("t.yaml", text).data == {"a": value}
    _, offsets = Source(text, "yaml").string(value, (1, 4))
    assert [text[o] for o in offsets[:4]] == ["{", "\\", "k", "\\"]
    assert text[offsets[value.index("\u00e9")] :].startswith("\\u00e9")
    assert text[offsets[value.index("x") - 1] :].startswith('\\"x')
    assert offsets[value.index(" ")] == text.index("\n")  # the folded line break


@pytest.mark.parametrize(
    "metric",
    ["!Sub F1", "!Sub [F1, {}]", "!Join ['', [F, '1']]", '{"Fn::Sub": F1}', "!Sub F${!X}1"],
)
def test_a_function_the_template_alone_decides_is_checked_as_its_text(
    tmp_path: Path, metric: str
) -> None:
    """Found by an attack: `MetricName: !Sub F1` (no variable) passed as a value known only
    at deployment, though CloudFormation gives 'F1' whatever is deployed."""
    text = (
        "Resources:\n  Job:\n    Type: AWS::SageMaker::AutoMLJob\n    Properties:\n"
        "      ProblemType: Regression\n"
        f"      AutoMLJobObjective:\n        MetricName: {metric}\n"
    )
    path = tmp_path / "template.yaml"
    path.write_text(text, encoding="utf-8")
    codes = {f.code for f in validate_file(path).findings}
    assert {"metric-not-allowed"} <= codes or ("unknown-metric" in codes and "${" in metric)


def test_a_function_filled_in_at_deployment_stays_dynamic(tmp_path: Path) -> None:
    text = (
        "Resources:\n  Job:\n    Type: AWS::SageMaker::AutoMLJob\n    Properties:\n"
        "      ProblemType: Regression\n"
        "      AutoMLJobObjective:\n        MetricName: !Sub '${Metric}'\n"
    )
    path = tmp_path / "template.yaml"
    path.write_text(text, encoding="utf-8")
    codes = {f.code for f in validate_file(path).findings}
    assert not codes & {"metric-not-allowed", "unknown-metric"}


_ESCAPED_JOB = (
    "Resources:\n  Job:\n    Type: AWS::SageMaker::AutoMLJob\n    Properties:\n"
    "      RoleArn: {job}\n"
)
_ESCAPED_MACHINE = (
    "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
    "      Definition:\n        StartAt: T\n        States:\n          T:\n"
    "            Type: Task\n"
    "            Resource: arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2\n"
    "            End: true\n            Parameters:\n              RoleArn: {job}\n"
)

_ESCAPED_STRING = (
    "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
    "      DefinitionString: !Sub |\n"
    '        {{"StartAt": "T", "States": {{"T": {{"Type": "Task", "End": true,\n'
    '          "Resource": "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2",\n'
    '          "Parameters": {{"RoleArn": "{job}"}}}}}}}}\n'
)


@pytest.mark.parametrize(
    ("layout", "job"),
    [
        (_ESCAPED_JOB, "!Sub 'role/${!X}'"),
        (_ESCAPED_JOB, "!Sub '${!X}'"),
        (_ESCAPED_JOB, "!Join ['', [!Sub 'role/${!X}']]"),
        (_ESCAPED_MACHINE, "!Sub 'role/${!X}'"),
        (_ESCAPED_MACHINE, "!Sub '${!X}'"),
        # (a Definition's Fn::Join is filled in at deployment: dynamic, nothing to say)
        # the escape inside a DefinitionString's JSON: the text is parsed, the mark kept
        (_ESCAPED_STRING, "role/${!X}"),
        (_ESCAPED_STRING, "${!X}"),
        (_ESCAPED_STRING, "role/${!X}-${Unknown}"),
    ],
    ids=[
        "resource-sub",
        "resource-whole",
        "resource-join",
        "machine-sub",
        "machine-whole",
        "string-sub",
        "string-whole",
        "string-sub-and-unknown",
    ],
)
@pytest.mark.parametrize("placeholders", ["report", "dynamic"])
def test_an_escaped_placeholder_is_the_literal_text_cloudformation_sends(
    tmp_path: Path, layout: str, job: str, placeholders: str
) -> None:
    """Found by an attack: ``!Sub 'role/${!X}'`` is CloudFormation's escape for the literal
    ``role/${X}``, the text AWS is sent and refuses; it was a ``placeholder`` to fill in (and
    silent with placeholders dynamic), as if a template engine still had to fill it."""
    path = tmp_path / "template.yaml"
    path.write_text(layout.format(job=job), encoding="utf-8")
    findings = check_text(path.read_text("utf-8"), str(path), placeholders=placeholders).findings  # type: ignore[arg-type]
    named = [f for f in findings if f.pointer.endswith("/RoleArn")]
    assert [f.code for f in named] == ["schema-violation"], findings
    assert "${X}" in named[0].message


def test_a_number_or_boolean_substitution_is_filled_in_as_its_text(tmp_path: Path) -> None:
    """CloudFormation's resource schema takes a ``DefinitionSubstitutions`` value that is a
    string, an integer or a boolean, and hands each to Step Functions as text (``1``,
    ``true``): a number was unknown here, so a horizon of 0 passed."""
    text = (
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Machine:\n"
        "    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
        "      RoleArn: !GetAtt R.Arn\n"
        "      DefinitionSubstitutions: {{Horizon: {horizon}, Flag: {flag}}}\n"
        "      DefinitionString: |\n"
        '        {{"StartAt": "A", "States": {{"A": {{"Type": "Task", "End": true,\n'
        '          "Resource": "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2",\n'
        '          "Parameters": {{"AutoMLJobName": "job-${{Horizon}}", "RoleArn": "${{R}}",\n'
        '            "ModelDeployConfig": {{"AutoGenerateEndpointName": ${{Flag}}}},\n'
        '            "AutoMLProblemTypeConfig": {{"TimeSeriesForecastingJobConfig": {{\n'
        '              "ForecastFrequency": "D", "ForecastHorizon": ${{Horizon}},\n'
        '              "TimeSeriesConfig": {{"TargetAttributeName": "y",\n'
        '                "TimestampAttributeName": "t", "ItemIdentifierAttributeName": "i"}}}}}},\n'
        '            "AutoMLJobInputDataConfig": [{{"ChannelType": "training", "DataSource":\n'
        '              {{"S3DataSource": {{"S3DataType": "S3Prefix", "S3Uri": "s3://b/in/"}}}}}}],\n'
        '            "OutputDataConfig": {{"S3OutputPath": "s3://b/o"}}}}}}}}}}\n'
    )
    path = tmp_path / "template.yaml"
    path.write_text(text.format(horizon=48, flag="true"), "utf-8")
    assert validate_file(path).findings == []
    path.write_text(text.format(horizon=0, flag=1), "utf-8")
    found = [(f.code, f.line, f.pointer.rsplit("/", 1)[1]) for f in validate_file(path).findings]
    assert found == [
        ("invalid-type", 12, "AutoGenerateEndpointName"),
        ("schema-violation", 14, "ForecastHorizon"),
    ]


_SUBSTITUTED_MACHINE = (
    "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
    "      DefinitionSubstitutions:\n        Role: arn:aws:iam::123456789012:role/r\n"
    "        Who: !Ref P\n"
)


@pytest.mark.parametrize(
    "definition",
    [
        _ESCAPED_STRING.split("Properties:\n", 1)[1].format(job="${!Role}"),
        _ESCAPED_STRING.split("Properties:\n", 1)[1].format(job="${!Who}"),
        _ESCAPED_MACHINE.split("Properties:\n", 1)[1].format(job="!Sub '${!Role}'"),
        _ESCAPED_MACHINE.split("Properties:\n", 1)[1].format(job="!Sub '${!Who}'"),
    ],
    ids=["string", "string-unknown", "object", "object-unknown"],
)
@pytest.mark.parametrize("placeholders", ["report", "dynamic"])
def test_an_escaped_name_of_the_definitions_substitutions_is_filled_in_by_them(
    tmp_path: Path, definition: str, placeholders: str
) -> None:
    """Found by an attack: ``Fn::Sub`` writes ``${!Role}`` as ``${Role}``, which Step
    Functions then fills in from the resource's ``DefinitionSubstitutions`` (a role ARN
    here, a parameter's value for ``Who``): it was taken as the literal ``${Role}``, "not
    valid" though the role sent is."""
    path = tmp_path / "template.yaml"
    path.write_text(_SUBSTITUTED_MACHINE + definition, encoding="utf-8")
    findings = check_text(path.read_text("utf-8"), str(path), placeholders=placeholders).findings  # type: ignore[arg-type]
    assert [f for f in findings if f.pointer.endswith("/RoleArn")] == []


def _holding_requests() -> list[Path]:
    """Every fixture and example that holds its requests inside something else (a template,
    a state machine, a pipeline definition, code) and holds at least one."""
    from automl_objective.inputs.registry import recognise

    found = []
    for path in sorted([*FIXTURES.rglob("*"), *EXAMPLES.rglob("*")]):
        if not path.is_file() or path.name.endswith(".jsonl"):
            continue
        try:
            contents = read(str(path), path.read_bytes())
        except LoadError:
            continue
        holder = contents.document is None or recognise(contents.document.data).recognises
        if contents.parts and holder:
            found.append(path)
    return found


def test_every_request_held_inside_a_template_or_code_shows_in_its_text() -> None:
    """A folder scan passes over a found file refused as written only when its text shows no
    sign of an AutoML request (:func:`.look_alikes.shows_an_automl_request`): each file of the
    fixtures and examples holding a request in a template, state machine, pipeline or code
    shows one, and so does each way a template holds one."""
    from automl_objective.inputs.look_alikes import shows_an_automl_request

    holding = _holding_requests()
    assert {p.suffix for p in holding} >= {".json", ".yaml", ".py", ".ipynb"}
    assert any(p.parent.name == "templates" for p in holding)
    for path in holding:
        assert shows_an_automl_request(path.read_text("utf-8")), path
    for text in (
        "Type: AWS::SageMaker::AutoMLJob",
        "Resource: arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2",
        '{"Steps": [{"Type": "AutoML"}]}',
        "boto3.client('sagemaker').create_auto_ml_job(**r)",
        "session.auto_ml(input_config, output_config, job_config, role, name)",
        "ProblemTypeConfig: {\uff21utoMLJobName: x}",  # a fullwidth A: NFKC reads A
        "Objective: {MetricName: F1}",
    ):
        assert shows_an_automl_request(text), text
    for text in ("Type: AWS::IAM::Role", "MetricName: CPUUtilization", "automl: false"):
        assert not shows_an_automl_request(text), text


_JOB_YAML = (
    "  Job:\n    Type: AWS::SageMaker::AutoMLJob\n    Properties: {ProblemType: Regression}\n"
)
_BUCKET_YAML = "  Job:\n    Type: AWS::S3::Bucket\n"
_FUNCTION_YAML = (
    "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n"
    "      Timeout: 3\n      Code: {ZipFile: \"boto3.client('sagemaker').create_auto_ml_job()\"}\n"
)


@pytest.mark.parametrize(
    ("template", "where", "message"),
    [
        (  # a second Resources
            f"Resources:\n{_JOB_YAML}Resources:\n{_BUCKET_YAML}",
            (5, 1),
            "key 'Resources' appears twice in one mapping (lines 1 and 5): CloudFormation "
            "takes the last, which hides the AWS::SageMaker::AutoMLJob 'Job' the first holds",
        ),
        (  # the job's logical ID written again
            f"Resources:\n{_JOB_YAML}{_BUCKET_YAML}",
            (5, 3),
            "key 'Job' appears twice in one mapping (lines 2 and 5): CloudFormation takes "
            "the last, which hides the AWS::SageMaker::AutoMLJob 'Job' the first holds",
        ),
        (
            '{"Resources": {"Job": {"Type": "AWS::SageMaker::AutoMLJob"}},\n'
            ' "Resources": {"Job": {"Type": "AWS::S3::Bucket"}}}',
            (2, 2),
            "member 'Resources' appears twice in one object (line 2): CloudFormation takes "
            "the last, which hides the AWS::SageMaker::AutoMLJob 'Job' the first holds",
        ),
        (  # where the function's request is written again
            f"Resources:\n{_FUNCTION_YAML}      Code: {{S3Bucket: b, S3Key: k}}\n",
            (8, 7),
            "key 'Code' appears twice in one mapping (lines 7 and 8): CloudFormation takes "
            "the last, which hides the AWS::Lambda::Function 'Fn' the first holds",
        ),
    ],
)
def test_a_key_written_twice_that_hides_an_automl_job_is_a_finding(
    tmp_path: Path, template: str, where: tuple[int, int], message: str
) -> None:
    """CloudFormation accepts a key written twice and takes the last (cfn-language-discussion
    #96), so a template whose second writing hides the first's AutoML job deploys without
    it, silently; cfn-lint refuses any key written twice ("Duplicate found", E0000). The
    template named or found is refused at the last writing, naming the first and the job."""
    path = tmp_path / ("template.json" if template.startswith("{") else "template.yaml")
    path.write_text(template)
    [finding] = validate_file(path).findings
    assert (finding.code, finding.severity, finding.message) == ("duplicate-key", "error", message)
    assert (finding.line, finding.column) == where


@pytest.mark.parametrize(
    "template",
    [
        f"Resources:\n{_JOB_YAML}Resources:\n{_JOB_YAML}",  # the same job again: none hidden
        f"Resources:\n{_BUCKET_YAML}Resources:\n{_JOB_YAML}",  # the job is the one kept
        f"Resources:\n{_BUCKET_YAML}Outputs: {{A: 1}}\nOutputs: {{B: 2}}\n",
        # the job moved to another logical ID: created all the same
        f"Resources:\n{_JOB_YAML}Resources:\n{_JOB_YAML.replace('Job:', 'Moved:')}",
        # a key of the job's or function's written twice where no request is
        f"Resources:\n{_JOB_YAML}    Metadata: {{A: 1}}\n    Metadata: {{A: 2}}\n",
        f"Resources:\n{_JOB_YAML}    DependsOn: A\n    DependsOn: B\n",
        f"Resources:\n{_FUNCTION_YAML}      Timeout: 5\n",
    ],
)
def test_a_key_written_twice_hiding_no_automl_job_is_cloudformations_business(
    tmp_path: Path, template: str
) -> None:
    """A duplicate key that hides no request (the job is the one kept, or equal in both
    writings, or moved; the key written twice is the job's ``Metadata`` or ``DependsOn``, or
    a Lambda function's ``Timeout``) is not reported: each of the last four was reported as
    hiding the job or function."""
    path = tmp_path / "template.yaml"
    path.write_text(template)
    assert [f.code for f in validate_file(path).findings if f.code == "duplicate-key"] == []


def test_an_unquoted_null_member_name_is_refused_as_cloudformation_refuses_it(
    tmp_path: Path,
) -> None:
    """YAML (1.1, as CloudFormation reads it, and 1.2) reads an unquoted ``Null:`` as null, so
    IAM's ``Null`` condition operator must be quoted: CloudFormation refuses a null member
    name ("Template format error: ... encountered malformed key", cfn-lint issue #3067), and
    cfn-lint says "Null key 'Null' not supported". A template named keeps the finding; a
    folder scan passes one over when it shows no sign of an AutoML request."""
    path = tmp_path / "template.yaml"
    template = "Resources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n"
    path.write_text(template + "      Condition:\n        Null: {aws:TokenIssueTime: 'true'}\n")
    [finding] = validate_file(path).findings
    assert finding.code == "parse-error" and "'Null' is read as null; quote it" in finding.message
    path.write_text(template + "      Condition:\n        'Null': {aws:TokenIssueTime: 'true'}\n")
    assert validate_file(path).findings == []


@pytest.mark.parametrize("known", KNOWN_CALLS)
@settings(max_examples=examples(20), deadline=None)
@given(data=st.data())
def test_inline_code_the_python_reader_would_read_is_read_in_a_template(
    known: str, data: st.DataObject
) -> None:
    """Lambda inline code is read when its text may hold a call the Python reader knows: the
    template's marks are never narrower than that reader's own quick test (a Lambda starting
    its job with ``sagemaker.Session().auto_ml(...)`` was passed over, its mistakes unseen).
    The calls are drawn from each of the reader's own patterns, so a kind of call added there
    is held to the marks without a word here."""
    from automl_objective.inputs.python.reader import mentions_automl
    from automl_objective.inputs.template_requests import AUTOML_MARKS

    call = data.draw(st.from_regex(known, fullmatch=True), label="call")
    assert mentions_automl(call)
    assert any(mark in call for mark in AUTOML_MARKS)


def test_each_of_the_readers_patterns_is_one_alternative_of_its_search() -> None:
    """The cases above are the reader's search alternative by alternative: a pattern holding
    two (``a|b``) would be drawn from as one. Python's own parser counts the branches."""
    import re._parser  # type: ignore[import-not-found]  # no stub: private, yet the parser

    from automl_objective.inputs.python.reader import _KNOWN_CALL

    [(kind, (_, branches))] = re._parser.parse(_KNOWN_CALL.pattern).data
    assert kind is re._parser.BRANCH and len(branches) == len(KNOWN_CALLS)


def test_a_lambda_starting_its_job_through_the_sdk_session_is_checked(tmp_path: Path) -> None:
    code = "\n".join(
        [
            "import sagemaker",
            "def handler(event, context):",
            "    sagemaker.Session().auto_ml(",
            "        input_config=[], output_config={}, auto_ml_job_config={},",
            "        role='arn:aws:iam::123456789012:role/r', job_name='job',",
            "        problem_type='Regression', job_objective={'MetricName': 'AUC'},",
            "    )",
        ]
    )
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "Starter": {
                "Type": "AWS::Lambda::Function",
                "Properties": {"Runtime": "python3.12", "Code": {"ZipFile": code}},
            }
        },
    }
    path = tmp_path / "stack.json"
    path.write_text(json.dumps(template, indent=2))
    codes = {f.code for f in validate_file(path).findings}
    assert "metric-not-allowed" in codes


def _keys_written_twice(keys: int) -> str:
    lines = ["AWSTemplateFormatVersion: '2010-09-09'", "Resources:"]
    lines += [f"  K{index % keys}: {{Type: AWS::SNS::Topic}}" for index in range(2 * keys)]
    return "\n".join(lines) + "\n"


def test_keys_written_twice_are_placed_reading_the_text_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each key written twice is worded with its two lines: the characters read to find the
    lines of the places worded (a sweep from the text's start reads up to the place; a table
    of line starts the whole text once) grow with the text, not with the text times the keys
    (20,000 keys written twice: 17 s)."""
    swept = [0]

    def sweeping(function: Callable[..., Any], reach: Callable[..., int]) -> Callable[..., Any]:
        def counted(*given: Any) -> Any:
            swept[0] += reach(*given)
            return function(*given)

        return counted

    reaches: list[tuple[str, Callable[..., int]]] = [
        ("line_column", lambda _, offset: offset),
        ("line_columns", lambda _, offsets: max(offsets, default=0)),
        ("line_starts", len),
    ]
    for name, reach in reaches:
        if hasattr(yaml_syntax, name):
            function = getattr(yaml_syntax, name)
            monkeypatch.setattr(yaml_syntax, name, sweeping(function, reach))
    read: dict[int, int] = {}
    for keys in (250, 1_000):
        swept[0] = 0
        text = _keys_written_twice(keys)
        document = parse_text("t.yaml", text)
        assert len(document.duplicates) == keys
        path, error = document.duplicates[-1]
        assert path == ("Resources", f"K{keys - 1}")
        assert (error.line, error.column) == (2 + 2 * keys, 3)
        assert f"(lines {2 + keys} and {2 + 2 * keys})" in error.message
        read[keys] = swept[0]
        assert read[keys] <= 4 * len(text), (keys, read[keys], len(text))
    assert read[1_000] <= 5 * read[250], read
