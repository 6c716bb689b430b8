"""``pattern`` and ``x-unicode-pattern``: a string matches a regular expression (the latter
with \\p{..} classes, by the regex library). A whole-value pattern (AWS's, translated) runs
as ``fullmatch`` of its body without captures: the same answers, sooner. A check remembers
the values its pattern matched (``_ok``, bounded: see ``REMEMBERED`` in the generated
modules) and tests a value it has seen by a lookup, also where an explainer tests a member
in line; the explainer's own test and "surely" run the pattern. ``_ok`` is a dict whose
values are False, not a set: ``setdefault`` remembers a value and gives False in one
expression, where ``set.add`` gives None (which ``mypy --strict`` refuses to test)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automl_objective.check.aws_keywords import UNICODE_PATTERN
from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer
from automl_objective_codegen.java_patterns import fullmatch_body


@dataclass(frozen=True, kw_only=True)
class PatternOp(Op):
    pattern: str
    unicode: bool
    whole: str | None = None
    """What ``fullmatch`` runs in place of searching ``pattern`` (see
    :func:`~automl_objective_codegen.java_patterns.fullmatch_body`), if anything."""


def build(context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer) -> PatternOp:
    need(context, isinstance(value, str), at, "a pattern must be a string")
    unicode = at[-1] == UNICODE_PATTERN
    if unicode:
        return PatternOp(pattern=value, unicode=True)
    try:
        re.compile(value)
    except re.error as error:
        context.refuse(at, str(error))
    return PatternOp(pattern=value, unicode=False, whole=fullmatch_body(value))


TEMPLATE = """
{% macro check(s) %}
    if {{ s.guard("str") }}(len(v) > REMEMBERED_LENGTH or v not in {{ s.c }}_ok) and (
        {{ s.c }}(v) is None
        or (
            len(v) <= REMEMBERED_LENGTH
            and len({{ s.c }}_ok) < REMEMBERED
            and {{ s.c }}_ok.setdefault(v, False)
        )
    ):
        return False
{% endmacro %}
{% macro fails(s) %}
{{ s.guard("str") }}(len(v) > REMEMBERED_LENGTH or v not in {{ s.c }}_ok) and (
{{ s.c }}(v) is None
or (len(v) <= REMEMBERED_LENGTH and len({{ s.c }}_ok) < REMEMBERED
and {{ s.c }}_ok.setdefault(v, False))
)
{% endmacro %}
{% macro explain(s) %}
    if isinstance(v, str) and {{ s.c }}(v) is None:
        {{ s.fail(s.op.pattern) }}
{% endmacro %}
{% macro surely(s) %}
    if {{ s.guard("str") }}{{ s.c }}(v) is None:
        return False
{% endmacro %}
{% macro tables(s) %}
{{ s.c }}_ok: dict[str, bool] = {}
{% if s.op.unicode %}
{{ s.c }} = _unicode({{ s.op.pattern | py }})
{% elif s.op.whole is not none %}
{{ s.c }} = _compiled_on_first_use({{ s.c | py }}, {{ s.op.whole | py }}, whole=True)
{% else %}
{{ s.c }} = _compiled_on_first_use({{ s.c | py }}, {{ s.op.pattern | py }})
{% endif %}
{% endmacro %}
"""

EMITTER = Emitter(
    keywords=("pattern", UNICODE_PATTERN), op=PatternOp, build=build, template=TEMPLATE
)
