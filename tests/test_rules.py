"""Every problem type against every metric, in every request shape that can carry it."""

from __future__ import annotations

from typing import Any

import pytest

from automl_objective.api import allowed_metrics, default_metric, validate_data
from automl_objective.catalog import load_catalog
from tests import spec_table

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
