"""``minProperties`` .. ``maxLength``: how many members, items or characters. On an open
object or array a minimum is undecidable; a maximum the shown ones exceed is certain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer
from automl_objective_codegen.environment import PYTHON_FILTERS, PyCode

# keyword -> (the Python type it counts in, whether it is a minimum)
SIZES = {
    "minProperties": ("dict", True),
    "maxProperties": ("dict", False),
    "minItems": ("list", True),
    "maxItems": ("list", False),
    "minLength": ("str", True),
    "maxLength": ("str", False),
}
# The open form of each counted type: it may hold more than it shows.
OPEN = {"dict": "OpenObject", "list": "OpenArray"}


@dataclass(frozen=True, kw_only=True)
class SizeOp(Op):
    of: str  # "dict", "list" or "str"
    least: bool  # a minimum (else a maximum)
    limit: int

    def open_form(self) -> PyCode | None:
        """The class of the open form of ``of``, if it has one."""
        return None if self.of not in OPEN else PyCode(OPEN[self.of])

    def never_fails(self) -> bool:
        """A minimum of 0 or less: no value is shorter (the check tests nothing for it)."""
        return self.least and self.limit <= 0

    def failing(self, guard: PyCode) -> PyCode:
        """The expression that is True when the size, as shown, fails the limit."""
        compare = "<" if self.least else ">"
        return PyCode(f"{guard}len(v) {compare} {PYTHON_FILTERS['py'](self.limit)}")


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> SizeOp:
    ok = isinstance(value, int) and not isinstance(value, bool)
    need(context, ok, at, "must be an integer")
    of, least = SIZES[str(at[-1])]
    return SizeOp(of=of, least=least, limit=value)


TEMPLATE = """
{% macro check(s) %}
{% if not s.op.never_fails() %}
    if {{ s.op.failing(s.guard(s.op.of)) }}:
{% if s.op.least and s.op.open_form() %}
        if v.__class__ is not {{ s.op.open_form() }}:
            return False
{% else %}
        return False
{% endif %}
{% endif %}
{% endmacro %}
{% macro fails(s) %}
{{ s.op.failing(s.guard(s.op.of)) }}
{% if s.op.least and s.op.open_form() %}
 and v.__class__ is not {{ s.op.open_form() }}
{% endif %}
{% endmacro %}
{% macro explain(s) %}
    if {{ s.op.failing(s.guard(s.op.of)) }}:
{% if s.op.least and s.op.open_form() %}
        if v.__class__ is not {{ s.op.open_form() }}:
            {{ s.fail(s.op.limit) }}
{% else %}
        {{ s.fail(s.op.limit) }}
{% endif %}
{% endmacro %}
{% macro surely(s) %}
{% if s.op.never_fails() %}
{% elif s.op.least or not s.op.open_form() %}
    if {{ s.op.failing(s.guard(s.op.of)) }}:
        return False
{% else %}
    if {{ s.op.failing(s.guard(s.op.of)) }} or v.__class__ is {{ s.op.open_form() }}:
        return False
{% endif %}
{% endmacro %}
"""

EMITTER = Emitter(keywords=tuple(SIZES), op=SizeOp, build=build, template=TEMPLATE)
