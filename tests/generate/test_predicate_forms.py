"""The forms a compiled check writes its tests in, chosen for speed on clean documents: a few
required names each tested with ``in``, more by one subset test; the members allowed by
``known.issuperset(v)``; a minimum of 0 not tested at all. Each form answers as the keyword
means, on every object made of the names involved (an open object too)."""

from __future__ import annotations

from itertools import chain, combinations
from types import ModuleType
from typing import Any

import pytest

from automl_objective.base.dynamic import OpenObject
from automl_objective.check.messages import RULE_CODES
from automl_objective_codegen.compiler import compile_checks, render_checks
from tests.support.compiled import loaded

NAMES = ("A", "B", "C", "D", "E")


def _objects(names: tuple[str, ...]) -> list[dict[str, Any]]:
    subsets = chain.from_iterable(combinations(names, n) for n in range(len(names) + 1))
    found: list[dict[str, Any]] = []
    for subset in subsets:
        found.append(dict.fromkeys(subset, 1))
        found.append(OpenObject(dict.fromkeys(subset, 1)))
    return found


@pytest.mark.parametrize("count", [1, 2, 4, 5])
def test_required_names_are_tested_in_line_up_to_four(count: int) -> None:
    required = NAMES[:count]
    source, module = _compiled({"type": "object", "required": list(required)})
    assert (f'"{required[0]}" not in v' in source or f'"{required[0]}" in v' in source) == (
        count <= 4
    )
    passes = module.ROOT[0]
    for value in _objects((*NAMES, "Z")):
        expected = set(required) <= value.keys() or isinstance(value, OpenObject)
        assert passes(value) is expected, (required, value)


def test_members_not_named_are_found_without_a_keys_view() -> None:
    source, module = _compiled(
        {"type": "object", "properties": {"A": {}, "B": {}}, "additionalProperties": False}
    )
    assert ".issuperset(v)" in source
    passes = module.ROOT[0]
    for value in _objects(("A", "B", "C")):
        assert passes(value) is (value.keys() <= {"A", "B"}), value


def test_a_minimum_of_zero_is_no_test() -> None:
    source, module = _compiled({"type": "string", "minLength": 0, "maxLength": 3})
    assert "len(v) < 0" not in source  # the checks' module: its explainers are elsewhere
    passes = module.ROOT[0]
    assert passes("") and passes("abc") and not passes("abcd") and not passes(3)


def _compiled(schema: dict[str, Any]) -> tuple[str, ModuleType]:
    """The checks' text generate would render for ``schema`` (as its canonical schema), and
    its module run."""
    texts = render_checks(compile_checks(schema, [], RULE_CODES), "# compiled in a test")
    return texts["checks.py"], loaded(texts)
