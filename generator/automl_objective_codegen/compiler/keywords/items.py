"""``items``: every item is checked by a subschema (an open array's unknown items are
undecidable). Failing items are explained by ``check.alike.explain_items``: an item equal to
one explained before (type for type) gets that one's failures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective_codegen.compiler.emitter import Context, Emitter
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref


@dataclass(frozen=True, kw_only=True)
class ItemsOp(Op):
    child: Ref

    def loops(self) -> bool:
        return True


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> ItemsOp:
    return ItemsOp(child=context.node(value, at))


TEMPLATE = """
{% macro check(s) %}
    if isinstance(v, list):
        for item in v:
            if not {{ s.check(s.op.child) }}(item):
                return False
{% endmacro %}
{% macro explain(s) %}
    if isinstance(v, list):
        explain_items(v, path, out, warn, {{ s.check(s.op.child) }}, {{ s.explain(s.op.child) }})
{% endmacro %}
{% macro surely(s) %}
    if isinstance(v, list):
        if v.__class__ is OpenArray and not {{ s.surely(s.op.child) }}(DYNAMIC):
            return False
        for item in v:
            if not {{ s.surely(s.op.child) }}(item):
                return False
{% endmacro %}
"""

EMITTER = Emitter(keywords=("items",), op=ItemsOp, build=build, template=TEMPLATE)
