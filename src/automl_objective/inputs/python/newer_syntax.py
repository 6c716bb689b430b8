"""Code this Python cannot parse that a newer Python may: an f-string written for 3.12.

Python 3.12 reads an f-string's fields as code (PEP 701): they may reuse the f-string's own
quotes (``f"{row["name"]}"``), hold a backslash or a comment. Older Pythons' ``ast`` refuse
them, so a notebook written for 3.12 would fail the run on 3.11 while the same file passes on
3.12. Such a failure is a warning, not an error: the code may be right for the Python it was
written for, and the tool cannot tell (its requests are checked when it runs on 3.12 or
later). Any other syntax error stays an error, and on 3.12 and later every one is.

Which is which, on 3.11: the code with each f-string blanked (read as 3.12 reads it, the
whole literal made a plain string of the same length and lines) is parsed again, whatever the
error and wherever it is (3.11 may read a 3.12 f-string's quotes as a string that ends lines
later). When it
parses, only f-strings failed: a warning. When it fails, the code has another error, which is
the one reported (``f"{a["b"]}"`` on one line and ``y = (`` on the next is an error at the
bracket left open). A broken f-string 3.12 refuses too (``f"{}"``) is still a warning on 3.11,
which cannot tell the two apart (the warning says so). Fields nested deeper than Python's
recursion limit lets the reading follow (a field left open on each line of a file, ``f"{a[0}"``,
opens one more: the string after it holds the next line's f-string) are an error, as 3.11
says it: 3.12 nests f-strings 150 deep at most.
"""

from __future__ import annotations

import re
import sys

_STRING_START = re.compile(r"(?<![\w])([rRbBuUfF]{0,2})('''|\"\"\"|'|\")")
_NEXT = re.compile(r"#|(?<![\w])[rRbBuUfF]{0,2}['\"]")
"""Where a comment or a string literal may start."""
_READS_PEP_701 = (3, 12)
_OPEN, _CLOSE = "([{", ")]}"


def newer_syntax_error(error: SyntaxError, source: str) -> SyntaxError | None:
    """None where ``error`` (raised parsing ``source``) may come from an f-string a newer
    Python reads (see the module); else the syntax error to report."""
    if sys.version_info >= _READS_PEP_701:
        return error
    from automl_objective.inputs.python.reader import parse_chunk

    try:
        blanked = blank_f_strings(source)
    except RecursionError:  # fields nested past what the reading follows: as it was
        return error
    if blanked == source:  # no f-string: the same error again
        return error
    try:  # a long source in pieces, as it was parsed (memory stays bounded)
        parse_chunk(blanked, None, "<unknown>")
    except SyntaxError as other:
        return other
    except (ValueError, RecursionError):  # a null character, deep nesting: as it was
        return error
    return None


def blank_f_strings(source: str) -> str:
    """``source`` with each f-string (as Python 3.12 reads it) a plain string of the same
    length and the same line breaks; the rest as it is."""
    out: list[str] = []
    index, done = 0, 0
    while (found := _NEXT.search(source, index)) is not None:
        index = found.start()
        if found.group() == "#":
            end = source.find("\n", index)
            index = len(source) if end < 0 else end
            continue
        end, closed = _string_end(source, index)
        if closed and "f" in found.group().lower():
            out.append(source[done:index])
            out.append(_plain(source[index:end]))
            done = end
        index = end
    out.append(source[done:])
    return "".join(out)


def _plain(literal: str) -> str:
    """A plain string literal as long as ``literal``, with its line breaks."""
    if any(char in "\r\n" for char in literal) and len(literal) >= 6:
        inner = "".join(char if char in "\r\n" else " " for char in literal[3:-3])
        return '"""' + inner + '"""'
    return '"' + " " * (len(literal) - 2) + '"' if len(literal) >= 2 else literal


def _string_end(source: str, index: int) -> tuple[int, bool]:
    """Where the string literal starting at ``index`` ends (past its closing quote; the end
    of the line or the source where it is not closed), and whether it is closed (one that is
    not stays as it is: the parser's error)."""
    start = _STRING_START.match(source, index)
    assert start is not None
    prefix, quote = start.group(1).lower(), start.group(2)
    at = start.end()
    while at < len(source):
        if source.startswith(quote, at):
            return at + len(quote), True
        char = source[at]
        if char == "\\":
            at = _escape_end(source, at, prefix)
        elif char in "\r\n" and len(quote) == 1:
            return at, False
        elif "f" in prefix and char == "{":
            at = at + 2 if source.startswith("{{", at) else _field_end(source, at + 1)
        else:
            at += 1
    return len(source), False


def _escape_end(source: str, at: int, prefix: str) -> int:
    """Past a backslash at ``at`` and what it escapes: the next character (a quote does not
    close the string), but a brace stays a brace in an f-string and ``\\N{NAME}`` is one
    escape in one that is not raw."""
    following = source[at + 1 : at + 2]
    if "f" in prefix and following in ("{", "}"):
        return at + 1
    if "f" in prefix and "r" not in prefix and source.startswith("N{", at + 1):
        end = source.find("}", at + 3)
        return at + 2 if end < 0 else end + 1
    return at + 2


def _field_end(source: str, at: int) -> int:
    """Past the ``}`` closing an f-string's replacement field whose code starts at ``at``
    (its format spec may hold fields of its own)."""
    depth = 0
    while at < len(source):
        char = source[at]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            if depth == 0:
                return at + 1 if char == "}" else at
            depth -= 1
        elif char == "#":
            end = source.find("\n", at)
            at = len(source) if end < 0 else end
            continue
        elif char in "'\"rRbBuUfF" and _STRING_START.match(source, at):
            at, _ = _string_end(source, at)
            continue
        elif char == ":" and depth == 0:
            return _spec_end(source, at + 1)
        at += 1
    return len(source)


def _spec_end(source: str, at: int) -> int:
    """Past the ``}`` closing a format spec that starts at ``at``."""
    while at < len(source):
        char = source[at]
        if char == "}":
            return at + 1
        if char in "\r\n" or char in "'\"":
            return at  # the spec (and the field) end here: let the parser say what is wrong
        at = _field_end(source, at + 1) if char == "{" else at + 1
    return len(source)


def newer_syntax_note(why: str) -> str:
    """The words of the warning, ``why`` being the parser's own."""
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    return (
        f"not valid Python {here} ({why}), but maybe Python 3.12's: its f-strings may reuse "
        "their quotes (PEP 701); its requests are checked when automl-objective runs on "
        "Python 3.12 or later"
    )
