"""``anyOf``: at least one subschema passes (certain to fail only when each surely fails)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref
from automl_objective_codegen.compiler.keywords.all_of import subschemas


@dataclass(frozen=True, kw_only=True)
class AnyOfOp(Op):
    children: tuple[Ref, ...]


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> AnyOfOp:
    need(context, isinstance(value, list) and bool(value), at, "needs a non-empty list")
    return AnyOfOp(children=subschemas(context, value, at))


TEMPLATE = """
{% macro check(s) %}
    if not ({{ s.passes_each(s.op.children, " or ") }}):
        return False
{% endmacro %}
{% macro fails(s) %}not ({{ s.passes_each(s.op.children, " or ") }}){% endmacro %}
{% macro explain(s) %}
    if not ({{ s.calls("check", s.op.children, " or ") }}):
        {{ s.fail(None) }}
{% endmacro %}
{% macro surely(s) %}
    if not ({{ s.calls("surely", s.op.children, " or ") }}):
        return False
{% endmacro %}
"""

EMITTER = Emitter(keywords=("anyOf",), op=AnyOfOp, build=build, template=TEMPLATE)
