"""A small, forgiving tokenizer for Python and JSON text: strings, names, brackets and
punctuation, with their offsets. It never fails: text being typed is rarely valid, so an
unterminated string ends at its line's end and anything unknown is one punctuation token.
What the server needs from it is local: the value at a place, the member a value belongs
to, and the brackets around the cursor.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from automl_objective.lsp.cancellation import stop_if_cancelled

STRING, NAME, NUMBER, OPEN, CLOSE, PUNCT = "string", "name", "number", "open", "close", "punct"

_TOKEN = re.compile(
    r"""
    (?P<skip>[ \t\f\r\n]+|\\\r?\n|\#[^\r\n]*)
    |(?P<string>[rRbBuUfFtT]{0,2}(?:
        '''(?:[^\\]|\\.)*?(?:'''|\\?\Z)
        |\"\"\"(?:[^\\]|\\.)*?(?:\"\"\"|\\?\Z)
        |'[^'\\\r\n]*(?:\\.[^'\\\r\n]*)*'?
        |"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*"?
    ))
    |(?P<name>[^\W\d]\w*)
    |(?P<number>-?\.?\d[\w.]*)
    |(?P<open>[(\[{])
    |(?P<close>[)\]}])
    |(?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)
"""Every token, its kind its group's name: a string whole, with its prefix and quotes (one
not closed ends at its line's end, a triple-quoted one at the text's end), and any other
character one punctuation token. One pattern, so that the text is read by ``finditer``,
not token by token in Python (a 4 MB line of JSON: 5 s before, measured)."""


_OUTSIDE = re.compile(
    r"""
    (?:[^"'\#]++
    |'''(?:[^\\]|\\.)*?'''
    |\"\"\"(?:[^\\]|\\.)*?\"\"\"
    |'(?!'')[^'\\\r\n]*+(?:\\.[^'\\\r\n]*+)*+(?:'|(?=[\r\n]))
    |"(?!"")[^"\\\r\n]*+(?:\\.[^"\\\r\n]*+)*+(?:"|(?=[\r\n]))
    |\#[^\r\n]*+(?=[\r\n])
    )*+
    """,
    re.VERBOSE | re.DOTALL,
)
"""What :func:`tokens` reads outside strings and comments, and each string and comment it
ends before the end (``endpos``): :data:`_TOKEN`'s strings and comments, which only a quote
or ``#`` starts (a prefix such as ``rb`` does not move where), none allowed to run on to the
end. One match, in C: where strings are is found without a token made in Python."""


def string_or_comment_start(text: str, offset: int) -> int | None:
    """Where the string or comment :func:`tokens` reads ``offset`` in starts (its quote or its
    ``#``; a string or comment not closed before ``offset`` counts), or ``offset`` itself where
    it is in neither (a string closed just before it too); None where a quote just before
    ``offset`` is written again at it (``''|'``: an empty string, or a triple quote's start,
    which only the text after ``offset`` tells), for :func:`tokens` to decide. A 4 MB line in
    about 30 ms, where :func:`tokens` takes seconds."""
    return string_or_comment_start_from(text, offset, 0)[0]


def string_or_comment_start_from(text: str, offset: int, position: int) -> tuple[int | None, int]:
    """:func:`string_or_comment_start`, read from ``position`` (0, or a place an earlier
    call for a smaller offset gave, outside strings and comments), and the place a later
    call for a larger offset can read from: places in order cost one pass, not one each."""
    while True:
        found = _OUTSIDE.match(text, position, offset)
        start = offset if found is None else found.end()
        if start == offset:
            quote = text[offset - 1 : offset]
            if quote in ("'", '"') and text.startswith(quote, offset):
                return None, position
            return offset, offset
        token = _TOKEN.match(text, start)  # as the whole text reads it (a string ended by
        assert token is not None  # the text's end before a backslash: before the backslash)
        if token.end() > offset:
            return start, start
        position = token.end()


def token_end(text: str, start: int) -> int:
    """Where the token that starts at ``start`` ends (a comment too)."""
    found = _TOKEN.match(text, start)
    return start if found is None else found.end()


LOOK_EVERY = 4096
"""Tokens read between two looks at whether the request they are read for was cancelled."""


class Token(NamedTuple):
    kind: str
    start: int
    end: int
    text: str


def token_at(text: str, offset: int) -> Token | None:
    """The token that starts at ``offset`` (after any spaces or comment), or None at the end."""
    for match in _TOKEN.finditer(text, offset):
        if match.lastgroup != "skip":
            return _token(match)
    return None


def _token(match: re.Match[str]) -> Token:
    kind = match.lastgroup
    return Token(PUNCT if kind is None else kind, match.start(), match.end(), match.group())


def tokens(text: str, start: int = 0, stop: int | None = None) -> list[Token]:
    """Every token that starts in ``text[start:stop]``."""
    stop = len(text) if stop is None else stop
    found: list[Token] = []
    append, make = found.append, tuple.__new__  # a token a microsecond: the loop is the cost
    for match in _TOKEN.finditer(text, start):
        kind = match.lastgroup
        if kind == "skip":
            continue
        begin, end = match.span()
        if begin >= stop:
            break
        if len(found) % LOOK_EVERY == 0:
            stop_if_cancelled()
        append(make(Token, (kind, begin, end, text[begin:end])))
    return found


def string_content(token: Token) -> tuple[int, int, str]:
    """A string token's content: its offsets (between the quotes) and its raw text."""
    body = token.text.lstrip("rRbBuUfFtT")
    prefix = len(token.text) - len(body)
    quote = body[:3] if body[:3] in ("'''", '"""') else body[:1]
    start = token.start + prefix + len(quote)
    closed = len(body) >= 2 * len(quote) and body.endswith(quote)
    end = token.end - len(quote) if closed else token.end
    return start, max(start, end), token.text[start - token.start : max(start, end) - token.start]


def string_value(token: Token) -> str | None:
    """A string token's text between its quotes, or None for another token (escapes are
    not decoded: the names looked for here have none)."""
    return string_content(token)[2] if token.kind == STRING else None
