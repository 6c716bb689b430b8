"""Text a literal format writes: ``"job-%s" % x`` and ``"job-{}".format(x)``, as its known
text and the values it puts between (the reader reads each value: a text or an integer it
knows is written as it is, anything else is a piece known only at run time).

Only where Python's semantics are certain: ``%`` with the conversions ``%s``, ``%d``,
``%r`` (and ``%%``), no mapping key, flag, width or precision, given a tuple written out of
as many values or one value that is no tuple written out; ``str.format`` with plain fields
(``{}``, ``{0}``, ``{name}``, a conversion ``!s``/``!r``/``!a`` at most), no format spec, no
attribute or index. Anything else (``%5s``, ``{:>8}``, ``{0.x}``) is None: the reader takes
the whole value as unknown. A format Python refuses at run time (too few values, ``{`` not
closed) is None too: no request is sent.
"""

from __future__ import annotations

import ast
from string import Formatter
from typing import NamedTuple


class Slot(NamedTuple):
    """A value a format writes: ``node`` (None: one not known here), shown as ``name``;
    ``text``: a text it is given is written as it is (``%s``, ``{}``), else only an
    integer's digits are (``%d``) and any other value is a piece known only at run time."""

    node: ast.expr | None
    name: str
    text: bool


Formatted = list[str | Slot]
"""What a format writes, in order: known text and values put in."""

_CONVERSIONS = {"s": True, "d": False, "r": False}
"""``%s`` writes a text as it is, ``%d`` an integer's digits, ``%r`` a text quoted (its
text known only at run time here)."""


def percent(template: str, right: ast.expr) -> Formatted | None:
    """``template % right``, or None where it cannot be bounded (see the module)."""
    found: Formatted = []
    conversions: list[bool] = []
    index, literal = 0, ""
    while index < len(template):
        char = template[index]
        index += 1
        if char != "%":
            literal += char
            continue
        conversion = template[index : index + 1]
        index += 1
        if conversion == "%":
            literal += "%"
        elif conversion in _CONVERSIONS:
            found.extend([literal, Slot(None, "", _CONVERSIONS[conversion])])
            conversions.append(_CONVERSIONS[conversion])
            literal = ""
        else:  # a mapping key, a flag, a width, another conversion, or none
            return None
    found.append(literal)
    values = _percent_values(right, len(conversions))
    if values is None:
        return None
    nodes = iter(values)
    for index, item in enumerate(found):
        if isinstance(item, Slot):
            node = next(nodes)
            found[index] = item._replace(node=node, name=ast.unparse(node))
    return found


def _percent_values(right: ast.expr, count: int) -> list[ast.expr] | None:
    """The values ``%`` puts in: a tuple written out holding ``count``, or one value when
    ``count`` is 1 and it is written as no tuple (a name may be bound to one: its text is
    then unknown, the reader reads it as it is, never as a tuple's item)."""
    if isinstance(right, ast.Tuple):
        if any(isinstance(item, ast.Starred) for item in right.elts) or len(right.elts) != count:
            return None
        return list(right.elts)
    if count != 1 or isinstance(right, (ast.Dict, ast.DictComp)):
        return None
    return [right]


def braces(template: str, call: ast.Call) -> Formatted | None:
    """``template.format(...)`` with the arguments of ``call``, or None where it cannot be
    bounded (see the module)."""
    try:
        parsed = list(Formatter().parse(template))
        found: Formatted = []
        automatic, numbered = 0, False
        for literal, field, spec, conversion in parsed:
            found.append(literal)
            if field is None:
                continue
            if spec or "." in field or "[" in field:
                return None
            if field == "":
                field, automatic = str(automatic), automatic + 1
            else:
                numbered = numbered or field.isdigit()
            if automatic and numbered:
                return None  # Python refuses a mix of {} and {0}
            node = _argument(call, field)
            name = "{" + field + "}" if node is None else ast.unparse(node)
            found.append(Slot(node, name, conversion in (None, "s")))
    except (ValueError, _Refused):  # Python refuses it too
        return None
    return found


class _Refused(Exception):
    """No argument of the call is the one a field names: Python raises."""


def _argument(call: ast.Call, field: str) -> ast.expr | None:
    """The argument a field names; None where a spread may hold it."""
    if field.isdigit():
        spread = [i for i, item in enumerate(call.args) if isinstance(item, ast.Starred)]
        index = int(field)
        if index < (spread[0] if spread else len(call.args)):
            return call.args[index]
        if spread:
            return None
        raise _Refused
    for keyword in call.keywords:
        if keyword.arg == field:
            return keyword.value
    if any(keyword.arg is None for keyword in call.keywords):
        return None
    raise _Refused
