"""The brackets around a place in a Python or JSON text, and their tokens, read outwards from
the place as far as they are asked for: the whole text's tokens (as
:func:`~automl_objective.lsp.lexer.tokens` reads them), never the whole text where the place
and what is asked lie near each other.

Tokens before the place are read backwards, window by window (1 KB, 4 KB, 16 KB, ... before
it), each from a place where the lexer is known to start a token: a separator outside
strings and comments, or the end of the string or comment one is in (found for all the
windows in one pass in C, :func:`~automl_objective.lsp.lexer.string_or_comment_start_from`).
Tokens after it are read forwards, a few at a time, each read from where the last ended.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from automl_objective.lsp.lexer import (
    CLOSE,
    OPEN,
    Token,
    string_or_comment_start_from,
    token_end,
    tokens,
)

SEPARATOR = re.compile(r"[,:;()\[\]{}=]")
"""Characters that are a token of their own wherever they are outside strings and comments
(the lexer has no token of two characters but strings, names, numbers and blanks)."""
_NEAREST = 1024
"""How far before the place the nearest window starts (each farther one four times as far)."""
_CHUNK = 4096
"""How many characters after the place are first read at a time (twice as many each time
after)."""


def _window_starts(text: str, offset: int) -> list[int]:
    """Where the windows before ``offset`` start, in order: 0, then places where the lexer
    starts a token about 1 KB, 4 KB, 16 KB, ... before ``offset`` (the farthest first)."""
    targets = []
    distance = _NEAREST
    while offset - distance > 0:
        targets.append(offset - distance)
        distance *= 4
    starts, position = [0], 0
    for target in reversed(targets):
        separator = SEPARATOR.search(text, max(target, starts[-1] + 1), offset)
        if separator is None:
            continue
        at = separator.start()  # a separator is no quote: never None (told by the text after)
        inside, position = string_or_comment_start_from(text, at, position)
        if inside is not None and inside < at:  # in a string or comment: from its end
            at = token_end(text, inside)
        if inside is not None and starts[-1] < at <= offset:
            starts.append(at)
    return starts


BUDGET = 65_536
"""How many tokens are read at most (about 200 KB of JSON, 0.1 s): past them, the whole text
is read the way it always was (reading on would only add to that)."""


class TooFar(Exception):
    """More tokens than the budget were asked for."""


class Enclosing:
    """The brackets around ``offset`` in ``text`` and the tokens of each, read lazily, at
    most ``budget`` tokens (:class:`TooFar` past them)."""

    def __init__(self, text: str, offset: int, budget: int = BUDGET) -> None:
        self.text = text
        self.offset = offset
        self.budget = budget
        self.starts = _window_starts(text, offset)
        self.windows: dict[int, list[Token]] = {}  # window index -> its tokens, once read
        self.after: list[list[Token]] = []  # the tokens after ``offset`` read so far
        self.position = -1  # where the next of them is read from (-1: not known yet)
        self.size = _CHUNK

    def _window(self, index: int) -> list[Token]:
        if index not in self.windows:
            stop = self.starts[index + 1] if index + 1 < len(self.starts) else self.offset
            self.windows[index] = self._read(self.starts[index], stop)
        return self.windows[index]

    def _read(self, start: int, stop: int) -> list[Token]:
        if self.budget <= 0:
            raise TooFar
        found = tokens(self.text, start, stop)
        self.budget -= len(found)
        return found

    def openings(self) -> Iterator[tuple[int, int]]:
        """The opening brackets around ``offset`` (not closed before it), innermost first,
        each as its window and its index there. A bracket is around ``offset`` when the tokens
        between it and ``offset`` never close more brackets than they open, whatever comes
        before it: its partner is the first closing bracket after it that does."""
        closed = 0
        for window in range(len(self.starts) - 1, -1, -1):
            found = self._window(window)
            for index in range(len(found) - 1, -1, -1):
                kind = found[index].kind
                if kind == CLOSE:
                    closed += 1
                elif kind == OPEN and closed:
                    closed -= 1
                elif kind == OPEN:
                    yield window, index

    def tokens_from(self, window: int, index: int) -> Iterator[list[Token]]:
        """The text's tokens from token ``index`` of ``window`` on, a list at a time."""
        yield self._window(window)[index:]
        for later in range(window + 1, len(self.starts)):
            yield self._window(later)
        for chunk in itertools.count():
            if chunk == len(self.after) and not self._read_after():
                return
            yield self.after[chunk]

    def _read_after(self) -> bool:
        """Read the next chunk of tokens after ``offset``; False at the text's end."""
        if self.position < 0:  # from the end of the last token before ``offset``
            last = self._window(len(self.starts) - 1)
            self.position = last[-1].end if last else self.starts[-1]
        while self.position < len(self.text):
            found = self._read(self.position, self.position + self.size)
            self.size *= 2
            if found:
                self.position = found[-1].end
                self.after.append(found)
                return True
            if self.position + self.size // 2 >= len(self.text):  # blanks and comments left
                break
        self.position = len(self.text)
        return False

    def whole(self) -> list[Token] | None:
        """The whole text's tokens, where they were all read; else None."""
        if len(self.windows) < len(self.starts) or self.position < len(self.text):
            return None
        found = [token for index in range(len(self.starts)) for token in self.windows[index]]
        return found + [token for chunk in self.after for token in chunk]
