"""Every problem type against every metric, in every request shape that can carry it."""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from automl_objective.api import allowed_metrics, default_metric, validate_data, validate_file
from automl_objective.check.catalog import load_catalog
from automl_objective_generated.models import (
    AutoMLJobObjective,
    AutoMLObjectiveDocument,
    CreateAutoMLJobFragment,
    CreateAutoMLJobV2Fragment,
)
from tests.support import spec_table

CATALOG = load_catalog()
METRICS = CATALOG.metric_names
TABULAR = CATALOG.tabular_problem_types
PAIRS = [(p, m) for p in CATALOG.problem_type_names for m in METRICS]


def allowed(problem_type: str, metric: str) -> bool:
    return spec_table.allows(problem_type, metric, CATALOG.problem_type(problem_type).allowed)


def v2_request(problem_type: str, metric: str | None) -> dict[str, Any]:
    rule = CATALOG.problem_type(problem_type)
    # Tabular: ProblemType and the objective come together or not at all.
    tabular = rule.is_tabular and metric is not None
    config: dict[str, Any] = {"ProblemType": problem_type} if tabular else {}
    document: dict[str, Any] = {"AutoMLProblemTypeConfig": {rule.job_config: config}}
    if metric is not None:
        document["AutoMLJobObjective"] = {"MetricName": metric}
    return document


def codes(document: Any, **options: Any) -> list[str]:
    return [f.code for f in validate_data(document, **options).findings]


@pytest.mark.parametrize(("problem_type", "metric"), PAIRS)
def test_v2_metric_per_problem_type(problem_type: str, metric: str) -> None:
    found = codes(v2_request(problem_type, metric))
    if not CATALOG.problem_type(problem_type).objective_used:
        assert found == ["objective-ignored"]
    elif allowed(problem_type, metric):
        assert found == []
    else:
        assert found == ["metric-not-allowed"]


@pytest.mark.parametrize(("problem_type", "metric"), [p for p in PAIRS if p[0] in TABULAR])
def test_v1_metric_per_problem_type(problem_type: str, metric: str) -> None:
    document = {"ProblemType": problem_type, "AutoMLJobObjective": {"MetricName": metric}}
    expected = [] if allowed(problem_type, metric) else ["metric-not-allowed"]
    assert codes(document) == expected


@pytest.mark.parametrize(("problem_type", "metric"), PAIRS)
def test_objective_with_problem_type_option(problem_type: str, metric: str) -> None:
    found = codes({"MetricName": metric}, kind="objective", problem_type=problem_type)
    if not CATALOG.problem_type(problem_type).objective_used:
        assert found == ["objective-ignored"]
    else:
        assert found == ([] if allowed(problem_type, metric) else ["metric-not-allowed"])


@pytest.mark.parametrize("problem_type", list(spec_table.ALLOWED))
def test_defaults_and_allowed(problem_type: str) -> None:
    known = set(allowed_metrics(problem_type)) & spec_table.KNOWN_METRICS
    assert known == spec_table.ALLOWED[problem_type]
    assert default_metric(problem_type) == spec_table.DEFAULT[problem_type]
    assert codes(v2_request(problem_type, None)) == []


def test_v1_half_pair_is_a_warning_and_an_error_when_strict() -> None:
    result = validate_data({"ProblemType": "Regression"})
    assert result.valid and [f.severity for f in result.findings] == ["warning"]
    strict = validate_data({"ProblemType": "Regression"}, strict=True)
    assert not strict.valid and [f.code for f in strict.findings] == ["incomplete-pair"]
    objective_only = validate_data({"AutoMLJobObjective": {"MetricName": "AUC"}})
    assert [(f.code, f.pointer) for f in objective_only.findings] == [
        ("incomplete-pair", "/AutoMLJobObjective")
    ]


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        (
            {
                "AutoMLProblemTypeConfig": {"TabularJobConfig": {}},
                "AutoMLJobObjective": {"MetricName": "F1"},
            },
            "/AutoMLProblemTypeConfig/TabularJobConfig",
        ),
        (
            {"AutoMLProblemTypeConfig": {"TabularJobConfig": {"ProblemType": "Regression"}}},
            "/AutoMLProblemTypeConfig/TabularJobConfig/ProblemType",
        ),
    ],
)
def test_v2_half_pair_is_an_error(document: dict[str, Any], pointer: str) -> None:
    result = validate_data(document)
    assert not result.valid
    assert [(f.severity, f.code, f.pointer) for f in result.findings] == [
        ("error", "incomplete-pair", pointer)
    ]


def test_a_near_miss_gives_one_finding_with_a_suggestion() -> None:
    result = validate_data(
        {"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "F1Macro"}}
    )
    assert len(result.findings) == 1
    assert result.findings[0].code == "unknown-metric"
    assert result.findings[0].message.endswith("did you mean 'F1macro'?")


def test_a_wrong_type_gives_one_finding() -> None:
    result = validate_data({"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": 3}})
    ((code, message),) = [(f.code, f.message) for f in result.findings]
    assert code == "invalid-type"
    assert message.startswith("MetricName must be a string, not a number; valid: ")


def test_a_not_allowed_metric_suggests_the_allowed_neighbour() -> None:
    document = {
        "ProblemType": "MulticlassClassification",
        "AutoMLJobObjective": {"MetricName": "F1"},
    }
    (finding,) = validate_data(document).findings
    assert finding.message == (
        "MetricName 'F1' is not allowed for ProblemType 'MulticlassClassification'; allowed: "
        "Accuracy, F1macro, BalancedAccuracy, RecallMacro, PrecisionMacro; did you mean 'F1macro'?"
    )


def test_other_request_members_are_left_alone() -> None:
    document = {
        "RoleArn": 5,
        "Tags": "x",
        "ProblemType": "Regression",
        "AutoMLJobObjective": {"MetricName": "R2"},
    }
    assert validate_data(document).findings == []


def test_kind_can_be_chosen() -> None:
    document = {"AutoMLJobObjective": {"MetricName": "F1"}}
    result = validate_data(document, kind="create-auto-ml-job-v2")
    assert [f.code for f in result.findings] == ["missing-member"]
    assert result.kind == "create-auto-ml-job-v2"
    assert validate_data({"MetricName": "F1"}).kind == "objective"


# --- the fragment models on data from code ------------------------------------------------------
#
# models.py checks the objective rules of a fragment; like `validate`, it takes only what a JSON
# document can hold: one ValidationError naming where for anything else, never a TypeError or
# RecursionError. Members beyond the objective stay unchecked, as the CLI leaves them.


class _Unequal(str):
    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return id(self)


class _Hostile(str):
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ ran")

    def __hash__(self) -> int:
        return str.__hash__(self)


class _Members(Mapping[str, Any]):
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def _v2(**members: Any) -> dict[str, Any]:
    return {**v2_request("BinaryClassification", "AUC"), **members}


def _looped() -> dict[str, Any]:
    document = _v2()
    document["AutoMLJobObjective"]["Again"] = document
    return document


def _deep() -> list[Any]:
    nested: list[Any] = []
    for _ in range(100_000):
        nested = [nested]
    return nested


FRAGMENTS_NOT_A_DOCUMENT: dict[str, tuple[Callable[[], Any], str]] = {
    "key-int": (lambda: {**_v2(), **{1: 2}}, "data at /: a key of type int (1); member names are"),
    "key-int-unchecked": (lambda: _v2(Tags=[{1: 2}]), "data at /Tags/0: a key of type int"),
    "keys-equal-as-text": (
        lambda: _v2(AutoMLJobObjective={_Unequal("MetricName"): "AUC", _Unequal("MetricName"): 1}),
        "data at /AutoMLJobObjective: member 'MetricName' appears twice in one object",
    ),
    "cycle": (_looped, "data at /AutoMLJobObjective/Again: contains itself (a reference cycle)"),
    "nested-100000-deep": (lambda: _v2(Tags=_deep()), "data at /Tags/0/0/...: nested over 500"),
    "nan-unchecked": (
        lambda: _v2(DataSplitConfig={"ValidationFraction": math.nan}),
        "data at /DataSplitConfig/ValidationFraction: nan is not a JSON number",
    ),
    "infinity-unchecked": (lambda: _v2(X=[-math.inf]), "data at /X/0: -inf is not a JSON number"),
    "nan-as-the-metric": (
        lambda: _v2(AutoMLJobObjective={"MetricName": math.nan}),
        "data at /AutoMLJobObjective/MetricName: nan is not a JSON number",
    ),
    "integer-json-text-cannot-hold": (lambda: _v2(X=10**5000), "about 5,000 digits, too large"),
    "a-mapping-json-has-no-form-for": (
        lambda: _v2(OutputDataConfig=_Members({})),
        "data at /OutputDataConfig: a _Members, which JSON has no form for",
    ),
}


@pytest.mark.parametrize("model", [AutoMLObjectiveDocument, CreateAutoMLJobV2Fragment])
@pytest.mark.parametrize("name", list(FRAGMENTS_NOT_A_DOCUMENT))
def test_fragment_models_refuse_data_no_document_holds_with_one_error_naming_where(
    model: type[BaseModel], name: str
) -> None:
    make, message = FRAGMENTS_NOT_A_DOCUMENT[name]
    with pytest.raises(ValidationError) as raised:
        model.model_validate(make())
    (error,) = raised.value.errors()
    assert message in str(error.get("ctx", {}).get("error", error["msg"]))


def test_the_objective_model_alone_refuses_them_too() -> None:
    for data in (
        {"MetricName": "F1", 1: 2},
        {"MetricName": math.nan},
        {"MetricName": "F1", "x": math.inf},
    ):
        with pytest.raises(ValidationError, match="data at /"):
            AutoMLJobObjective.model_validate(data)


def test_fragment_models_agree_with_validate_on_nan_in_json_text(tmp_path: Path) -> None:
    """The CLI refuses a file holding NaN anywhere, a member it leaves unchecked included."""
    text = json.dumps(_v2(DataSplitConfig={"ValidationFraction": math.nan}))
    path = tmp_path / "nan.json"
    path.write_text(text)
    (finding,) = validate_file(path).findings
    assert finding.message == "invalid JSON: NaN is not valid JSON"
    for model in (AutoMLObjectiveDocument, CreateAutoMLJobV2Fragment):
        with pytest.raises(ValidationError, match="NaN is not valid JSON at line 1 column"):
            model.model_validate_json(text)
        with pytest.raises(ValidationError, match="nan is not a JSON number"):
            model.model_validate(json.loads(text))
    duplicate = '{"MetricName": "F1", "MetricName": "AUC"}'
    with pytest.raises(ValidationError, match="'MetricName' appears twice in one object"):
        AutoMLObjectiveDocument.model_validate_json(duplicate)


def test_fragment_models_read_values_for_what_they_hold() -> None:
    """A str subclass is its text (its own __eq__ never runs); a tuple an array."""
    document = _v2(AutoMLJobObjective={_Hostile("MetricName"): _Hostile("MSE")})
    with pytest.raises(ValidationError, match="MetricName 'MSE' is not allowed"):
        CreateAutoMLJobV2Fragment.model_validate(document)
    model = CreateAutoMLJobV2Fragment.model_validate(_v2(Tags=({"Key": "k", "Value": "v"},)))
    assert model.model_dump(by_alias=True, exclude_unset=True)["Tags"] == [
        {"Key": "k", "Value": "v"}
    ]


def test_unchecked_members_keep_what_a_boto3_response_holds() -> None:
    """Nothing that held weakens: a DescribeAutoMLJob response from boto3 (a datetime for
    CreationTime) still resolves its objective through the V1 fragment model."""
    response = {
        "AutoMLJobName": "churn",
        "ProblemType": "Regression",
        "CreationTime": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        "ResponseMetadata": {"HTTPStatusCode": 200},
    }
    model = CreateAutoMLJobFragment.model_validate(response)
    assert model.effective_objective().metric == "MSE"
    assert model.model_extra is not None
    assert model.model_extra["CreationTime"] == response["CreationTime"]
