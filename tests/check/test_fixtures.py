"""Every fixture gives exactly its expected findings, and plain jsonschema agrees on validity."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from automl_objective.api import validate_file
from automl_objective.base.schema import load_schema
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.syntax import load_path
from tests.support.fixture_cases import Case, cases

CASES = cases()


@pytest.fixture(scope="module")
def plain_validator() -> Any:
    return Draft202012Validator(load_schema())


def test_the_corpus_has_both_folders() -> None:
    assert sum(c.expect_valid for c in CASES) >= 10
    assert sum(not c.expect_valid for c in CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_findings(case: Case) -> None:
    result = validate_file(case.path)
    assert [f.as_dict() for f in result.findings] == case.expected_findings()
    assert result.valid is case.expect_valid
    if not case.expect_valid:
        assert case.expected_path.exists(), "an invalid fixture needs its .findings.jsonl"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_plain_jsonschema_agrees(case: Case, plain_validator: Any) -> None:
    try:
        document = load_path(case.path)
    except LoadError:
        assert not case.expect_valid
        return
    assert plain_validator.is_valid(document.data) is case.expect_valid
