"""``$ref`` (a local ``#/$defs/`` definition) and ``x-warn`` (a subschema whose failures are
warnings): the value is checked by another node."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective.check.failures import WARN_KEYWORD
from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref

DEFS = "#/$defs/"


@dataclass(frozen=True, kw_only=True)
class CallOp(Op):
    child: Ref
    warn: bool = False  # the child's failures are warnings

    def passes_on(self) -> bool:
        return not self.warn


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> CallOp:
    if at[-1] == WARN_KEYWORD:
        return CallOp(child=context.node(value, at), warn=True)
    local = isinstance(value, str) and value.startswith(DEFS) and value.count("/") == 2
    need(context, local, at, f"only local #/$defs/ references compile, not {value!r:.60}")
    return CallOp(child=context.definition(value.removeprefix(DEFS), at))


TEMPLATE = """
{% macro check(s) %}
    if not {{ s.passes(s.op.child, "v") }}:
        return False
{% endmacro %}
{% macro fails(s) %}not {{ s.passes(s.op.child, "v") }}{% endmacro %}
{% macro explain(s) %}
    if not {{ s.check(s.op.child) }}(v):
        {{ s.explain(s.op.child) }}(v, path, out, {% if s.op.warn %}True{% else %}warn{% endif %})
{% endmacro %}
{% macro surely(s) %}
    if not {{ s.surely(s.op.child) }}(v):
        return False
{% endmacro %}
"""

EMITTER = Emitter(keywords=("$ref", WARN_KEYWORD), op=CallOp, build=build, template=TEMPLATE)
