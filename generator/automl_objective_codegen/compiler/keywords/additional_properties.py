"""``additionalProperties``: members the node does not name (``false``: none allowed, a
schema: each checked by it). Members shown are checked even on an open object. A check asks
``known.issuperset(v)``: the same answer as ``v.keys() <= known`` without making a keys view
(a quarter cheaper, measured)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref


@dataclass(frozen=True, kw_only=True)
class AdditionalOp(Op):
    known: tuple[str, ...]  # the members ``properties`` names
    allowed: bool  # False: no other member is allowed
    rest: Ref | None  # the subschema of the other members, if any

    def accepts_anything(self) -> bool:
        return self.allowed and self.rest is None


def build(context: Context, schema: Mapping[str, Any], value: Any, at: Pointer) -> AdditionalOp:
    need(context, "patternProperties" not in schema, at, "patternProperties does not compile")
    known = tuple(schema.get("properties", {}))
    if isinstance(value, bool):
        return AdditionalOp(known=known, allowed=value, rest=None)
    return AdditionalOp(known=known, allowed=True, rest=context.node(value, at))


TEMPLATE = """
{% macro check(s) %}
{% if not s.op.allowed %}
    if {{ s.guard("dict") }}not {{ s.c }}.issuperset(v):
        return False
{% elif s.op.rest is not none %}
    if isinstance(v, dict):
        for key, item in v.items():
            if key not in {{ s.c }} and not {{ s.check(s.op.rest) }}(item):
                return False
{% endif %}
{% endmacro %}
{% macro fails(s) %}
{% if not s.op.allowed %}
{{ s.guard("dict") }}not {{ s.c }}.issuperset(v)
{% endif %}
{% endmacro %}
{% macro explain(s) %}
{% if not s.op.allowed %}
    if isinstance(v, dict) and not v.keys() <= {{ s.c }}:
        {{ s.fail(False) }}
{% elif s.op.rest is not none %}
    if isinstance(v, dict):
        for key, item in v.items():
            if key not in {{ s.c }} and not {{ s.check(s.op.rest) }}(item):
                {{ s.explain(s.op.rest) }}(item, (*path, key), out, warn)
{% endif %}
{% endmacro %}
{% macro surely(s) %}
{% if not s.op.allowed %}
    if {{ s.guard("dict") }}(v.__class__ is OpenObject or not {{ s.c }}.issuperset(v)):
        return False
{% elif s.op.rest is not none %}
    if isinstance(v, dict):
        if v.__class__ is OpenObject and not {{ s.surely(s.op.rest) }}(DYNAMIC):
            return False
        for key, item in v.items():
            if key not in {{ s.c }} and not {{ s.surely(s.op.rest) }}(item):
                return False
{% endif %}
{% endmacro %}
{% macro tables(s) %}
{% if not s.op.accepts_anything() and s.op.known %}
{{ s.c }} = frozenset({{ s.op.known | py }})
{% elif not s.op.accepts_anything() %}
{{ s.c }}: frozenset[str] = frozenset()
{% endif %}
{% endmacro %}
"""

EMITTER = Emitter(
    keywords=("additionalProperties",), op=AdditionalOp, build=build, template=TEMPLATE
)
