"""The names users reach for first are the strict models (AWS's shape names); the fragment
models are named as fragments; the previous release's names still work for one release, with
a DeprecationWarning at the caller's line; a model's ValidationError has one error per finding,
at its path; a Describe* model takes a response as boto3 returns it (``datetime``s)."""

from __future__ import annotations

import copy
import datetime
import inspect
import warnings
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import automl_objective_generated
from automl_objective.check.engine import kind_errors
from automl_objective.inputs.syntax import load_path
from automl_objective_generated import (
    CreateAutoMLJobV2Fragment,
    CreateAutoMLJobV2Request,
    DescribeAutoMLJobV2Response,
    RequestOrResponse,
    models,
    requests,
)
from tests.support.paths import FIXTURES
from tests.support.requests import filled_v2

DESCRIBE_V2 = load_path(FIXTURES / "valid" / "describe-v2-output.json").data


def test_the_aws_shape_name_is_the_whole_strict_model() -> None:
    assert CreateAutoMLJobV2Request is requests.CreateAutoMLJobV2Request
    assert automl_objective_generated.CreateAutoMLJobRequest is requests.CreateAutoMLJobRequest
    bogus = {**filled_v2(), "Bogus": 1}
    with pytest.raises(ValidationError, match="'Bogus'"):
        CreateAutoMLJobV2Request.model_validate(bogus)
    CreateAutoMLJobV2Fragment.model_validate(bogus)  # a fragment checks the objective only
    assert CreateAutoMLJobV2Fragment is models.CreateAutoMLJobV2Fragment
    assert "CreateAutoMLJobFragment" in automl_objective_generated.__all__
    assert not [n for n in automl_objective_generated.__all__ if n.startswith("Whole")]


def _deprecated(module: Any, name: str) -> tuple[Any, warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = inspect.currentframe().f_lineno + 1  # type: ignore[union-attr]
        found = getattr(module, name)
    (warned,) = caught
    assert warned.category is DeprecationWarning
    assert (warned.filename, warned.lineno) == (__file__, line)  # the caller's line
    return found, warned


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        (automl_objective_generated, "WholeCreateAutoMLJobV2Request", CreateAutoMLJobV2Request),
        (automl_objective_generated, "WholeRequestOrResponse", RequestOrResponse),
        (requests, "WholeDescribeAutoMLJobV2Response", DescribeAutoMLJobV2Response),
        (requests, "WholeCreateAutoMLJobRequest", requests.CreateAutoMLJobRequest),
        (models, "CreateAutoMLJobV2Request", CreateAutoMLJobV2Fragment),
        (models, "CreateAutoMLJobRequest", models.CreateAutoMLJobFragment),
    ],
)
def test_the_previous_names_warn_once_at_the_callers_line_and_give_the_class(
    module: Any, old: str, new: type[BaseModel]
) -> None:
    found, warned = _deprecated(module, old)
    assert found is new
    message = str(warned.message)
    assert message.startswith(f"{module.__name__}.{old} is deprecated and goes in the next release")
    assert new.__name__ in message


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    for module in (automl_objective_generated, models, requests):
        with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
            module.Nope  # noqa: B018


def test_one_pydantic_error_per_finding_at_its_path() -> None:
    data = {**filled_v2(), "AutoMLJobName": "a_b", "Bogus": 1}
    data["AutoMLJobObjective"] = {"MetricName": "MSE"}  # BinaryClassification takes no MSE
    with pytest.raises(ValidationError) as raised:
        CreateAutoMLJobV2Request.model_validate(data)
    errors = raised.value.errors()
    assert len(errors) == len(kind_errors("create-auto-ml-job-v2-request", data)) == 3
    seen = {(e["type"], e["loc"]) for e in errors}
    assert seen == {
        ("schema-violation", ("AutoMLJobName",)),
        ("unknown-member", ("Bogus",)),
        ("metric-not-allowed", ("AutoMLJobObjective", "MetricName")),
    }
    assert {e["msg"] for e in errors} == set(kind_errors("create-auto-ml-job-v2-request", data))
    metric = next(e for e in errors if e["type"] == "metric-not-allowed")
    assert metric["input"] == "MSE"


def test_a_fragment_models_errors_are_per_finding_too() -> None:
    fragment = {
        "AutoMLProblemTypeConfig": {"ImageClassificationJobConfig": {}},
        "AutoMLJobObjective": {"MetricName": "AUC"},
    }
    with pytest.raises(ValidationError) as raised:
        CreateAutoMLJobV2Fragment.model_validate(fragment)
    ((code, loc),) = {(e["type"], e["loc"]) for e in raised.value.errors()}
    assert (code, loc) == ("metric-not-allowed", ("AutoMLJobObjective", "MetricName"))


def test_a_nested_models_errors_carry_the_outer_path() -> None:
    class Batch(BaseModel):
        jobs: list[CreateAutoMLJobV2Request]

    with pytest.raises(ValidationError) as raised:
        Batch.model_validate({"jobs": [filled_v2(), {**filled_v2(), "Bogus": 1}]})
    assert [e["loc"] for e in raised.value.errors()] == [("jobs", 1, "Bogus")]


def _as_boto3_returns(response: dict[str, Any]) -> dict[str, Any]:
    """The response with its timestamps as the ``datetime``s boto3 parses them into."""
    returned = copy.deepcopy(response)
    moment = datetime.datetime(2026, 11, 3, 9, 30, tzinfo=datetime.UTC)
    for member in ("CreationTime", "LastModifiedTime", "EndTime"):
        returned[member] = moment
    return returned


def test_a_describe_model_takes_the_response_boto3_returns() -> None:
    returned = _as_boto3_returns(DESCRIBE_V2)
    model = DescribeAutoMLJobV2Response.model_validate(returned)
    assert model.creation_time == "2026-11-03T09:30:00+00:00"
    assert returned["CreationTime"].year == 2026  # the caller's data is left as it was


def test_a_request_with_a_datetime_is_still_refused_by_type() -> None:
    request = {**filled_v2(), "AutoMLJobName": datetime.datetime(2026, 1, 1)}
    with pytest.raises(ValidationError, match="datetime"):
        CreateAutoMLJobV2Request.model_validate(request)


def test_the_union_takes_a_boto3_response_as_the_describe_model_does() -> None:
    returned = _as_boto3_returns(DESCRIBE_V2)
    assert type(RequestOrResponse.model_validate(returned).root) is DescribeAutoMLJobV2Response
    request = {**filled_v2(), "AutoMLJobName": datetime.datetime(2026, 1, 1)}
    with pytest.raises(ValidationError, match="datetime"):
        RequestOrResponse.model_validate(request)
