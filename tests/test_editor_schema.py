"""The bundled editor schema: self-contained, annotated, and judging like the canonical one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from automl_objective.catalog import load_catalog
from automl_objective.documents import LoadError, load_path
from automl_objective.schema import load_schema
from tests.fixture_cases import Case, cases

BUNDLED = (
    Path(__file__).resolve().parents[1]
    / "generated"
    / "schema"
    / "automl_job_objective.bundled.schema.json"
)
EDITOR: dict[str, Any] = json.loads(BUNDLED.read_text())
CANONICAL = Draft202012Validator(load_schema())
INLINED = Draft202012Validator(EDITOR)


def walk(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_self_contained_and_valid() -> None:
    Draft202012Validator.check_schema(EDITOR)
    assert not [n for n in walk(EDITOR) if "$ref" in n]
    assert "$defs" not in EDITOR
    assert EDITOR["$id"].endswith(".bundled.schema.json")


def test_every_metric_list_explains_its_values() -> None:
    catalog = load_catalog()
    lists = [n for n in walk(EDITOR) if "markdownEnumDescriptions" in n]
    assert lists
    for node in lists:
        assert len(node["enumDescriptions"]) == len(node["enum"])
        if not set(node["enum"]) <= set(catalog.metric_names):
            continue
        for name, text in zip(node["enum"], node["markdownEnumDescriptions"], strict=True):
            metric = catalog.metric(name)
            assert metric.description in text and metric.direction.lower() in text
    regression = next(n for n in walk(EDITOR) if n.get("x-problem-type") == "Regression")
    assert regression["markdownDescription"] == (
        "Metrics AWS accepts for **Regression**: `MAE`, `MSE` (default), `R2`, `RMSE`."
    )
    assert regression["x-default"] == "MSE"


def test_no_default_for_a_filling_validator_to_insert() -> None:
    assert not [n for n in walk(EDITOR) if "default" in n]


def _metric_enums(node: Any) -> list[list[str]]:
    """The enums of every MetricName member schema below ``node``."""
    found = []
    for item in walk(node):
        metric = item.get("properties", {}).get("MetricName")
        if isinstance(metric, dict) and "enum" in metric:
            found.append(metric["enum"])
    return found


def test_one_metric_enum_per_branch_and_the_17_last() -> None:
    """Completion merges every enum that applies: each branch of the problem-type chain holds
    exactly one, and the last else (no problem type) the 17."""
    catalog = load_catalog()
    v1 = EDITOR["else"]["else"]["then"]
    assert "AutoMLJobObjective" not in v1["properties"]
    chain = v1["allOf"][-1]
    seen = []
    while "if" in chain:
        seen.append(_metric_enums(chain["then"]))
        chain = chain["else"]
    assert seen == [[list(r.allowed)] for r in catalog.problem_types if r.is_tabular]
    assert _metric_enums(chain) == [list(catalog.metric_names)]


@pytest.mark.parametrize("case", cases(), ids=[c.id for c in cases()])
def test_judges_fixtures_like_the_canonical_schema(case: Case) -> None:
    try:
        data = load_path(case.path).data
    except LoadError:
        return
    assert INLINED.is_valid(data) is CANONICAL.is_valid(data) is case.expect_valid
