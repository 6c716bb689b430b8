"""``type``: the JSON type, as jsonschema reads it (an integer is never a float or a bool)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer
from automl_objective_codegen.environment import PyCode

TESTS = {
    "object": "isinstance(v, dict)",
    "array": "isinstance(v, list)",
    "string": "isinstance(v, str)",
    "boolean": "isinstance(v, bool)",
    "null": "v is None",
    "integer": "(isinstance(v, int) and not isinstance(v, bool))",
    "number": "(isinstance(v, (int, float)) and not isinstance(v, bool))",
}
_PYTHON = {"object": "dict", "array": "list", "string": "str"}


@dataclass(frozen=True, kw_only=True)
class TypeOp(Op):
    types: tuple[str, ...]
    value: str | tuple[str, ...]  # as the schema wrote it: a failure reports it

    def narrows(self) -> str | None:
        return _PYTHON.get(self.types[0]) if len(self.types) == 1 else None

    def test(self) -> PyCode:
        """The expression that is True when ``v`` has one of the types."""
        tests = [TESTS[t] for t in self.types]
        return PyCode(tests[0] if len(tests) == 1 else f"({' or '.join(tests)})")


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> TypeOp:
    types = tuple(value) if isinstance(value, list) else (value,)
    need(context, all(t in TESTS for t in types), at, f"unknown type {value!r:.60}")
    return TypeOp(types=types, value=types if isinstance(value, list) else value)


TEMPLATE = """
{% macro check(s) %}
    if not {{ s.op.test() }}:
        return v is DYNAMIC
{% endmacro %}
{% macro holds(s) %}{{ s.op.test() }}{% endmacro %}
{% macro explain(s) %}
    if not {{ s.op.test() }} and v is not DYNAMIC:
        {{ s.fail(s.op.value) }}
{% endmacro %}
{% macro surely(s) %}
    if not {{ s.op.test() }}:
        return False
{% endmacro %}
"""

EMITTER = Emitter(keywords=("type",), op=TypeOp, build=build, template=TEMPLATE)
