"""``properties``: each member present is checked by its own subschema."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref

# Up to this many members, the check tests each one in line (and writes a small member's check
# in line too); past it, it walks the members present through a table (a request has a few
# members out of many). 16 covers AWS's request shapes: on clean requests, testing each
# member costs less than a walk that calls a function per member present (measured).
UNROLLED = 16


@dataclass(frozen=True, kw_only=True)
class PropertiesOp(Op):
    members: tuple[tuple[str, Ref], ...]

    def unrolled(self) -> bool:
        return len(self.members) <= UNROLLED


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> PropertiesOp:
    need(context, isinstance(value, dict), at, "properties must be an object")
    members = tuple((key, context.node(sub, (*at, key))) for key, sub in value.items())
    return PropertiesOp(members=members)


TEMPLATE = """
{% macro check(s) %}
{% if s.op.unrolled() and s.sure == "dict" %}
{% for key, child in s.op.members %}
    if {{ key | py }} in v and not {{ s.passes(child, "v[" ~ (key | py) ~ "]") }}:
        return False
{% endfor %}
{% elif s.op.unrolled() %}
    if isinstance(v, dict):
{% for key, child in s.op.members %}
        if {{ key | py }} in v and not {{ s.passes(child, "v[" ~ (key | py) ~ "]") }}:
            return False
{% endfor %}
{% elif s.sure == "dict" %}
    table = {{ s.c }}_p
    for key, item in v.items():
        check = table.get(key)
        if check is not None and not check(item):
            return False
{% else %}
    if isinstance(v, dict):
        table = {{ s.c }}_p
        for key, item in v.items():
            check = table.get(key)
            if check is not None and not check(item):
                return False
{% endif %}
{% endmacro %}
{% macro fails(s) %}
{% if s.op.unrolled() %}
{{ s.guard("dict") }}(
{% for key, child in s.op.members %}
{% if not loop.first %} or {% endif %}
({{ key | py }} in v and not {{ s.passes(child, "v[" ~ (key | py) ~ "]") }})
{% endfor %}
)
{% endif %}
{% endmacro %}
{% macro explain(s) %}
{% if s.op.unrolled() %}
    if isinstance(v, dict):
{% for key, child in s.op.members %}
        if {{ key | py }} in v and not {{ s.passes(child, "v[" ~ (key | py) ~ "]") }}:
            {{ s.explain(child) }}(v[{{ key | py }}], (*path, {{ key | py }}), out, warn)
{% endfor %}
{% else %}
    if isinstance(v, dict):
        for key, (check, explain) in {{ s.c }}_e.items():
            if key in v and not check(v[key]):
                explain(v[key], (*path, key), out, warn)
{% endif %}
{% endmacro %}
{% macro surely(s) %}
{% for key, child in s.op.members %}
    if {{ s.guard("dict") }}{{ key | py }} in v and not {{ s.surely(child) }}(v[{{ key | py }}]):
        return False
{% endfor %}
{% endmacro %}
{% macro tables(s) %}
{% if not s.op.unrolled() %}
{{ s.c }}_p: dict[str, Pred] = {
{% for key, child in s.op.members %}
    {{ key | py }}: {{ s.check(child) }},
{% endfor %}
}
{% endif %}
{% endmacro %}
{% macro explain_tables(s) %}
{% if not s.op.unrolled() %}
{{ s.c }}_e: dict[str, tuple[Pred, Explain]] = {
{% for key, child in s.op.members %}
    {{ key | py }}: ({{ s.check(child) }}, {{ s.explain(child) }}),
{% endfor %}
}
{% endif %}
{% endmacro %}
"""

EMITTER = Emitter(keywords=("properties",), op=PropertiesOp, build=build, template=TEMPLATE)
