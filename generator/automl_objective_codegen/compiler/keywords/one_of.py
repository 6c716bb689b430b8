"""``oneOf``: exactly one subschema passes (certain to fail when each surely fails, or when
two or more surely pass)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref
from automl_objective_codegen.compiler.keywords.all_of import subschemas


@dataclass(frozen=True, kw_only=True)
class OneOfOp(Op):
    children: tuple[Ref, ...]

    def surely_needs(self) -> tuple[Ref, ...]:
        return self.children


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> OneOfOp:
    need(context, isinstance(value, list) and bool(value), at, "needs a non-empty list")
    return OneOfOp(children=subschemas(context, value, at))


# Without dynamic parts, "surely passes" is "passes": the second count only confirms.
TEMPLATE = """
{% macro check(s) %}
    passing = [{{ s.calls("check", s.op.children, ", ") }}].count(True)
    if passing != 1 and v is not DYNAMIC:
        if passing == 0 or [{{ s.calls("surely", s.op.children, ", ") }}].count(True) > 1:
            return False
{% endmacro %}
{% macro explain(s) %}
    passing = [{{ s.calls("check", s.op.children, ", ") }}].count(True)
    if passing != 1 and v is not DYNAMIC:
        if passing == 0 or [{{ s.calls("surely", s.op.children, ", ") }}].count(True) > 1:
            {{ s.fail(None) }}
{% endmacro %}
{% macro surely(s) %}
    if [{{ s.calls("surely", s.op.children, ", ") }}].count(True) != 1:
        return False
    if [{{ s.calls("check", s.op.children, ", ") }}].count(True) != 1:
        return False
{% endmacro %}
"""

EMITTER = Emitter(keywords=("oneOf",), op=OneOfOp, build=build, template=TEMPLATE)
