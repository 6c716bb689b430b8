"""``not``: the subschema fails (certain only when it surely passes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref


@dataclass(frozen=True, kw_only=True)
class NotOp(Op):
    child: Ref

    def surely_needs(self) -> tuple[Ref, ...]:
        return (self.child,)


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> NotOp:
    return NotOp(child=context.node(value, at))


TEMPLATE = """
{% macro check(s) %}
    if {{ s.passes(s.op.child, "v") }} and v is not DYNAMIC and {{ s.surely(s.op.child) }}(v):
        return False
{% endmacro %}
{% macro fails(s) %}
{{ s.passes(s.op.child, "v") }} and v is not DYNAMIC and {{ s.surely(s.op.child) }}(v)
{% endmacro %}
{% macro explain(s) %}
    if {{ s.check(s.op.child) }}(v) and v is not DYNAMIC and {{ s.surely(s.op.child) }}(v):
        {{ s.fail(None) }}
{% endmacro %}
{% macro surely(s) %}
    if {{ s.check(s.op.child) }}(v):
        return False
{% endmacro %}
"""

EMITTER = Emitter(keywords=("not",), op=NotOp, build=build, template=TEMPLATE)
