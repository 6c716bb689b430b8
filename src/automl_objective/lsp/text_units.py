"""Positions as the validator counts them and as LSP counts them.

Findings give 1-based lines and 1-based columns in characters (code points). LSP positions
are 0-based, with columns in the code units of the negotiated encoding (UTF-16 unless the
client offers another): a character outside the BMP is two UTF-16 units. Both count lines
the same way: ended by LF, CRLF or a lone CR.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol.types import Position, PositionEncodingKind

LINE_BREAK = re.compile(r"\r\n|\r|\n")


ASTRAL = re.compile("[\U00010000-\U0010ffff]")
"""A character outside the BMP: two UTF-16 code units."""


def _units(text: str, encoding: str) -> int:
    """How many code units ``text`` is (counted in C: a line of megabytes takes
    milliseconds, where a Python loop over its characters took seconds)."""
    if encoding == PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf16_offset(text: str, start: int, end: int, wanted: int) -> int:
    """The offset ``wanted`` UTF-16 units after ``start`` (one inside a character outside
    the BMP is after it; past ``end``, ``end``): only those characters are looked at."""
    if text.isascii():  # a flag the string keeps: no character to look for
        return min(start + wanted, end)
    at = start
    for match in ASTRAL.finditer(text, start, end):
        plain = match.start() - at
        if plain >= wanted:
            return at + wanted
        wanted -= plain + 2
        at = match.end()
        if wanted <= 0:
            return at
    return min(at + wanted, end)


def _utf8_offset(text: str, start: int, end: int, wanted: int) -> int:
    """The offset ``wanted`` UTF-8 bytes after ``start`` (one inside a character is after
    it; past ``end``, ``end``)."""
    line = text[start:end]
    if line.isascii():
        return start + min(wanted, len(line))
    encoded = line.encode("utf-8", "surrogatepass")
    cut = min(wanted, len(encoded))
    while cut < len(encoded) and encoded[cut] & 0xC0 == 0x80:
        cut += 1  # a continuation byte: the character goes on
    return start + len(encoded[:cut].decode("utf-8", "surrogatepass"))


class Lines:
    """A text's line starts, for converting offsets to and from LSP positions."""

    def __init__(self, text: str, encoding: str = PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        if "\n" not in text and "\r" not in text:  # one line (found in C, at memchr's speed)
            self.starts = [0]
        else:
            self.starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]

    def line_end(self, index: int) -> int:
        """The offset where line ``index`` (0-based) ends, before its line break."""
        if index + 1 >= len(self.starts):
            return len(self.text)
        cut = self.starts[index + 1]
        return cut - 2 if self.text.startswith("\r\n", cut - 2) else cut - 1

    def offset(self, line: int | None, column: int | None) -> int:
        """The offset of a finding's 1-based (line, column); a missing column is the line's
        start, a missing line the text's start; a place past the text is clamped to it."""
        if line is None:
            return 0
        index = min(max(line - 1, 0), len(self.starts) - 1)
        start = self.starts[index]
        return min(start + max((column or 1) - 1, 0), self.line_end(index))

    def position(self, offset: int) -> Position:
        """The LSP position of an offset."""
        offset = min(max(offset, 0), len(self.text))
        index = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[index]
        return Position(index, _units(self.text[start:offset], self.encoding))

    def offset_at(self, position: Position) -> int:
        """The offset of an LSP position (a column past its line's end is the end; a line
        past the text's end, the text's end)."""
        if position.line >= len(self.starts):
            return len(self.text)
        index = position.line
        start, end = self.starts[index], self.line_end(index)
        if self.encoding == PositionEncodingKind.Utf32:
            return min(start + position.character, end)
        if self.encoding == PositionEncodingKind.Utf8:
            return _utf8_offset(self.text, start, end, position.character)
        return _utf16_offset(self.text, start, end, position.character)
