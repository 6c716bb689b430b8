"""Show document values, member names and file names in messages: bounded and on one line.

Whatever a document or a file name holds (a 1 MB string, a newline, ESC, a lone surrogate, a
byte that is not UTF-8, a GitHub workflow command), what is printed is short, has no control
character and encodes as UTF-8, so no finding can span lines, start a workflow command or
break an output format. :func:`printable` is the one escaping rule of every output: each
format (text, json, github, junit, sarif, resolve, metrics, messages on standard error)
shows a name or a value as :func:`printable` makes it, and then applies only its own syntax
(JSON string escapes, XML entities, GitHub's percent-encoding, a URI's percent-encoding).
"""

from __future__ import annotations

import re
import reprlib

from automl_objective.base.dynamic import DYNAMIC, OpenArray, OpenObject
from automl_objective.base.patterns import on_first_use

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_SHOWN = 60
"""Longest string shown in full; a longer one is cut and its length said."""

MAX_MESSAGE = 500
"""Longest message a finding carries (a message quoting a library's text is cut here)."""

RUN_TIME = "a value known only at run time"
"""How a message shows :data:`~automl_objective.base.dynamic.DYNAMIC` (never its repr)."""


class _Bounded(reprlib.Repr):
    """``reprlib`` that shows the parts of a request known only at run time in words: an
    open object or array as the members or items it shows, then ``...``."""

    def repr1(self, x: Any, level: int) -> str:
        if x is DYNAMIC:
            return f"<{RUN_TIME}>"
        if type(x) is OpenObject:
            return _open(self.repr_dict(dict(x), level), "}")
        if type(x) is OpenArray:
            return _open(self.repr_list(list(x), level), "]")
        return super().repr1(x, level)


def cut(text: str) -> str:
    """Text a message shows as written, unquoted (a piece of code, a template's function),
    cut as :func:`shown` cuts a string: past :data:`MAX_SHOWN` characters, its first few
    dozen and its length. Not :func:`shown` itself: its quotes would say that the code
    ``f'job_{x}'`` is the string ``"f'job_{x}'"``."""
    return text if len(text) <= MAX_SHOWN else f"{text[:_KEPT]}... ({len(text):,} characters)"


def _open(text: str, closer: str) -> str:
    return text[:-1] + (", ..." if len(text) > 2 else "...") + closer


_LIMITS = _Bounded()  # for lists and objects: a few short items, a few levels
_LIMITS.maxstring = 20
_LIMITS.maxother = 20
_LIMITS.maxlong = MAX_SHOWN
_LIMITS.maxlevel = 2
for _name in ("maxlist", "maxtuple", "maxdict", "maxset", "maxfrozenset"):
    setattr(_LIMITS, _name, 4)

_NOT_PLAIN = on_first_use(r"\A( *)::|##\[|[^ -~]")
"""What :func:`printable` rewrites: a leading ``::`` (after spaces), ``##[``, and anything
but printable ASCII, which is looked at one character at a time."""


_KEPT = MAX_SHOWN - 20
"""The characters a string longer than :data:`MAX_SHOWN` is shown by."""


def shown(value: Any) -> str:
    """``repr(value)``, cut to a few dozen characters with the full length said; a value
    known only at run time in words."""
    if value is DYNAMIC:
        return RUN_TIME
    if isinstance(value, str):
        if len(value) <= MAX_SHOWN:
            return repr(value)
        head = repr(value[:_KEPT])
        return f"{head[:-1]}...{head[-1]} ({len(value):,} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"an integer of {value.bit_length():,} bits"
    try:
        text = _LIMITS.repr(value)
    except (ValueError, RecursionError):  # e.g. an integer too long to print, nested deep
        return f"a {type(value).__name__}"
    return text if len(text) <= 2 * MAX_SHOWN else text[: 2 * MAX_SHOWN - 3] + "..."


_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    type(None): "null",
}


def json_type(value: Any) -> str:
    """What JSON type a value is, in words: ``an object``, ``a string``, ``null``."""
    if value is DYNAMIC:
        return RUN_TIME
    if type(value) in (OpenObject, OpenArray):
        return _JSON_TYPES[dict if isinstance(value, dict) else list]
    return _JSON_TYPES.get(type(value), type(value).__name__)


def json_default(value: Any) -> Any:
    """``json.dumps``'s ``default`` for request data that may hold run-time parts:
    :data:`~automl_objective.base.dynamic.DYNAMIC` is written as ``"<a value known only at
    run time>"`` (an open object or array is written as the part it shows)."""
    if value is DYNAMIC:
        return f"<{RUN_TIME}>"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


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
    """``text`` as every output shows it: one line of printable text, valid UTF-8, that no
    tool reading the output takes for a command.

    - A control character, line or paragraph separator, whitespace other than the space,
      format character (bidirectional overrides) or lone surrogate is written as in
      ``repr`` (``\\n``, ``\\x1b``, ``\\u2028``, ``\\ud800``); a byte that is not UTF-8 in a file
      name (which Python holds as a surrogate escape) as ``\\xNN``.
    - GitHub Actions runs an output line as a workflow command when it starts with ``::``
      after whitespace, and anywhere it holds ``##[`` (the legacy form): the first colon of a
      leading ``::`` is written ``\\x3a``, and ``##[`` as ``##\\x5b``.

    Printable text is kept as it is (``é``, CJK, emoji). The rule is idempotent, so text
    already made printable can go through it again unchanged.
    """
    if text.isascii() and text.isprintable() and "##[" not in text and text.lstrip(" ")[:2] != "::":
        return text  # the common case, decided by C string methods alone
    return _NOT_PLAIN.sub(_escape, text)


def printable_data(value: Any) -> Any:
    """``value`` (plain data: dicts, lists, strings, numbers) with every string in it, keys
    too, made :func:`printable`: what a JSON output writes."""
    if isinstance(value, dict):
        return {
            printable(key) if isinstance(key, str) else key: _printable_item(item)
            for key, item in value.items()
        }
    return _printable_item(value)


def _printable_item(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return printable_data(value)
    if isinstance(value, (list, tuple)):
        return [_printable_item(item) for item in value]
    return value


def _escape(match: re.Match[str]) -> str:
    found = match.group()
    if match.group(1) is not None:  # a leading "::": no workflow command
        return f"{match.group(1)}\\x3a:"
    if found == "##[":  # GitHub's legacy command marker, anywhere in a line
        return "##\\x5b"
    if found.isprintable():
        return found
    if "\udc80" <= found <= "\udcff":
        return f"\\x{ord(found) - 0xDC00:02x}"
    return repr(found)[1:-1]
