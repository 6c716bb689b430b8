"""``allOf``: every subschema (members that only pass the value on are inlined, see
``optimize.spliced``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref


@dataclass(frozen=True, kw_only=True)
class AllOfOp(Op):
    children: tuple[Ref, ...]

    def passes_on(self) -> bool:
        return True


def subschemas(context: Context, value: Any, at: Pointer) -> tuple[Ref, ...]:
    """The nodes of a list of subschemas."""
    return tuple(context.node(item, (*at, i)) for i, item in enumerate(value))


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> AllOfOp:
    need(context, isinstance(value, list), at, "allOf must be a list")
    return AllOfOp(children=subschemas(context, value, at))


TEMPLATE = """
{% macro check(s) %}
{% for child in s.op.children %}
    if not {{ s.passes(child, "v") }}:
        return False
{% endfor %}
{% endmacro %}
{% macro fails(s) %}not ({{ s.passes_each(s.op.children, " and ") }}){% endmacro %}
{% macro explain(s) %}
{% for child in s.op.children %}
    if not {{ s.check(child) }}(v):
        {{ s.explain(child) }}(v, path, out, warn)
{% endfor %}
{% endmacro %}
{% macro surely(s) %}
{% for child in s.op.children %}
    if not {{ s.surely(child) }}(v):
        return False
{% endfor %}
{% endmacro %}
"""

EMITTER = Emitter(keywords=("allOf",), op=AllOfOp, build=build, template=TEMPLATE)
