"""The compiled engine, jsonschema and the models agree on documents generated from the schemas.

The documents come from :mod:`tests.schema_documents`, which reads them off the schemas
themselves (every enum value, every branch, every required member dropped, every closed object
given an unknown member, every wrong type): a rule nobody listed by hand is still exercised.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automl_objective.base.schema import load_aws_index, load_schema
from automl_objective.check.catalog import load_catalog
from automl_objective.check.checker import Checker, default_checker
from automl_objective.inputs.document import Document
from tests.support.fuzzing import examples
from tests.support.models import model_accepts
from tests.support.schema_documents import (
    aws_documents,
    canonical_documents,
    mutations,
    sites,
)

REFERENCE = Checker(load_schema(), load_catalog(), None, load_aws_index())  # jsonschema
OBJECTIVE_REFERENCE = Checker(load_schema(), load_catalog())  # the canonical schema only


def _document(data: Any) -> Document:
    return Document("<generated>", data, json.dumps(data, indent=2), "json")


def assert_engines_agree(data: Any) -> None:
    document = _document(data)
    compiled = default_checker().validate(document)
    reference = REFERENCE.validate(document)
    assert [f.as_dict() for f in compiled.findings] == [f.as_dict() for f in reference.findings], (
        data
    )


def test_the_generated_documents_cover_every_kind_and_both_verdicts() -> None:
    canonical = canonical_documents()
    kinds = {OBJECTIVE_REFERENCE.kind_of(d) for d in canonical}
    assert {*OBJECTIVE_REFERENCE.kinds, None} <= kinds
    verdicts = {OBJECTIVE_REFERENCE.validate(_document(d)).valid for d in canonical}
    assert verdicts == {True, False}
    assert len(aws_documents()) > 1000


def test_compiled_checks_and_jsonschema_give_the_same_findings_on_every_document() -> None:
    for data in canonical_documents():
        assert_engines_agree(data)


def test_models_and_jsonschema_agree_on_every_document() -> None:
    for data in canonical_documents():
        verdict = OBJECTIVE_REFERENCE.validate(_document(data))
        errors = [f for f in verdict.findings if f.severity == "error"]
        assert model_accepts(data) is (errors == []), (data, errors)


@settings(max_examples=examples(500), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_two_mistakes_at_once_agree_with_jsonschema_and_the_models(data: st.DataObject) -> None:
    """Pairs of facts (a problem type with each metric, an if taken with a member dropped):
    every branch of every ``if`` meets every other fact."""
    first = data.draw(st.sampled_from(canonical_documents()))
    second = [d for d in mutations(first, sites(load_schema())) if d is not None]
    document = data.draw(st.sampled_from(second)) if second else first
    assert_engines_agree(document)
    verdict = OBJECTIVE_REFERENCE.validate(_document(document))
    errors = [f for f in verdict.findings if f.severity == "error"]
    assert model_accepts(document) is (errors == []), (document, errors)


@settings(max_examples=examples(400), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_whole_requests_agree_with_jsonschema(data: st.DataObject) -> None:
    assert_engines_agree(data.draw(st.sampled_from(aws_documents())))


@pytest.mark.parametrize("kind", sorted(e["kind"] for e in load_aws_index()["kinds"]))
def test_every_aws_kind_is_reached(kind: str) -> None:
    assert any(default_checker().kind_of(d) == kind for d in aws_documents()), kind
