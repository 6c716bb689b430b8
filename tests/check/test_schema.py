"""The canonical schema: valid draft 2020-12, in step with botocore, and stating AWS's rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from automl_objective.base.schema import load_schema
from automl_objective.check.catalog import DIRECTIONS, catalog_from_schema, load_catalog
from automl_objective_codegen.schema_file import read_schema_json
from tests.support import spec_table
from tests.support.paths import ROOT

CANONICAL = ROOT / "schema" / "automl_job_objective.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    schema: dict[str, Any] = read_schema_json(CANONICAL)
    return schema


@pytest.fixture(scope="module")
def sagemaker() -> Any:
    import botocore.session

    return botocore.session.get_session().get_service_model("sagemaker")


def test_schema_passes_the_2020_12_metaschema(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://")
    Draft202012Validator.check_schema(schema)


def test_metric_enum_equals_botocore(schema: dict[str, Any], sagemaker: Any) -> None:
    enum = schema["$defs"]["MetricName"]["enum"]
    assert len(enum) == len(set(enum))  # each value once; the set is botocore's:
    assert set(enum) == set(sagemaker.shape_for("AutoMLMetricEnum").enum)


def test_problem_types_equal_botocore(schema: dict[str, Any], sagemaker: Any) -> None:
    catalog = catalog_from_schema(schema)
    assert set(catalog.tabular_problem_types) == set(sagemaker.shape_for("ProblemType").enum)
    union = sagemaker.shape_for("AutoMLProblemTypeConfig")
    assert set(catalog.job_configs) == set(union.members)
    assert set(schema["$defs"]["AutoMLProblemTypeConfig"]["properties"]) == set(union.members)
    names = set(sagemaker.shape_for("AutoMLProblemTypeConfigName").enum)
    assert {c.removesuffix("JobConfig") for c in catalog.job_configs} == names


def test_request_members_exist_in_botocore(schema: dict[str, Any], sagemaker: Any) -> None:
    for definition, shape in (
        ("CreateAutoMLJobRequest", "CreateAutoMLJobRequest"),
        ("CreateAutoMLJobV2Request", "CreateAutoMLJobV2Request"),
    ):
        members = set(sagemaker.shape_for(shape).members)
        assert set(schema["$defs"][definition]["properties"]) <= members
    assert set(schema["$defs"]["AutoMLJobObjective"]["properties"]) == set(
        sagemaker.shape_for("AutoMLJobObjective").members
    )


def test_rules_match_aws_table(schema: dict[str, Any]) -> None:
    catalog = catalog_from_schema(schema)
    known = spec_table.KNOWN_METRICS
    rules = {p.name: p for p in catalog.problem_types if p.name in spec_table.KNOWN_PROBLEM_TYPES}
    assert {name: set(p.allowed) & known for name, p in rules.items()} == spec_table.ALLOWED
    assert {name: p.default for name, p in rules.items()} == spec_table.DEFAULT
    for rule in catalog.problem_types:
        assert rule.default is None or rule.default in rule.allowed


def test_values_the_table_predates_are_aws_values(schema: dict[str, Any], sagemaker: Any) -> None:
    """A metric or problem type added after the oracle table must be one AWS's model has."""
    catalog = catalog_from_schema(schema)
    later_metrics = set(catalog.metric_names) - spec_table.KNOWN_METRICS
    assert later_metrics <= set(sagemaker.shape_for("AutoMLMetricEnum").enum)
    later_types = set(catalog.problem_type_names) - spec_table.KNOWN_PROBLEM_TYPES
    aws_types = set(sagemaker.shape_for("ProblemType").enum) | {
        name.removesuffix("JobConfig")
        for name in sagemaker.shape_for("AutoMLProblemTypeConfig").members
    }
    assert later_types <= aws_types


def test_every_metric_has_its_facts(schema: dict[str, Any]) -> None:
    catalog = catalog_from_schema(schema)
    for metric in catalog.metrics:
        if metric.name in spec_table.KNOWN_METRICS:
            expected = "Minimize" if metric.name in spec_table.MINIMIZED else "Maximize"
            assert metric.direction == expected, metric.name
        else:  # added after the table: only the schema states its direction
            assert metric.direction in DIRECTIONS, metric.name
        assert metric.title and metric.description
        assert catalog.problem_types_allowing(metric.name), f"{metric.name} is allowed nowhere"


def test_prose_only_names_are_not_valid_values(schema: dict[str, Any]) -> None:
    catalog = catalog_from_schema(schema)
    for alias in ("wQL", "Average wQL"):
        assert alias not in catalog.metric_names
        found = catalog.metric_for_alias(alias)
        assert found is not None and found.name == "AverageWeightedQuantileLoss"
    assert any("wQL" in note for note in catalog.known_inconsistencies)


def test_bundled_schema_is_the_canonical_one(schema: dict[str, Any]) -> None:
    bundled = {k: v for k, v in load_schema().items() if k != "$comment"}
    assert bundled == {k: v for k, v in schema.items() if k != "$comment"}
    assert load_catalog() == catalog_from_schema(schema)


def test_canonical_schema_is_stable_json() -> None:
    text = CANONICAL.read_text("utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
