"""A failure whose finding is known before its words (``messages.PLAIN_CODES``) is worded
only if one-per-cause keeps that finding: the findings are the same as when every failure
is worded first, and the finding such a failure's words give is the one foretold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from automl_objective.check import wording
from automl_objective.check.checker import AUTO, default_checker
from automl_objective.check.failures import Failure
from automl_objective.check.findings import Located, one_per_cause
from automl_objective.check.messages import PLAIN_CODES, explain_all
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.syntax import load_path
from tests.support.paths import BAD_INPUTS, EXAMPLES, FIXTURES

MADE: list[Any] = [
    # one member too many: a problem-type-config finding at the same path says it better
    {
        "AutoMLJobName": "job",
        "AutoMLJobInputDataConfig": [],
        "OutputDataConfig": {"S3OutputPath": "s3://b/o"},
        "RoleArn": "arn:aws:iam::123456789012:role/r",
        "AutoMLProblemTypeConfig": {
            "TabularJobConfig": {"TargetAttributeName": "y"},
            "TextGenerationJobConfig": {},
        },
    },
    # too few members and items, alone and beside other mistakes
    {"AutoMLProblemTypeConfig": {}, "AutoMLJobInputDataConfig": [], "Extra": 1},
    {"AutoMLJobName": "", "AutoMLProblemTypeConfig": {"TabularJobConfig": 3}, "Tags": []},
]


def _documents() -> list[Any]:
    found: list[Any] = list(MADE)
    for folder in (FIXTURES, EXAMPLES, BAD_INPUTS):
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix in (".json", ".yaml", ".yml") and "code" not in path.parts:
                try:
                    found.append(load_path(path).data)
                except LoadError:
                    continue
    return found


def _failures_of_each() -> list[list[Failure]]:
    checker = default_checker()
    return [checker.failures(data, checker.kind_of(data) or AUTO) for data in _documents()]


FAILURES = _failures_of_each()


def _worded_first(failures: list[Failure]) -> list[Located]:
    catalog = default_checker().catalog
    return one_per_cause([item for f in failures for item in explain_all(f, catalog)])


def test_the_documents_hold_such_failures_kept_and_dropped() -> None:
    catalog = default_checker().catalog
    fates = {
        (f.keyword, explain_all(f, catalog)[0] in wording.findings_of(found, catalog))
        for found in FAILURES
        for f in found
        if (f.code, f.keyword) in PLAIN_CODES
    }
    assert {("maxProperties", False), ("minProperties", False), ("minItems", True)} <= fates


def test_the_finding_of_such_a_failure_is_the_one_foretold() -> None:
    catalog = default_checker().catalog
    for found in FAILURES:
        for failure in found:
            code = PLAIN_CODES.get((failure.code, failure.keyword))
            if code is None:
                continue
            [item] = explain_all(failure, catalog)
            assert (item.code, item.path, item.at_key, item.says_most) == (
                code,
                failure.path,
                False,
                False,
            )


@pytest.mark.parametrize("memory", ["empty", "full"])
def test_the_findings_are_those_of_every_failure_worded_first(memory: str) -> None:
    catalog = default_checker().catalog
    if memory == "empty":
        wording._MEMORY.clear()
    for found in FAILURES:
        assert wording.findings_of(found, catalog) == _worded_first(found)


def _plain(keyword: str, path: tuple[str | int, ...], instance: Any, value: Any) -> Failure:
    facts = {"title": "Config"}
    return Failure("schema-violation", False, path, keyword, instance, value, facts)


def test_plain_failures_alike_in_code_and_path_are_not_taken_for_repeats() -> None:
    """Two such failures at one path that word apart, and two that word alike, against
    one-per-cause over their words (of two schema-violations at one value, the first)."""
    catalog = default_checker().catalog
    cases = [
        [_plain("maxProperties", ("A",), {"x": 1, "y": 2}, 1), _plain("minItems", ("A",), [], 1)],
        [_plain("maxProperties", ("A",), {"x": 1, "y": 2}, 1)] * 2,
        [
            _plain("maxItems", ("A", 0), [1, 2], 1),
            _plain("maxItems", ("A", 1), [1, 2], 1),
            Failure("invalid-type", False, ("A", 1), "type", [1, 2], "object", {}),
        ],
        [
            Failure("invalid-value", True, ("B",), "maxProperties", {"x": 1, "y": 2}, 1, {}),
            Failure("schema-violation", True, ("B",), "pattern", "x", "^a$", {}),
        ],
    ]
    for failures in cases:
        assert wording.findings_of(failures, catalog) == _worded_first(failures)
