"""``enum``: one of the listed values (strings by a set lookup, others by JSON equality)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer
from automl_objective_codegen.environment import PYTHON_FILTERS, PyCode


def literal(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, bool))


@dataclass(frozen=True, kw_only=True)
class EnumOp(Op):
    values: tuple[Any, ...]
    strings: bool  # every value is a string

    def test(self, sure: str | None, constant: PyCode) -> PyCode:
        """The expression that is True when ``v`` is one of the values (``constant``: their
        set, for strings)."""
        if self.strings:
            found = f"v in {constant}"
            return PyCode(found if sure == "str" else f"(isinstance(v, str) and {found})")
        return PyCode(f"_in(v, {PYTHON_FILTERS['py'](self.values)})")


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> EnumOp:
    need(context, isinstance(value, list), at, "enum must be a list")
    strings = all(isinstance(v, str) for v in value)
    need(context, strings or all(literal(v) for v in value), at, "enum values must be scalars")
    return EnumOp(values=tuple(value), strings=strings)


TEMPLATE = """
{% macro check(s) %}
    if not {{ s.op.test(s.sure, s.c) }}:
        return v is DYNAMIC
{% endmacro %}
{% macro holds(s) %}{{ s.op.test(s.sure, s.c) }}{% endmacro %}
{% macro explain(s) %}
    if not {{ s.op.test(s.sure, s.c) }} and v is not DYNAMIC:
        {{ s.fail(s.op.values) }}
{% endmacro %}
{% macro surely(s) %}
    if not {{ s.op.test(s.sure, s.c) }}:
        return False
{% endmacro %}
{% macro tables(s) %}
{% if s.op.strings %}
{{ s.c }} = frozenset({{ s.op.values | py }})
{% endif %}
{% endmacro %}
"""

EMITTER = Emitter(keywords=("enum",), op=EnumOp, build=build, template=TEMPLATE)
