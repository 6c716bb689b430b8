"""Plain data written as ``json.dumps(printable_data(value), indent=2)`` writes it, in one
pass and several times faster: a report of ten thousand findings is mostly small flat
objects, and the standard library's encoder falls back to its pure-Python, generator-based
writer whenever ``indent`` is given (and :func:`printable_data` copies the data first).

Anything but dicts whose keys are strings :func:`printable` leaves as they are (a report's own
field names), lists, tuples, strings, integers, floats, booleans and None is left to the
standard library (the same text, the slow way)."""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from typing import Any, TextIO

from automl_objective.base.quoting import printable, printable_data

_quote: Callable[[str], str] = json.encoder.encode_basestring_ascii
_INDENT = "  "
_Said = tuple[dict[str, str], dict[str, str]]


class _NotPlain(Exception):
    pass


def dumps_printable(value: Any) -> str:
    """``json.dumps(printable_data(value), indent=2)``."""
    parts: list[str] = []
    try:
        _write(value, parts, "\n", ({}, {}))
    except (_NotPlain, RecursionError):
        return json.dumps(printable_data(value), indent=2)
    return "".join(parts)


_CHUNK = 16_384
"""Parts written to a stream at a time by :func:`write_printable` (about 400 SARIF findings,
some 300 KB): a report is never one string as large as itself."""


def write_printable(value: Any, out: TextIO) -> None:
    """Write ``dumps_printable(value)`` to ``out`` a chunk of parts at a time: a million
    findings' SARIF is 540 MB, made one string and copied once more with the last line
    break (peak memory 4.3 GB, 3.8 GB written in chunks; JSON 1.9 -> 1.7 GB)."""
    parts: list[str] = []
    try:
        _write(value, parts, "\n", ({}, {}))
    except (_NotPlain, RecursionError):  # decided before anything is written
        out.write(json.dumps(printable_data(value), indent=2))
        return
    for start in range(0, len(parts), _CHUNK):
        out.write("".join(parts[start : start + _CHUNK]))


def _write(value: Any, parts: list[str], newline: str, said: _Said) -> None:
    """Append ``value``'s text; ``newline`` is a line break with the indent of its level,
    ``said`` the texts already written: each key's (with its colon), and each string
    value's (ten thousand findings repeat a few messages and paths: each is made printable
    and quoted once)."""
    kind = value.__class__
    if kind is str:
        text = said[1].get(value)
        if text is None:
            text = said[1][value] = _quote(printable(value))
        parts.append(text)
    elif isinstance(value, str):  # a str subclass (a code): read by its own methods each time
        parts.append(_quote(printable(value)))
    elif kind is dict:
        _write_object(value, parts, newline, said)
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + _INDENT
        parts.append("[")
        separator = inner
        for item in value:
            parts.append(separator)
            _write(item, parts, inner, said)
            separator = "," + inner
        parts.append(newline + "]")
    else:
        parts.append(_scalar(value))


def _write_object(value: dict[Any, Any], parts: list[str], newline: str, said: _Said) -> None:
    if not value:
        parts.append("{}")
        return
    inner = newline + _INDENT
    parts.append("{")
    separator = inner
    for key, item in value.items():
        if key.__class__ is not str:
            raise _NotPlain
        named = said[0].get(key)
        if named is None:
            if printable(key) != key:  # two such keys may be shown alike: one member, or two?
                raise _NotPlain  # as the standard library's way decides (never a report's own)
            named = said[0][key] = _quote(key) + ": "
        parts.append(separator)
        parts.append(named)
        _write(item, parts, inner, said)
        separator = "," + inner
    parts.append(newline + "}")


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    raise _NotPlain
