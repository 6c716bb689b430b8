"""Show document values, member names and file names in messages: bounded and on one line.

Whatever a document or a file name holds (a 1 MB string, a newline, ESC, a lone surrogate, a
byte that is not UTF-8), what is printed is short, has no control character and encodes as
UTF-8, so no finding can span lines, start a workflow command or break an output format.
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

MAX_SHOWN = 60
"""Longest string shown in full; a longer one is cut and its length said."""

MAX_MESSAGE = 500
"""Longest message a finding carries (a message quoting a library's text is cut here)."""

_LIMITS = reprlib.Repr()  # for lists and objects: a few short items, a few levels
_LIMITS.maxstring = 20
_LIMITS.maxother = 20
_LIMITS.maxlong = MAX_SHOWN
_LIMITS.maxlevel = 2
for _name in ("maxlist", "maxtuple", "maxdict", "maxset", "maxfrozenset"):
    setattr(_LIMITS, _name, 4)

_NOT_PLAIN = re.compile(r"[^ -~]")  # anything but printable ASCII: looked at one by one


def shown(value: Any) -> str:
    """``repr(value)``, cut to a few dozen characters with the full length said."""
    if isinstance(value, str):
        if len(value) <= MAX_SHOWN:
            return repr(value)
        head = repr(value[: MAX_SHOWN - 20])
        return f"{head[:-1]}...{head[-1]} ({len(value):,} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"an integer of {value.bit_length():,} bits"
    try:
        text = _LIMITS.repr(value)
    except (ValueError, RecursionError):  # e.g. an integer too long to print, nested deep
        return f"a {type(value).__name__}"
    return text if len(text) <= 2 * MAX_SHOWN else text[: 2 * MAX_SHOWN - 3] + "..."


def shown_name(name: Any) -> str:
    """A member name as is when it is plain printable text, else quoted like a value."""
    if isinstance(name, str) and name.isprintable() and len(name) <= MAX_SHOWN:
        return name
    return shown(name)


def bounded(message: str) -> str:
    """``message`` cut to :data:`MAX_MESSAGE` characters."""
    if len(message) <= MAX_MESSAGE:
        return message
    return message[: MAX_MESSAGE - 30] + f"... ({len(message):,} characters)"


def printable(text: str) -> str:
    """``text`` with every control character, line separator and surrogate escaped.

    A byte that is not UTF-8 in a file name (which Python holds as a surrogate escape) is
    shown as ``\\xNN``; the rest as in ``repr``.
    """
    return _NOT_PLAIN.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char.isprintable():
        return char
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"
    return repr(char)[1:-1]
