"""jsonschema and the generated models must give the same verdict on every document.

The documents come from the fixtures and from a hypothesis strategy built from the schema's own
members (every kind, problem type and metric), with near misses, wrong types, nulls, extra
members and broken unions.
Any disagreement is a bug in the schema, the generator or its templates.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from automl_objective.base.schema import load_schema
from automl_objective.check.catalog import load_catalog
from automl_objective.check.checker import Checker
from automl_objective.inputs.document import Document, LoadError
from automl_objective.inputs.syntax import load_path
from automl_objective_generated.checks import ROOT
from tests.support.fixture_cases import Case, cases
from tests.support.fuzzing import examples
from tests.support.models import model_accepts
from tests.support.schema_documents import sites, strategy

CATALOG = load_catalog()
PLAIN = Draft202012Validator(load_schema())

# Odd values, not member names: the members come from the schema
# (tests/support/schema_documents.py).
odd_values = st.one_of(
    st.sampled_from(["F1Macro", "wQL", "f1", " F1", "", "ZzNotAMetric", "Regresion", "x"]),
    st.sampled_from(CATALOG.metric_names),
    st.integers(),
    st.none(),
    st.lists(st.sampled_from(CATALOG.metric_names), max_size=2),
)
VALID_SEEDS = [c.path for c in cases() if c.expect_valid and c.path.suffix == ".json"]
schema_documents = strategy(
    sites(load_schema()), odd_values, [json.loads(p.read_text()) for p in VALID_SEEDS]
)
not_objects = st.one_of(
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.lists(st.integers(), max_size=2),
    st.integers(),
    st.text(max_size=3),
)
documents = st.one_of(schema_documents, schema_documents, schema_documents, not_objects)


def assert_agree(document: Any) -> None:
    schema_verdict = PLAIN.is_valid(document)
    assert model_accepts(document) is schema_verdict, (
        f"jsonschema says {'valid' if schema_verdict else 'invalid'}: {document!r}"
    )


@settings(max_examples=examples(3000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_models_and_jsonschema_agree(document: Any) -> None:
    assert_agree(document)


@pytest.mark.parametrize("case", cases(), ids=[c.id for c in cases()])
def test_models_agree_on_fixtures(case: Case) -> None:
    try:
        document = load_path(case.path)
    except LoadError:
        return
    assert model_accepts(document.data) is case.expect_valid
    assert_agree(document.data)


@pytest.mark.parametrize("problem_type", CATALOG.problem_type_names)
@pytest.mark.parametrize("metric", CATALOG.metric_names)
def test_every_pair_agrees(problem_type: str, metric: str) -> None:
    rule = CATALOG.problem_type(problem_type)
    config: dict[str, Any] = {"ProblemType": problem_type} if rule.is_tabular else {}
    document = {
        "AutoMLProblemTypeConfig": {rule.job_config: config},
        "AutoMLJobObjective": {"MetricName": metric},
    }
    assert_agree(document)
    if rule.is_tabular:
        assert_agree({"ProblemType": problem_type, "AutoMLJobObjective": {"MetricName": metric}})


SLOW = Checker(load_schema())  # jsonschema only, no compiled checks
is_clean = ROOT[0]  # the compiled predicate of the canonical schema's root


def full_findings(document: Any) -> list[str]:
    return [f.code for f in SLOW.validate(Document("<doc>", document, "{}", "json")).findings]


@settings(max_examples=examples(3000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_compiled_shortcut_passes_exactly_the_clean_documents(document: Any) -> None:
    assert is_clean(document) is (full_findings(document) == []), full_findings(document)


@pytest.mark.parametrize("case", cases(), ids=[c.id for c in cases()])
def test_compiled_shortcut_on_fixtures(case: Case) -> None:
    try:
        document = load_path(case.path)
    except LoadError:
        return
    assert is_clean(document.data) is (case.expected_findings() == [])
