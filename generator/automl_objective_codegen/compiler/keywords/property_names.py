"""``propertyNames``: every member name is checked by a subschema (names are always known;
an open object's unknown names are undecidable)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref


@dataclass(frozen=True, kw_only=True)
class NamesOp(Op):
    child: Ref


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> NamesOp:
    return NamesOp(child=context.node(value, at))


TEMPLATE = """
{% macro check(s) %}
    if isinstance(v, dict):
        for key in v:
            if not {{ s.check(s.op.child) }}(key):
                return False
{% endmacro %}
{% macro explain(s) %}
    if isinstance(v, dict):
        for key in v:
            if not {{ s.check(s.op.child) }}(key):
                {{ s.explain(s.op.child) }}(key, path, out, warn)
{% endmacro %}
{% macro surely(s) %}
    if isinstance(v, dict):
        if v.__class__ is OpenObject and not {{ s.surely(s.op.child) }}(DYNAMIC):
            return False
        for key in v:
            if not {{ s.surely(s.op.child) }}(key):
                return False
{% endmacro %}
"""

EMITTER = Emitter(keywords=("propertyNames",), op=NamesOp, build=build, template=TEMPLATE)
