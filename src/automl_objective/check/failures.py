"""The failure record: one rule of a schema failing at one place, before it is put in words.

The compiled checks (generated ``checks.py``) produce these records, and so does the adapter
from jsonschema errors (:func:`from_error`), the reference the tests compare with: both go
through the same messages (:mod:`automl_objective.check.messages`), so the comparison is exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from automl_objective.base.codes import Code
from automl_objective.base.dynamic import is_dynamic
from automl_objective.base.quoting import MAX_SHOWN, bounded, printable, shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple

    from jsonschema import ValidationError

    Facts = Mapping[str, Any]
else:  # the same class, without importing typing (base/records.py)
    from automl_objective.base.records import NamedTuple

JsonPath = tuple[str | int, ...]

WARN_KEYWORD = "x-warn"

# The code of a keyword's failure where its schema node names none (x-code).
GENERIC_CODES = {
    "type": Code.INVALID_TYPE,
    "enum": Code.INVALID_VALUE,
    "const": Code.INVALID_VALUE,
    "additionalProperties": Code.UNKNOWN_MEMBER,
    "required": Code.MISSING_MEMBER,
}


def code_for(keyword: str, facts: Facts) -> str:
    """The code of ``keyword`` failing at a node with these facts: a type error is always
    ``invalid-type``; else the node's ``x-code``; else the keyword's generic code."""
    if keyword == "type":
        return GENERIC_CODES["type"]
    code = facts.get("x-code")
    if isinstance(code, str):
        return code
    return GENERIC_CODES.get(keyword, Code.SCHEMA_VIOLATION)


# Keywords whose value is a subschema (or subschemas): never a fact a message uses.
_SUBSCHEMA_KEYWORDS = frozenset(
    {"$defs", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "items", WARN_KEYWORD}
)


def _frozen(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    return value


def _scalar_or_list(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_scalar_or_list(item) for item in value)
    return value is None or isinstance(value, (str, int, float, bool))


def facts_of(node: Any) -> dict[str, Any]:
    """What a message may need of a schema node: its annotations (``x-*``, title), its
    required and enum lists, its member names, whether it is closed or checks key names."""
    if not isinstance(node, dict):
        return {}
    facts: dict[str, Any] = {}
    for key, value in node.items():
        if key in _SUBSCHEMA_KEYWORDS or not isinstance(key, str):
            continue
        if key == "properties" and isinstance(value, dict):
            facts[key] = tuple(value)
        elif key == "propertyNames":
            facts[key] = True
        elif key == "additionalProperties":
            if isinstance(value, bool):
                facts[key] = value
        elif (key.startswith("x-") or key in ("title", "required", "enum", "const")) and (
            _scalar_or_list(value)
        ):
            facts[key] = _frozen(value)
    return facts


class Failure(NamedTuple):
    """One failure: its code, whether it is a warning (under ``x-warn``), where, which
    keyword, the value found, the keyword's value and the facts of the failing node.

    A named tuple, not a dataclass: the compiled explainers build one per failure (10,001
    for one large request), and a tuple is built in a fraction of the time."""

    code: str
    """A :class:`~automl_objective.base.codes.Code`'s value (the compiled checks name it so)."""
    warn: bool
    path: JsonPath
    keyword: str
    instance: Any
    value: Any
    facts: Facts


def from_error(error: ValidationError) -> Failure:
    """The failure record of one jsonschema error (the reference path)."""
    facts = facts_of(error.schema)
    keyword = str(error.validator)
    return Failure(
        code_for(keyword, facts),
        WARN_KEYWORD in error.absolute_schema_path,
        tuple(error.absolute_path),
        keyword,
        error.instance,
        _frozen(error.validator_value),
        facts,
    )


def json_equal(one: Any, two: Any) -> bool:
    """Equality as JSON Schema's enum and const mean it: ``True`` is not ``1``."""
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, bool) or isinstance(two, bool):
        return type(one) is type(two) and one == two
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(map(json_equal, one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return one.keys() == two.keys() and all(json_equal(one[k], two[k]) for k in one)
    return bool(one == two)


def _quoted(value: Any) -> str:
    """``repr(value)``, or the bounded form when that is long, cannot be printed or holds a
    part known only at run time."""
    if (isinstance(value, (list, dict)) and len(value) > MAX_SHOWN // 2) or is_dynamic(value):
        # Longer than MAX_SHOWN whatever the items (each is one character or more, with a
        # separator of two between): the repr of a 5 MB list is never built to be cut, nor
        # is the list searched for a part known only at run time (shown() words either).
        return shown(value)
    try:
        text = repr(value)
    except ValueError:  # an integer too long to print
        return shown(value)
    return shown(value) if len(text) > MAX_SHOWN else text


def _sized(instance: Any, value: Any, small: str, large: str) -> str:
    return f"{_quoted(instance)} {small if value else large}"


def library_message(failure: Failure) -> str:
    """The plain words jsonschema uses for a failure (for keywords no code explains)."""
    keyword, value, instance = failure.keyword, failure.value, failure.instance
    shown_instance = _quoted(instance)
    words = {
        "enum": lambda: f"{shown_instance} is not one of {list(value)!r}",
        "const": lambda: f"{value!r} was expected",
        "minLength": lambda: _sized(instance, value == 1, "should be non-empty", "is too short"),
        "minItems": lambda: _sized(instance, value == 1, "should be non-empty", "is too short"),
        "maxLength": lambda: _sized(instance, value == 0, "is expected to be empty", "is too long"),
        "maxItems": lambda: _sized(instance, value == 0, "is expected to be empty", "is too long"),
        "minProperties": lambda: _sized(
            instance, value == 1, "should be non-empty", "does not have enough properties"
        ),
        "maxProperties": lambda: _sized(
            instance, value == 0, "is expected to be empty", "has too many properties"
        ),
        "minimum": lambda: f"{shown_instance} is less than the minimum of {value!r}",
        "maximum": lambda: f"{shown_instance} is greater than the maximum of {value!r}",
        "pattern": lambda: f"{shown_instance} does not match {value!r}",
        "x-unicode-pattern": lambda: f"{shown_instance} does not match {value!r}",
        "anyOf": lambda: f"{shown_instance} is not valid under any of the given schemas",
        "oneOf": lambda: f"{shown_instance} is not valid under exactly one of the given schemas",
        "not": lambda: f"{shown_instance} should not be valid under {value!r}",
        "required": lambda: f"{value!r} is a required property",
        "dependentRequired": lambda: f"{value!r} is a dependency",
        "type": lambda: f"{shown_instance} is not of type {', '.join(map(repr, value))}",
    }
    said = words.get(keyword)
    return bounded(printable(said() if said else f"{shown_instance} fails {keyword}"))
