"""A pattern's check remembers the values it matched (a bounded set), so a value seen again
costs a set lookup, not a run of the pattern; the answers stay the pattern's own."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from jsonschema import Draft202012Validator

from tests.support.compiled import compiled_module

SCHEMA = {
    "type": "object",
    "properties": {
        "Name": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"},
        "Any": {"pattern": "^x"},
    },
}


def _counted(module: ModuleType) -> dict[str, list[str]]:
    """Each pattern's search in ``module`` replaced by one that notes the values it is asked."""
    asked: dict[str, list[str]] = {}
    for name in [n for n in vars(module) if n.endswith("_ok")]:
        search_name = name.removesuffix("_ok")
        getattr(module, search_name)("")  # compiled on first use: it rebinds its global
        asked[search_name] = []
        setattr(module, search_name, _noting(getattr(module, search_name), asked[search_name]))
    return asked


def _noting(search: Callable[[str], object], notes: list[str]) -> Callable[[str], object]:
    def noting(value: str) -> object:
        notes.append(value)
        return search(value)

    return noting


def test_a_matched_value_is_looked_up_the_second_time() -> None:
    module = compiled_module(SCHEMA)
    asked = _counted(module)
    check = module.ROOT[0]
    reference = Draft202012Validator(SCHEMA)
    documents: list[Any] = [
        {"Name": "churn-job"},
        {"Name": "churn-job"},
        {"Name": "Churn"},
        {"Name": "Churn"},
        {"Name": "churn-job", "Any": "xy"},
        {"Any": "yx"},
        {"Any": "yx"},
        {"Any": 5},
    ]
    for document in documents:
        assert check(document) is reference.is_valid(document), document
    searched = sorted(value for values in asked.values() for value in values)
    # Each matched value once; a failing value each time it is checked.
    assert searched == ["Churn", "Churn", "churn-job", "xy", "yx", "yx"]


def test_what_is_remembered_is_bounded() -> None:
    module = compiled_module(SCHEMA)
    check = module.ROOT[0]
    (known,) = [v for n, v in vars(module).items() if n.endswith("_ok") and "Name" in n]
    long_name = "a" * (module.REMEMBERED_LENGTH + 1)
    assert check({"Name": long_name})
    assert long_name not in known  # too long to keep
    for number in range(module.REMEMBERED * 2):
        name = "".join(chr(ord("a") + int(d)) for d in str(number))
        assert check({"Name": name})
    assert len(known) == module.REMEMBERED
    assert check({"Name": "zz-top"}) and not check({"Name": "ZZ"})
