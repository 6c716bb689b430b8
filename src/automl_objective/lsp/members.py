"""The member written at a place, as a fix that adds or removes a member needs it: where its
key and value are, the names of the members beside it, the text that removing it takes out,
and how its members are written (a keyword argument, a quoted key, a YAML block or flow).

Python and JSON (and a YAML flow mapping on one line) are read with the forgiving
:mod:`~automl_objective.lsp.lexer`; a YAML block mapping line by line, by where its keys
start. Nothing here parses the whole document: text being typed is rarely valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automl_objective.lsp.lexer import CLOSE, NAME, OPEN, STRING, Token, string_content, tokens
from automl_objective.lsp.text_units import LINE_BREAK, Lines
from automl_objective.lsp.value_spans import YAML

CODE, KEYWORD, BLOCK = "code", "keyword", "block"
"""How a member is written: ``"key": value`` (Python dicts, JSON, YAML flow), ``key=value``
(a call's keyword argument), ``key: value`` on a line of a YAML block mapping."""


@dataclass(frozen=True)
class Member:
    name: str
    key_start: int
    value_end: int
    style: str
    quote: str
    """The quote its key is written with ('' for a keyword argument or a plain YAML key)."""
    siblings: frozenset[str]
    """The names of the other members of the same object or call."""
    removal: tuple[int, int]
    """What removing the member takes out, separators and its own lines included."""
    indent: str
    """The text before the key on its line when the key starts it ('' otherwise): a member
    added after this one on a line of its own starts with it."""


# Python and JSON -----------------------------------------------------------------------------


def _key(token: Token) -> str | None:
    if token.kind == STRING:
        return string_content(token)[2]
    return token.text if token.kind == NAME else None


def _enclosing(found: list[Token], index: int) -> int | None:
    """The index of the bracket that opens around token ``index`` (None: at the top)."""
    depth = 0
    for at in range(index - 1, -1, -1):
        kind = found[at].kind
        if kind == CLOSE:
            depth += 1
        elif kind == OPEN:
            if depth == 0:
                return at
            depth -= 1
    return None


def _value_stop(found: list[Token], index: int) -> int:
    """The index of the ``,`` or closing bracket that ends the value starting at ``index``."""
    depth = 0
    for at in range(index, len(found)):
        token = found[at]
        if token.kind == OPEN:
            depth += 1
        elif token.kind == CLOSE:
            if depth == 0:
                return at
            depth -= 1
        elif depth == 0 and token.text == ",":
            return at
    return len(found)


def _siblings(found: list[Token], open_index: int | None, own: int) -> frozenset[str]:
    """The keys of the members at the level of token ``own``, inside bracket ``open_index``."""
    names = set()
    at = 0 if open_index is None else open_index + 1
    while at + 1 < len(found):
        token, after = found[at], found[at + 1]
        if token.kind == CLOSE:
            break
        if at != own and after.text in (":", "="):
            name = _key(token)
            if name is not None:
                names.add(name)
        at = _value_stop(found, at + 2 if after.text in (":", "=") else at + 1) + 1
    return frozenset(names)


def _line_bounds(text: str, offset: int) -> tuple[int, int, int]:
    """The start of the line at ``offset``, its end before its break, and after it."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    found = LINE_BREAK.search(text, offset)
    return (start, found.start(), found.end()) if found else (start, len(text), len(text))


def _code_removal(text: str, found: list[Token], key: int, stop: int) -> tuple[int, int]:
    start, value_end = found[key].start, found[stop - 1].end
    line_start, _, _ = _line_bounds(text, start)
    alone = not text[line_start:start].strip()
    if stop < len(found) and found[stop].text == ",":
        comma_end = found[stop].end
        _, line_end, after_break = _line_bounds(text, comma_end)
        rest = text[comma_end:line_end].strip()
        if alone and (not rest or rest.startswith("#")):
            return line_start, after_break
        following = found[stop + 1].start if stop + 1 < len(found) else comma_end
        return start, following
    if key > 0 and found[key - 1].text == ",":
        return found[key - 1].start, value_end
    return start, value_end


def code_member(text: str, offset: int, begin: int = 0, stop: int | None = None) -> Member | None:
    """The member whose key starts at ``offset`` (the text read from ``begin`` to ``stop``)."""
    found = tokens(text, begin, stop)
    key = next((i for i, token in enumerate(found) if token.start == offset), None)
    if key is None or key + 2 >= len(found) or found[key + 1].text not in (":", "="):
        return None
    name = _key(found[key])
    if name is None:
        return None
    stop = _value_stop(found, key + 2)
    opening = _enclosing(found, key)
    style = KEYWORD if found[key + 1].text == "=" else CODE
    quote = found[key].text[:1] if found[key].kind == STRING else ""
    line_start, _, _ = _line_bounds(text, offset)
    indent = text[line_start:offset] if not text[line_start:offset].strip() else ""
    return Member(
        name,
        offset,
        found[stop - 1].end,
        style,
        quote,
        _siblings(found, opening, key),
        _code_removal(text, found, key, stop),
        indent,
    )


def enclosing_member(text: str, offset: int, levels: int) -> Member | None:
    """The member ``levels`` objects out from the key at ``offset`` (Python, JSON): the one
    whose value is the bracket that holds the bracket ... that holds it."""
    found = tokens(text)
    index = next((i for i, token in enumerate(found) if token.start == offset), None)
    for _ in range(levels):
        if index is None:
            return None
        index = _enclosing(found, index)
    if index is None or index < 2 or found[index - 1].text not in (":", "="):
        return None
    return code_member(text, found[index - 2].start)


# YAML blocks ---------------------------------------------------------------------------------

_BLOCK_KEY = re.compile(
    r"""(?P<lead>[ ]*(?:-[ ]+)*)(?P<q>["']?)(?P<key>[^\s"':#][^"':]*?)(?P=q)[ \t]*:(?:[ \t]|$)"""
)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    """Before its line break."""
    key: str | None
    column: int | None
    """Where its key starts (after any ``- ``), or None for a line with no key."""
    item: bool
    """It starts a sequence item (``- key: ...``)."""
    blank: bool


def _yaml_lines(text: str) -> list[_Line]:
    found = []
    lines = Lines(text)
    for index, start in enumerate(lines.starts):
        end = lines.line_end(index)
        line = text[start:end]
        stripped = line.strip()
        blank = not stripped or stripped.startswith("#")
        match = _BLOCK_KEY.match(line)
        if match is None:
            column = None if blank else len(line) - len(line.lstrip(" -"))
            found.append(_Line(start, end, None, column, line.lstrip().startswith("- "), blank))
            continue
        lead = match.group("lead")
        found.append(_Line(start, end, match.group("key"), len(lead), "-" in lead, blank))
    return found


def _block_rows(lines: list[_Line], row: int) -> tuple[int, int]:
    """The rows of the mapping row ``row`` is a member of: its first and after its last."""
    column = lines[row].column
    first = row
    if not lines[row].item:
        for at in range(row - 1, -1, -1):
            line = lines[at]
            if line.blank or (line.column is not None and line.column > (column or 0)):
                continue
            if line.column != column:
                break
            first = at
            if line.item:
                break
    after = row + 1
    while after < len(lines):
        line = lines[after]
        outside = line.column is not None and line.column < (column or 0)
        if not line.blank and (outside or (line.column == column and line.item)):
            break
        after += 1
    return first, after


def _member_rows(lines: list[_Line], row: int) -> int:
    """After the last row of the member at ``row`` (its value's lines below it)."""
    column = lines[row].column or 0
    after = row + 1
    while after < len(lines):
        line = lines[after]
        if not line.blank and line.column is not None and line.column <= column:
            break
        after += 1
    while after - 1 > row and lines[after - 1].blank:
        after -= 1
    return after


def _yaml_removal(text: str, lines: list[_Line], row: int, after: int) -> tuple[int, int]:
    line = lines[row]
    if line.item:  # `- key: ...`: the item's next member takes its place after the dash
        start = line.start + (line.column or 0)
        return start, (lines[after].start + (lines[after].column or 0)) if after < len(
            lines
        ) else lines[after - 1].end
    end = lines[after].start if after < len(lines) else len(text)
    return line.start, end


def yaml_member(text: str, offset: int) -> Member | None:
    """The member of a YAML block mapping whose key starts at ``offset``."""
    lines = _yaml_lines(text)
    row = next((i for i, line in enumerate(lines) if line.start <= offset <= line.end), None)
    if row is None:
        return None
    line = lines[row]
    if line.key is None or line.start + (line.column or 0) != offset:
        return None
    first, last = _block_rows(lines, row)
    siblings = frozenset(
        other.key
        for at, other in enumerate(lines[first:last], start=first)
        if at != row and other.key is not None and other.column == line.column
    )
    after = _member_rows(lines, row)
    quote = text[offset] if text[offset] in "'\"" else ""
    return Member(
        line.key,
        offset,
        lines[after - 1].end,
        BLOCK,
        quote,
        siblings,
        _yaml_removal(text, lines, row, after),
        " " * (line.column or 0),
    )


def yaml_parent(text: str, offset: int, levels: int) -> Member | None:
    """The member of a YAML block mapping ``levels`` mappings out from the key at ``offset``."""
    lines = _yaml_lines(text)
    row = next((i for i, line in enumerate(lines) if line.start <= offset <= line.end), None)
    for _ in range(levels):
        if row is None:
            return None
        column = lines[row].column or 0
        row = next(
            (
                at
                for at in range(row - 1, -1, -1)
                if lines[at].column is not None and (lines[at].column or 0) < column
            ),
            None,
        )
    if row is None or lines[row].key is None:
        return None
    return yaml_member(text, lines[row].start + (lines[row].column or 0))


def in_flow(text: str, offset: int) -> int | None:
    """Where the one-line YAML flow collection around ``offset`` starts, if it is in one."""
    start, _, _ = _line_bounds(text, offset)
    depth, opened = 0, None
    for at in range(offset - 1, start - 1, -1):
        char = text[at]
        if char in "}]":
            depth += 1
        elif char in "{[":
            if depth == 0:
                opened = at
            else:
                depth -= 1
    return opened


def member_at(text: str, offset: int, language: str) -> Member | None:
    """The member whose key starts at ``offset``, however its document writes it."""
    if language != YAML:
        return code_member(text, offset)
    flow = in_flow(text, offset)
    if flow is not None:
        begin, stop, _ = _line_bounds(text, flow)
        return code_member(text, offset, begin, stop)
    return yaml_member(text, offset)


def key_before(text: str, value: int, language: str) -> int | None:
    """Where the key of the member whose value starts at ``value`` starts."""
    start, _, _ = _line_bounds(text, value)
    if language == YAML and in_flow(text, value) is None:
        match = _BLOCK_KEY.match(text, start)
        if match is None or match.end() > value or text[match.end() : value].strip():
            return None
        return start + len(match.group("lead"))
    found = tokens(text, start if language == YAML else 0, value + 1)
    index = next((i for i, token in enumerate(found) if token.start == value), None)
    if index is None or index < 2 or found[index - 1].text not in (":", "="):
        return None
    return found[index - 2].start
