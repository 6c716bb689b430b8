"""``dependentRequired``: a member present needs these others (undecidable on an open
object)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer
from automl_objective_codegen.compiler.keywords.required import member_names


@dataclass(frozen=True, kw_only=True)
class DependentOp(Op):
    pairs: tuple[tuple[str, tuple[str, ...]], ...]


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> DependentOp:
    need(context, isinstance(value, dict), at, "dependentRequired must be an object")
    pairs = tuple((key, member_names(context, deps, (*at, key))) for key, deps in value.items())
    return DependentOp(pairs=pairs)


TEMPLATE = """
{% macro check(s) %}
    if isinstance(v, dict):
{% for key, deps in s.op.pairs %}
        if {{ key | py }} in v and not all(d in v for d in {{ deps | py }}):
            if v.__class__ is not OpenObject:
                return False
{% endfor %}
{% endmacro %}
{% macro explain(s) %}
    if isinstance(v, dict) and v.__class__ is not OpenObject:
        for key, deps in {{ s.op.pairs | py }}:
            if key in v:
                for dep in deps:
                    if dep not in v:
                        {{ s.fail(None) }}
{% endmacro %}
{% macro surely(s) %}
    if isinstance(v, dict):
{% for key, deps in s.op.pairs %}
        if {{ key | py }} in v and not all(d in v for d in {{ deps | py }}):
            return False
{% endfor %}
{% endmacro %}
"""

EMITTER = Emitter(keywords=("dependentRequired",), op=DependentOp, build=build, template=TEMPLATE)
