"""The reference checker (jsonschema) reads a value known only at run time as the compiled
checks do: a placeholder where an object goes was one ``placeholder`` finding on the command
line's path and that finding plus "must be an object, not a value known only at run time" on
the reference's (found by the fuzz test)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from automl_objective.api import validate_file
from automl_objective.base.schema import load_aws_index, load_schema
from automl_objective.check.catalog import load_catalog
from automl_objective.check.checker import Checker
from automl_objective.check.dynamic import DYNAMIC
from automl_objective.check.failures import Failure
from automl_objective.inputs.syntax import parse_text
from tests.support.compiled import compiled_module
from tests.support.paths import EXAMPLES

REFERENCE = Checker(load_schema(), aws_index=load_aws_index())  # jsonschema

# Where an object, an array, an array's item and a string go, and a value a condition reads.
PLACES = [
    ("OutputDataConfig",),
    ("AutoMLJobInputDataConfig",),
    ("AutoMLJobInputDataConfig", 0),
    ("AutoMLJobInputDataConfig", 0, "DataSource"),
    ("AutoMLProblemTypeConfig", "TabularJobConfig"),
    ("AutoMLJobObjective",),
    ("AutoMLJobName",),
    ("AutoMLProblemTypeConfig", "TabularJobConfig", "ProblemType"),
]


def _request_with(value: str, place: tuple[str | int, ...]) -> Any:
    document = json.loads((EXAMPLES / "create-auto-ml-job-v2.json").read_text())
    node = document
    for token in place[:-1]:
        node = node[token]
    node[place[-1]] = value
    return document


@pytest.mark.parametrize("placeholders", ["report", "dynamic"])
@pytest.mark.parametrize("value", ["$A", "${A}"])
@pytest.mark.parametrize("place", PLACES)
def test_a_placeholder_anywhere_is_one_finding_on_both_paths(
    tmp_path: Path, place: tuple[str | int, ...], value: str, placeholders: Any
) -> None:
    text = json.dumps(_request_with(value, place), indent=2)
    path = tmp_path / "job.json"
    path.write_text(text, encoding="utf-8")
    compiled = validate_file(path, placeholders=placeholders).findings
    reference = REFERENCE.validate(parse_text(str(path), text), placeholders=placeholders)
    assert [f.as_dict() for f in reference.findings] == [f.as_dict() for f in compiled]
    pointer = "".join(f"/{token}" for token in place)
    expected = [("placeholder", pointer)] if placeholders == "report" else []
    assert [(f.code, f.pointer) for f in compiled] == expected


SCHEMA = {
    "$id": "https://example.com/dynamic-reference.schema.json",
    "$defs": {},
    "type": "object",
    "properties": {
        "chosen": {
            "type": "object",
            "if": {"properties": {"kind": {"const": "a"}}, "required": ["kind"]},
            "then": {"required": ["only_a"]},
            "else": {"required": ["not_a"]},
        },
        "nested": {
            "type": "object",
            "if": {
                "properties": {"inner": {"type": "object", "required": ["x"]}},
                "required": ["inner"],
            },
            "then": {"required": ["y"]},
        },
        "untyped": {
            "type": "object",
            "if": {"properties": {"inner": {"required": ["x"]}}, "required": ["inner"]},
            "then": {"required": ["y"]},
        },
        "none": {"type": "object", "not": {"properties": {"a": {"const": 1}}, "required": ["a"]}},
        "one": {"oneOf": [{"type": "string"}, {"type": "object", "required": ["a"]}]},
        "any": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        "items": {"type": "array", "items": {"type": "object", "required": ["a"]}},
    },
}
SMALL_REFERENCE = Checker(SCHEMA, load_catalog())  # its catalog only words messages
SMALL_COMPILED = compiled_module(SCHEMA)

DOCUMENTS = [
    {"chosen": {"kind": DYNAMIC}},  # the condition depends on it: neither branch runs
    {"chosen": {"kind": "a"}},  # then
    {"chosen": {"kind": "b"}},  # else
    {"chosen": {}},  # else
    {"chosen": DYNAMIC, "nested": DYNAMIC, "none": DYNAMIC, "one": DYNAMIC, "any": DYNAMIC},
    {"nested": {"inner": DYNAMIC}},  # inner may be an object with x, or not
    {"nested": {"inner": {"x": DYNAMIC}}},  # surely passes: then runs
    {"nested": {"inner": {}}},  # surely fails: no else
    {"untyped": {"inner": DYNAMIC}},  # may be {}: required of an object may fail
    {"untyped": {"inner": {"x": DYNAMIC}}},  # surely passes
    {"none": {"a": DYNAMIC}},  # a may be 1: not certain
    {"none": {"a": 1}},
    {"one": {"a": DYNAMIC}},  # exactly one branch can pass
    {"one": 5},
    {"any": [DYNAMIC]},  # an array is neither, whatever it holds
    {"items": [DYNAMIC, {}, {"a": DYNAMIC}]},
]


@pytest.mark.parametrize("document", DOCUMENTS, ids=repr)
def test_the_reference_decides_what_the_compiled_checks_decide(document: Any) -> None:
    check, explain = SMALL_COMPILED.ROOT
    compiled: list[Failure] = []
    explain(document, (), compiled, False)
    assert check(document) is (compiled == [])
    reference = SMALL_REFERENCE.failures(document)
    found = sorted((f.path, f.keyword) for f in reference)
    assert found == sorted((f.path, f.keyword) for f in compiled)


def test_the_branches_decided() -> None:
    """What the comparison above rests on, said plainly."""

    def found(document: Any) -> list[tuple[Any, str]]:
        return sorted((f.path, f.keyword) for f in SMALL_REFERENCE.failures(document))

    assert found({"chosen": {"kind": DYNAMIC}}) == []
    assert found({"chosen": {"kind": "a"}}) == [(("chosen",), "required")]
    assert found({"nested": {"inner": {"x": DYNAMIC}}}) == [(("nested",), "required")]
    assert found({"untyped": {"inner": DYNAMIC}}) == []
    assert found({"untyped": {"inner": {"x": 1}}}) == [(("untyped",), "required")]
    assert found({"none": {"a": DYNAMIC}}) == []
    assert found({"none": {"a": 1}}) == [(("none",), "not")]
    assert found({"any": [DYNAMIC]}) == [(("any",), "anyOf")]
