"""What the generated AWS schemas mean beyond plain JSON Schema, for jsonschema.

Two readings follow AWS rather than JSON Schema's number model and Python's ``re``:

- ``"type": "integer"`` takes integers only. JSON Schema counts ``5.0`` as an integer, but
  botocore rejects a float for an integer member before AWS sees it, and the JSON and YAML
  parsers keep ``5.0`` a float, so the check can tell.
- ``x-unicode-pattern``: a whole-value pattern using ``\\p{..}`` classes (ECMA-262 with the
  ``u`` flag reads it as is). Python's ``re`` cannot run it, so the standard ``pattern`` keyword
  would make plain jsonschema fail; the ``regex`` library runs it, imported only then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

UNICODE_PATTERN = "x-unicode-pattern"


def is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@cache
def unicode_pattern(pattern: str) -> Callable[[str], object]:
    """The search function of a pattern with ``\\p{..}`` classes."""
    import regex

    search: Callable[[str], object] = regex.compile(pattern).search
    return search


def _unicode_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and unicode_pattern(pattern)(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def aws_validator_class(base: Any) -> Any:
    """``base`` (a jsonschema validator class) reading the AWS schemas as AWS does."""
    from jsonschema import validators

    checker = base.TYPE_CHECKER.redefine("integer", lambda _, value: is_integer(value))
    return validators.extend(  # type: ignore[no-untyped-call]
        base, {UNICODE_PATTERN: _unicode_pattern}, type_checker=checker
    )
