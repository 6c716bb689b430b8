"""``required``: these members are present (a member with a dynamic value counts; on an open
object a missing one is undecidable)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer
from automl_objective_codegen.environment import PYTHON_FILTERS, PyCode

IN_LINE = 4
"""Up to this many names, a check tests each with ``in`` (a name tested alone costs a
quarter of a subset test of the object's keys, and the test stops at the first one missing:
measured); past it, one subset test."""


def member_names(context: Context, value: Any, at: Pointer) -> tuple[str, ...]:
    ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    need(context, ok, at, "must be a list of member names")
    return tuple(value)


@dataclass(frozen=True, kw_only=True)
class RequiredOp(Op):
    names: tuple[str, ...]

    def missing(self, table: PyCode) -> PyCode:
        """The expression that is True when a name is not a member of ``v`` (a dict)."""
        py = PYTHON_FILTERS["py"]
        if not self.names:
            return PyCode("False")
        if len(self.names) == 1:
            return PyCode(f"{py(self.names[0])} not in v")
        if len(self.names) <= IN_LINE:
            return PyCode("not (" + " and ".join(f"{py(n)} in v" for n in self.names) + ")")
        return PyCode(f"not {table} <= v.keys()")


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> RequiredOp:
    return RequiredOp(names=member_names(context, value, at))


TEMPLATE = """
{% macro check(s) %}
    if {{ s.guard("dict") }}{{ s.op.missing(s.c) }} and v.__class__ is not OpenObject:
        return False
{% endmacro %}
{% macro fails(s) %}
{{ s.guard("dict") }}{{ s.op.missing(s.c) }} and v.__class__ is not OpenObject
{% endmacro %}
{% macro explain(s) %}
    if isinstance(v, dict) and not {{ s.c }} <= v.keys() and v.__class__ is not OpenObject:
        for key in {{ s.op.names | py }}:
            if key not in v:
                {{ s.fail(s.op.names) }}
{% endmacro %}
{% macro surely(s) %}
    if {{ s.guard("dict") }}{{ s.op.missing(s.c) }}:
        return False
{% endmacro %}
{% macro tables(s) %}
{{ s.c }} = frozenset({{ s.op.names | py }})
{% endmacro %}
"""

EMITTER = Emitter(keywords=("required",), op=RequiredOp, build=build, template=TEMPLATE)
