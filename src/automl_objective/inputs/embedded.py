"""Texts written inside a CloudFormation template: a state machine's ``DefinitionString``, a
pipeline's ``PipelineDefinitionBody``, a Lambda function's inline code. Each is a string of
the template, or one assembled by ``Fn::Sub`` or ``Fn::Join``; each of its characters keeps
the place in the template it was written at, so that a finding inside the text points into
the template.

What the template fills in when it is deployed (``${Name}``, a ``Ref`` among the parts of a
join) is unknown here: it becomes a placeholder of characters no request holds
(:data:`UNKNOWN_CHARS`), a value the template kind reads as dynamic. ``${AWS::Partition}``
becomes ``aws``, so that an ARN's service is still known (every partition has the same
services). Positions are kept by an offset for each character (YAML block scalars, quoted
and plain scalars, JSON string literals with their escapes); where a scalar's characters
cannot all be found in order, the rest point at the last one found, never further on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from typing import Any, NamedTuple

from automl_objective.inputs.positions import LINE_BREAKS, Position, line_columns

IN_STRING = "\ue000"
"""Stands for an unknown piece of a JSON string."""
WHOLE_VALUE = "\ue001"
"""Fills the JSON string that stands for an unknown value written outside a string."""
IN_CODE = "\u3007"
"""Stands for an unknown piece of Python code: an identifier character (an unbound name, so
a dynamic value) that is also a string's character (a string holding it is dynamic)."""
UNKNOWN_CHARS = (IN_STRING, WHOLE_VALUE, IN_CODE)
LITERAL_DOLLAR = "\ue002"
"""Stands for the ``$`` of ``Fn::Sub``'s escape ``${!Name}`` inside a JSON string: the
literal text ``${Name}``, no placeholder (the template reader makes a string holding it
:class:`~automl_objective.base.literal.LiteralText` once the text is parsed)."""

_PARTITION = "AWS::Partition"
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


class Text(NamedTuple):
    """A text and, for each character, its offset in the template's text."""

    chars: str
    offsets: list[int]


def holds_unknown(value: Any) -> bool:
    """Whether a string read from an embedded text holds a piece the template fills in."""
    return isinstance(value, str) and any(char in value for char in UNKNOWN_CHARS)


class Source:
    """A template's text, and where a string value of it is written, character by character."""

    def __init__(self, text: str, format: str) -> None:
        self.text = text
        self.format = format
        self._starts = [0] + [m.end() for m in LINE_BREAKS.finditer(text)]

    def offset(self, position: Position) -> int:
        line, column = position
        return min(self._starts[line - 1] + column - 1, len(self.text))

    def positions(self, offsets: list[int]) -> list[Position]:
        return line_columns(self.text, offsets)

    def line_start(self, offset: int) -> int:
        return self._starts[bisect_right(self._starts, offset) - 1]

    def string(self, value: str, position: Position | None) -> Text:
        """``value``'s characters where the string that holds it is written (at
        ``position``: its YAML node, tag included, or its JSON literal's opening quote)."""
        if position is None:
            return Text(value, [0] * len(value))
        start = self.offset(position)
        if self.format == "json":
            return Text(value, _json_string(self.text, start, value))
        return Text(value, _yaml_scalar(self.text, start, value))


def _json_string(text: str, quote: int, value: str) -> list[int]:
    """Each character of the JSON string literal at ``quote``: an escape (``\\n``,
    ``\\u00e9``, a surrogate pair) at its backslash."""
    offsets: list[int] = []
    pos = quote + 1
    end = len(text)
    while pos < end and text[pos] != '"' and len(offsets) < len(value):
        offsets.append(pos)
        if text[pos] != "\\":
            pos += 1
        elif text[pos + 1 : pos + 2] != "u":
            pos += 2
        elif 0xD800 <= int(text[pos + 2 : pos + 6] or "0", 16) < 0xDC00 and (
            text[pos + 6 : pos + 8] == "\\u"
        ):
            pos += 12
        else:
            pos += 6
    return _padded(offsets, len(value), quote)


def _yaml_scalar(text: str, start: int, value: str) -> list[int]:
    """Each character of the YAML scalar at ``start``: found in order in the text after its
    tag and, for a block scalar, its header line (indentation and line folding skipped)."""
    pos = start
    if text.startswith("!", pos):
        pos = _skip(text, pos, lambda char: not char.isspace())
        pos = _skip(text, pos, lambda char: char in " \t")
    first = text[pos : pos + 1]
    if first in ("|", ">"):
        found = _BREAK.search(text, pos)
        pos = found.end() if found else len(text)
    elif first == '"':
        return _double_quoted(text, pos, value)
    elif first == "'":
        pos += 1
    return _aligned(text, pos, value)


def _skip(text: str, pos: int, while_true: Any) -> int:
    while pos < len(text) and while_true(text[pos]):
        pos += 1
    return pos


def _double_quoted_end(text: str, quote: int) -> int:
    pos = quote + 1
    while pos < len(text) and text[pos] != '"':
        pos += 2 if text[pos] == "\\" else 1
    return pos


_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}


def _double_quoted(text: str, quote: int, value: str) -> list[int]:
    """Each character of the double-quoted YAML scalar at ``quote``: an escape (``\\"``,
    ``\\n``, ``\\u00e9``) at its backslash, an escaped line break and folded white space
    skipped."""
    end = _double_quoted_end(text, quote)
    offsets: list[int] = []
    pos = quote + 1
    for char in value:
        found = -1
        while pos < end and found < 0:
            here = text[pos]
            if here == "\\":
                after = text[pos + 1 : pos + 2]
                if after and after in "\r\n":  # a line continued: no character
                    pos = _skip(text, pos + 1, lambda c: c in " \t\r\n")
                    continue
                found, pos = pos, pos + 2 + _HEX_DIGITS.get(after, 0)
            elif here == char or (char in " \n" and here in "\r\n"):
                found, pos = pos, pos + 1
            else:
                pos += 1  # white space folded away
        if found < 0:
            break
        offsets.append(found)
    return _padded(offsets, len(value), quote)


def _aligned(text: str, pos: int, value: str) -> list[int]:
    """Each character of ``value`` at the next place in ``text`` it is written (a line
    break at any line break); the rest at the last one found once one is not found."""
    offsets: list[int] = []
    for char in value:
        if char == "\n":
            match = _BREAK.search(text, pos)
            found, after = (match.start(), match.end()) if match else (-1, -1)
        else:
            found = text.find(char, pos)
            after = found + 1
        if found < 0:
            break
        offsets.append(found)
        pos = after
    return _padded(offsets, len(value), pos)


def _padded(offsets: list[int], length: int, fallback: int) -> list[int]:
    last = offsets[-1] if offsets else fallback
    return offsets + [last] * (length - len(offsets))


class Builder:
    """Assembles an embedded text from the template's pieces. ``json``: the text is JSON,
    and an unknown piece becomes a string's characters inside a string, or a whole string
    outside one (``"Horizon": ${Horizon}``); otherwise it is Python code."""

    def __init__(self, *, json: bool) -> None:
        self.json = json
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self._inside = False
        self._escaped = False

    def literal(self, chars: str, offsets: list[int]) -> None:
        for char, offset in zip(chars, offsets, strict=True):
            if self._escaped:
                self._escaped = False
            elif char == "\\" and self._inside:
                self._escaped = True
            elif char == '"':
                self._inside = not self._inside
            self.chars.append(char)
            self.offsets.append(offset)

    def unknown(self, offsets: list[int]) -> None:
        """A piece the template fills in, written at ``offsets`` (one or more)."""
        if not self.json:
            chars = IN_CODE * len(offsets)
        elif self._inside:
            chars = IN_STRING * len(offsets)
        else:
            offsets = [offsets[0], *offsets, offsets[-1]]
            chars = '"' + WHOLE_VALUE * (len(offsets) - 2) + '"'
        self.chars.extend(chars)
        self.offsets.extend(offsets)

    def substituted(
        self,
        text: Text,
        variables: Mapping[str, Any],
        after: Mapping[str, Any] | None = None,
        *,
        sub: bool = True,
    ) -> None:
        """``text`` with each ``${Name}`` filled in as ``Fn::Sub`` does: a variable given as
        a plain string is its text, ``${AWS::Partition}`` is ``aws``, ``${!Name}`` is the
        literal ``${Name}``, anything else unknown. ``after``: what fills in the ``${Name}``
        of the text ``Fn::Sub`` gives (a state machine's ``DefinitionSubstitutions``, which
        Step Functions fills in once CloudFormation has written ``${!Name}`` as ``${Name}``).
        Not ``sub``: a definition's string that is no ``Fn::Sub``, which only Step Functions
        fills in: ``${!Name}`` is sent as written."""
        chars, offsets = text
        done = 0
        for match in _PLACEHOLDER.finditer(chars):
            self.literal(chars[done : match.start()], offsets[done : match.start()])
            done = match.end()
            here = offsets[match.start() : match.end()]
            name = match.group(1)
            if name.startswith("!") and not sub:
                self.literal(match[0], here)
            elif name.startswith("!") and after is not None and name[1:] in after:
                self._filled(after[name[1:]], here)
            elif name.startswith("!"):
                dollar = LITERAL_DOLLAR if self.json and self._inside else "$"
                self.literal(dollar + "{" + name[1:] + "}", [here[0], here[1], *here[3:]])
            elif name == _PARTITION and not isinstance(variables.get(name), str):
                self.literal("aws", here[:3])
            else:
                self._filled(variables.get(name), here)
        self.literal(chars[done:], offsets[done:])

    def _filled(self, value: Any, here: list[int]) -> None:
        """A ``${Name}`` at ``here`` filled in with ``value``: its text if a string, else
        unknown."""
        if isinstance(value, str):
            self.literal(value, [here[0]] * len(value))
        else:
            self.unknown(here)

    def text(self) -> Text:
        return Text("".join(self.chars), self.offsets)
