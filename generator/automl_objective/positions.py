"""Find where a JSON Pointer's target sits in JSON text, as a 1-based line and column.

The standard ``json`` module gives no positions, so this module walks the text itself, using
``json.decoder.scanstring`` for strings. It only runs for documents that have findings; a
valid document never pays for it.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable, Sequence

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:Infinity|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|true|false|null|NaN")

Position = tuple[int, int]

# The decoder's own string scanner (C-accelerated); typeshed does not declare it.
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def line_column(text: str, offset: int) -> Position:
    """1-based line and column (in characters) of an offset into ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _skip_ws(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


def _skip_value(text: str, pos: int) -> int:
    """The offset just past the JSON value that starts at ``pos`` (iterative: no recursion)."""
    if pos >= len(text):
        raise ValueError("unexpected end of text")
    char = text[pos]
    if char == '"':
        return scanstring(text, pos + 1)[1]
    if char not in "{[":
        match = _SCALAR.match(text, pos)
        if not match:
            raise ValueError(f"no JSON value at offset {pos}")
        return match.end()
    depth = 0
    while pos < len(text):
        char = text[pos]
        if char == '"':
            pos = scanstring(text, pos + 1)[1]
            continue
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return pos + 1
        pos += 1
    raise ValueError("unterminated container")


def _member(text: str, pos: int, name: str) -> tuple[int, int] | None:
    """Key and value offsets of the last member called ``name`` in the object at ``pos``."""
    found = None
    pos = _skip_ws(text, pos + 1)
    while pos < len(text) and text[pos] != "}":
        key_start = pos
        key, pos = scanstring(text, pos + 1)
        pos = _skip_ws(text, pos)
        pos = _skip_ws(text, pos + 1)  # past ':'
        if key == name:
            found = (key_start, pos)  # the last duplicate wins, as in json.loads
        pos = _skip_ws(text, _skip_value(text, pos))
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
    return found


def _element(text: str, pos: int, index: int) -> int | None:
    pos = _skip_ws(text, pos + 1)
    current = 0
    while pos < len(text) and text[pos] != "]":
        if current == index:
            return pos
        pos = _skip_ws(text, _skip_value(text, pos))
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
        current += 1
    return None


def locate_json(text: str, path: Sequence[str | int], *, key: bool = False) -> Position | None:
    """Position of the value at ``path`` (or of its member name, with ``key=True``).

    Returns the position of the deepest ancestor that exists when the path runs out, and
    ``None`` only when the text cannot be walked at all.
    """
    try:
        pos = _skip_ws(text, 1 if text.startswith("\ufeff") else 0)
        for depth, token in enumerate(path):
            last = depth == len(path) - 1
            if pos < len(text) and text[pos] == "{":
                member = _member(text, pos, str(token))
                if member is None:
                    break
                pos = member[0] if (key and last) else member[1]
            elif pos < len(text) and text[pos] == "[" and str(token).isdigit():
                element = _element(text, pos, int(token))
                if element is None:
                    break
                pos = element
            else:
                break
        return line_column(text, pos)
    except (ValueError, IndexError):
        return None


def find_duplicate_member(text: str) -> tuple[str, int, int] | None:
    """The first member name that repeats inside one object of (valid) JSON ``text``, with the
    offsets of its first and second appearance; None when every object's names are unique."""
    stack: list[dict[str, int] | None] = []  # per open container: names seen (None: an array)
    pos, size = 0, len(text)
    while pos < size:
        char = text[pos]
        if char == '"':
            start = pos
            name, pos = scanstring(text, pos + 1)
            after = _skip_ws(text, pos)
            if stack and stack[-1] is not None and after < size and text[after] == ":":
                seen = stack[-1]
                if name in seen:
                    return name, seen[name], start
                seen[name] = start
            continue
        if char == "{":
            stack.append({})
        elif char == "[":
            stack.append(None)
        elif char in "}]" and stack:
            stack.pop()
        pos += 1
    return None


def find_bare_token(text: str, wanted: Callable[[str], bool]) -> int | None:
    """Offset of the first number or literal outside strings for which ``wanted`` is true."""
    pos, size = 0, len(text)
    while pos < size:
        char = text[pos]
        if char == '"':
            pos = scanstring(text, pos + 1)[1]
            continue
        match = _SCALAR.match(text, pos)
        if match:
            if wanted(match.group()):
                return pos
            pos = match.end()
            continue
        pos += 1
    return None
