"""``if`` / ``then`` / ``else``: the branch the condition picks. A condition that depends on a
dynamic part (it neither surely passes nor surely fails) runs neither branch."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref


@dataclass(frozen=True, kw_only=True)
class IfOp(Op):
    condition: Ref
    then: Ref | None
    otherwise: Ref | None  # ``else``

    def passes_on(self) -> bool:
        return True

    def surely_needs(self) -> tuple[Ref, ...]:
        return (self.condition,)


def build(context: Context, schema: Mapping[str, Any], value: Any, at: Pointer) -> IfOp:
    base = at[:-1]
    then, otherwise = (
        context.node(schema[name], (*base, name)) if name in schema else None
        for name in ("then", "else")
    )
    return IfOp(condition=context.node(value, at), then=then, otherwise=otherwise)


# A condition that passes (no failure is certain) picks ``then`` only if it surely passes; one
# that fails surely fails. Both functions ask "surely" only when ``then`` fails (without
# dynamic parts the two agree, and the clean path pays nothing); the explainer runs a branch
# only when its check fails (a check is cheaper than an explainer that finds nothing).
TEMPLATE = """
{% macro check(s) %}
{% set condition = s.passes(s.op.condition, "v") %}
{% if s.op.then is not none %}
    if {{ condition }}:
        if not {{ s.passes(s.op.then, "v") }} and {{ s.surely(s.op.condition) }}(v):
            return False
{% if s.op.otherwise is not none %}
    elif not {{ s.passes(s.op.otherwise, "v") }}:
        return False
{% endif %}
{% elif s.op.otherwise is not none %}
    if not {{ condition }} and not {{ s.passes(s.op.otherwise, "v") }}:
        return False
{% endif %}
{% endmacro %}
{% macro fails(s) %}
{% set condition = s.passes(s.op.condition, "v") %}
{% if s.op.then is not none and s.op.otherwise is not none %}
((not {{ s.passes(s.op.then, "v") }} and {{ s.surely(s.op.condition) }}(v))
 if {{ condition }} else not {{ s.passes(s.op.otherwise, "v") }})
{% elif s.op.then is not none %}
{{ condition }} and not {{ s.passes(s.op.then, "v") }} and {{ s.surely(s.op.condition) }}(v)
{% elif s.op.otherwise is not none %}
not {{ condition }} and not {{ s.passes(s.op.otherwise, "v") }}
{% else %}
False
{% endif %}
{% endmacro %}
{% macro explain(s) %}
{% if s.op.then is not none %}
    if {{ s.check(s.op.condition) }}(v):
        if not {{ s.check(s.op.then) }}(v) and {{ s.surely(s.op.condition) }}(v):
            {{ s.explain(s.op.then) }}(v, path, out, warn)
{% if s.op.otherwise is not none %}
    elif not {{ s.check(s.op.otherwise) }}(v):
        {{ s.explain(s.op.otherwise) }}(v, path, out, warn)
{% endif %}
{% elif s.op.otherwise is not none %}
    if not {{ s.check(s.op.condition) }}(v) and not {{ s.check(s.op.otherwise) }}(v):
        {{ s.explain(s.op.otherwise) }}(v, path, out, warn)
{% endif %}
{% endmacro %}
{% macro surely(s) %}
{% if s.op.then is not none or s.op.otherwise is not none %}
    if {{ s.surely(s.op.condition) }}(v):
{% if s.op.then is not none %}
        if not {{ s.surely(s.op.then) }}(v):
            return False
{% else %}
        pass
{% endif %}
    elif not {{ s.check(s.op.condition) }}(v):
{% if s.op.otherwise is not none %}
        if not {{ s.surely(s.op.otherwise) }}(v):
            return False
{% else %}
        pass
{% endif %}
{% for branch in (s.op.then, s.op.otherwise) if branch is not none %}
    elif not {{ s.surely(branch) }}(v):
        return False
{% endfor %}
{% endif %}
{% endmacro %}
"""

EMITTER = Emitter(keywords=("if",), op=IfOp, build=build, template=TEMPLATE, reads=("then", "else"))
