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
        for name, text in zip(node["enum"], node["markdownEnumDescriptions"], strict=True):
            metric = catalog.metric(name)
            assert metric.description in text and metric.direction.lower() in text
    regression = next(n for n in walk(EDITOR) if n.get("x-problem-type") == "Regression")
    assert regression["markdownDescription"] == (
        "Metrics AWS accepts for **Regression**: `MAE`, `MSE` (default), `R2`, `RMSE`."
    )


@pytest.mark.parametrize("case", cases(), ids=[c.id for c in cases()])
def test_judges_fixtures_like_the_canonical_schema(case: Case) -> None:
    try:
        data = load_path(case.path).data
    except LoadError:
        return
    assert INLINED.is_valid(data) is CANONICAL.is_valid(data) is case.expect_valid
