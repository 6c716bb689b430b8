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
    |(?P<string>[rRbBuUfFtT]{0,2}(?:'''|\"\"\"|'|\"))
    |(?P<name>[^\W\d]\w*)
    |(?P<number>-?\.?\d[\w.]*)
    |(?P<open>[(\[{])
    |(?P<close>[)\]}])
    """,
    re.VERBOSE,
)
_BODIES = {
    quote: re.compile(pattern, re.DOTALL)
    for quote, pattern in {
        "'": r"(?:[^'\\\r\n]|\\.)*'?",
        '"': r'(?:[^"\\\r\n]|\\.)*"?',
        "'''": r"(?:[^\\]|\\.)*?(?:'''|\Z)",
        '"""': r'(?:[^\\]|\\.)*?(?:"""|\Z)',
    }.items()
}


LOOK_EVERY = 4096
"""Tokens read between two looks at whether the request they are read for was cancelled."""


class Token(NamedTuple):
    kind: str
    start: int
    end: int
    text: str


def _string_end(text: str, quote_end: int, quote: str) -> int:
    match = _BODIES[quote].match(text, quote_end)
    assert match is not None  # every body pattern matches the empty string
    return match.end()


def token_at(text: str, offset: int) -> Token | None:
    """The token that starts at ``offset`` (after any spaces or comment), or None at the end."""
    at = offset
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            return Token(PUNCT, at, at + 1, text[at])
        kind = match.lastgroup or PUNCT
        if kind == "skip":
            at = match.end()
            continue
        end = match.end()
        if kind == STRING:
            quote = match.group().lstrip("rRbBuUfFtT")
            end = _string_end(text, end, quote)
        return Token(kind, at, end, text[at:end])
    return None


def tokens(text: str, start: int = 0, stop: int | None = None) -> list[Token]:
    """Every token that starts in ``text[start:stop]``."""
    stop = len(text) if stop is None else stop
    found: list[Token] = []
    at = start
    while at < stop:
        if len(found) % LOOK_EVERY == 0:
            stop_if_cancelled()
        token = token_at(text, at)
        if token is None or token.start >= stop:
            break
        found.append(token)
        at = token.end
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
