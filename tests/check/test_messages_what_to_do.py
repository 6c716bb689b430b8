"""Messages that say what to do, as real mistakes call for: the member a request lacks is
the one suggested; a near name that is already there means the unknown one is to be removed;
one finding per wrong value; a quantile written as a fraction gets its p-form; a Filling of
strings gets the shape it takes."""

from __future__ import annotations

from typing import Any

from automl_objective.api import validate_data

ROLE = "arn:aws:iam::123456789012:role/sagemaker"
CHANNEL = {
    "ChannelType": "training",
    "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/in/"}},
}
FORECAST = {
    "ForecastFrequency": "D",
    "ForecastHorizon": 14,
    "TimeSeriesConfig": {
        "TargetAttributeName": "demand",
        "TimestampAttributeName": "ts",
        "ItemIdentifierAttributeName": "item",
    },
}


def _v2(**members: Any) -> dict[str, Any]:
    request = {
        "AutoMLJobName": "job",
        "AutoMLJobInputDataConfig": [CHANNEL],
        "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
        "RoleArn": ROLE,
        "AutoMLProblemTypeConfig": {"TimeSeriesForecastingJobConfig": FORECAST},
    }
    return {**request, **members}


def _messages(data: Any, code: str) -> list[str]:
    return [f.message for f in validate_data(data).findings if f.code == code]


def test_the_member_the_request_lacks_is_the_one_suggested() -> None:
    request = _v2(AutoMLJobOutputDataConfig={"S3OutputPath": "s3://b/out/"})
    del request["OutputDataConfig"]
    [message] = _messages(request, "unknown-member")
    assert message.endswith(
        "did you mean 'OutputDataConfig'? (OutputDataConfig is required and missing)"
    )
    assert "AutoMLJobInputDataConfig'?" not in message
    assert _messages(request, "missing-member") == []  # the unknown member names it


def test_a_near_name_already_there_means_remove_the_unknown_one() -> None:
    source = {"S3DataType": "S3Prefix", "S3Uri": "s3://b/in/", "S3DataDistributionType": "x"}
    channel = {**CHANNEL, "DataSource": {"S3DataSource": source}}
    [message] = _messages(_v2(AutoMLJobInputDataConfig=[channel]), "unknown-member")
    assert "did you mean" not in message
    assert message.endswith("S3DataSource has S3DataType already: remove S3DataDistributionType")


def test_a_wrong_value_is_one_finding_that_says_what_it_should_be() -> None:
    findings = validate_data(_v2(RoleArn="role")).findings
    assert [(f.code, f.pointer) for f in findings] == [("schema-violation", "/RoleArn")]
    assert "AWS's pattern is arn:aws" in findings[0].message


def test_a_quantile_written_as_a_fraction_gets_its_p_form() -> None:
    config = {**FORECAST, "ForecastQuantiles": ["0.1", "0.5", "p90", "1.5"]}
    request = _v2(AutoMLProblemTypeConfig={"TimeSeriesForecastingJobConfig": config})
    messages = _messages(request, "schema-violation")
    assert len(messages) == 3
    assert messages[0].endswith(
        "quantiles are written p1 to p99 (AWS's pattern is (^p[1-9]\\d?$)): did you mean 'p10'?"
    )
    assert messages[1].endswith("did you mean 'p50'?")
    assert "did you mean" not in messages[2]  # 1.5 is no fraction: no p-form


def test_a_filling_of_strings_gets_the_shape_it_takes() -> None:
    transformations = {"Filling": {"demand": "mean"}}
    config = {**FORECAST, "Transformations": transformations}
    request = _v2(AutoMLProblemTypeConfig={"TimeSeriesForecastingJobConfig": config})
    [message] = _messages(request, "invalid-type")
    assert message == (
        "demand must be an object, not a string; Filling maps each column name to its fill "
        'methods, e.g. {"demand": {"middlefill": "mean"}}'
    )


def test_an_open_object_is_never_said_to_miss_a_member() -> None:
    from automl_objective.base.dynamic import DYNAMIC, OpenObject
    from automl_objective.check.checker import default_checker
    from automl_objective.inputs.document import Document

    members = {"AutoMLJobName": "job", "AutoMLJobInputDataConfig": DYNAMIC, "OutputConfig": {}}
    request = OpenObject(members)
    document = Document("x.json", request, "", "json", lambda asked: [(None, None)] * len(asked))
    [finding] = default_checker().validate(document).findings
    assert finding.code == "unknown-member"
    assert "did you mean 'OutputDataConfig'?" in finding.message
    assert "missing" not in finding.message
