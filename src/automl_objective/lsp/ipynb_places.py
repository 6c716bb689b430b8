"""Places in a notebook's JSON text, for an editor that opens a ``.ipynb`` file as text
(Neovim, Helix) rather than as a notebook.

Notebook findings are placed in their cell's source (cell, line, column); here they are found
in the JSON that holds that source: the ``source`` string (or list of strings, one a line)
of the cell, and the character inside it, escapes counted as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

_SPACE = re.compile(r"[ \t\r\n]*")
_DECODER = json.JSONDecoder()
_ESCAPE_WIDTH = {"u": 6}
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]


def _skip(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]


def _members(text: str, at: int) -> Iterator[tuple[str, int]]:
    """Each member name of the object at ``at`` and where its value starts."""
    if text[at : at + 1] != "{":
        return
    at = _skip(text, at + 1)
    while text[at : at + 1] == '"':
        name, at = _scanstring(text, at + 1)
        at = _skip(text, at)
        at = _skip(text, at + 1)  # past the colon
        yield name, at
        at = _skip(text, _DECODER.raw_decode(text, at)[1])
        if text[at : at + 1] != ",":
            return
        at = _skip(text, at + 1)


def _items(text: str, at: int) -> Iterator[int]:
    """Where each item of the array at ``at`` starts."""
    if text[at : at + 1] != "[":
        return
    at = _skip(text, at + 1)
    while at < len(text) and text[at] != "]":
        yield at
        at = _skip(text, _DECODER.raw_decode(text, at)[1])
        if text[at : at + 1] != ",":
            return
        at = _skip(text, at + 1)


def _member(text: str, at: int, wanted: str) -> int | None:
    return next((value for name, value in _members(text, at) if name == wanted), None)


def _source_strings(text: str, cell_at: int) -> list[int]:
    """Where each string of a cell's ``source`` starts (its opening quote)."""
    source = _member(text, cell_at, "source")
    if source is None:
        return []
    if text[source] == '"':
        return [source]
    return [item for item in _items(text, source) if text[item] == '"']


def _raw_offset(text: str, quote: int, index: int) -> int:
    """The offset in ``text`` of the ``index``-th character of the JSON string at ``quote``."""
    at = quote + 1
    for _ in range(index):
        if text[at] != "\\":
            at += 1
            continue
        width = _ESCAPE_WIDTH.get(text[at + 1], 2)
        is_high = width == 6 and 0xD800 <= int(text[at + 2 : at + 6], 16) <= 0xDBFF
        at += 12 if is_high and text.startswith("\\u", at + 6) else width
    return at


class NotebookText:
    """A notebook's JSON text, read for where its cells' sources are written."""

    def __init__(self, text: str) -> None:
        self.text = text
        cells = _member(text, _skip(text, 0), "cells")
        self.cells = (
            [] if cells is None else [_source_strings(text, at) for at in _items(text, cells)]
        )

    def source(self, cell: int) -> str:
        """Cell ``cell``'s source (1-based, as findings number cells)."""
        return "".join(_scanstring(self.text, at + 1)[0] for at in self.cells[cell - 1])

    def offset(self, cell: int, index: int) -> int | None:
        """Where the ``index``-th character of cell ``cell``'s source is written."""
        if not 1 <= cell <= len(self.cells):
            return None
        quote = None
        for quote in self.cells[cell - 1]:
            length = len(_scanstring(self.text, quote + 1)[0])
            if index < length:
                return _raw_offset(self.text, quote, index)
            index -= length
        return None if quote is None else _raw_offset(self.text, quote, length)
