"""``minimum`` and ``maximum``: a number's inclusive bounds (a bool is not a number)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer
from automl_objective_codegen.environment import PYTHON_FILTERS, PyCode


@dataclass(frozen=True, kw_only=True)
class BoundOp(Op):
    least: bool  # a minimum (else a maximum)
    limit: int | float

    def failing(self) -> PyCode:
        """The expression that is True when ``v`` is a number out of bounds."""
        compare = "<" if self.least else ">"
        limit = PYTHON_FILTERS["py"](self.limit)
        return PyCode(
            f"isinstance(v, (int, float)) and not isinstance(v, bool) and v {compare} {limit}"
        )


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> BoundOp:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    need(context, ok, at, "must be a number")
    return BoundOp(least=at[-1] == "minimum", limit=value)


TEMPLATE = """
{% macro check(s) %}
    if {{ s.op.failing() }}:
        return False
{% endmacro %}
{% macro fails(s) %}{{ s.op.failing() }}{% endmacro %}
{% macro explain(s) %}
    if {{ s.op.failing() }}:
        {{ s.fail(s.op.limit) }}
{% endmacro %}
{% macro surely(s) %}
    if {{ s.op.failing() }}:
        return False
{% endmacro %}
"""

EMITTER = Emitter(keywords=("minimum", "maximum"), op=BoundOp, build=build, template=TEMPLATE)
