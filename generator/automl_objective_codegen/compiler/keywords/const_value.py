"""``const``: exactly this value (by JSON equality: ``True`` is not ``1``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer
from automl_objective_codegen.compiler.keywords.enum_values import literal
from automl_objective_codegen.environment import PYTHON_FILTERS, PyCode


@dataclass(frozen=True, kw_only=True)
class ConstOp(Op):
    value: Any

    def test(self) -> PyCode:
        """The expression that is True when ``v`` is the value."""
        value = PYTHON_FILTERS["py"](self.value)
        if isinstance(self.value, str):
            return PyCode(f"(isinstance(v, str) and v == {value})")
        return PyCode(f"json_equal(v, {value})")


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> ConstOp:
    need(context, literal(value), at, "const must be a scalar")
    return ConstOp(value=value)


TEMPLATE = """
{% macro check(s) %}
    if not {{ s.op.test() }}:
        return v is DYNAMIC
{% endmacro %}
{% macro holds(s) %}{{ s.op.test() }}{% endmacro %}
{% macro explain(s) %}
    if not {{ s.op.test() }} and v is not DYNAMIC:
        {{ s.fail(s.op.value) }}
{% endmacro %}
{% macro surely(s) %}
    if not {{ s.op.test() }}:
        return False
{% endmacro %}
"""

EMITTER = Emitter(keywords=("const",), op=ConstOp, build=build, template=TEMPLATE)
