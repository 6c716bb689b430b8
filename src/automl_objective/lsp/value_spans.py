"""Where a value written at a place ends, and where its text between the quotes is.

Findings carry only the place a value (or a member name) starts; a diagnostic's range, and
a fix that edits only the value's own text, need its end too: a string token in Python, a
string or scalar in JSON, a quoted or plain scalar in YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from automl_objective.lsp.lexer import STRING, string_content, token_at

PYTHON, JSON, YAML = "python", "json", "yaml"

_SUFFIXES = {".py": PYTHON, ".ipynb": JSON, ".json": JSON, ".yaml": YAML, ".yml": YAML}
_LANGUAGE_IDS = {"python": PYTHON, "json": JSON, "jsonc": JSON, "yaml": YAML}


SUFFIXES = {PYTHON: ".py", JSON: ".json", YAML: ".yaml"}


def language_of(path: str, language_id: str | None = None) -> str | None:
    """How a document's text is written, by its name, else by the editor's language id;
    None: none of the languages the validator reads."""
    suffix = PurePath(path).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    return _LANGUAGE_IDS.get(language_id or "")


@dataclass(frozen=True)
class Span:
    """A value's text: ``start``-``end`` all of it, ``content_start``-``content_end`` what
    is between its quotes (all of it for a plain value), ``quote`` its opening quote."""

    start: int
    end: int
    content_start: int
    content_end: int
    quote: str = ""


_YAML_QUOTED = {
    "'": re.compile(r"'(?:[^']|'')*'?"),
    '"': re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL),
}


def _line_end(text: str, offset: int) -> int:
    ends = [at for at in (text.find("\n", offset), text.find("\r", offset)) if at >= 0]
    return min(ends, default=len(text))


def _in_flow(text: str, offset: int) -> bool:
    """Whether a YAML value sits in a flow collection opened earlier on its line."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    before = text[start:offset]
    return before.count("[") + before.count("{") > before.count("]") + before.count("}")


def _plain_end(text: str, offset: int) -> int:
    """Where a YAML plain scalar on one line ends: before `` #``, ``: ``, and in a flow
    collection before ``,[]{}``; trailing spaces are not its own."""
    stop, flow = _line_end(text, offset), _in_flow(text, offset)
    at = offset
    while at < stop:
        char = text[at]
        after = text[at + 1 : at + 2]
        if char == "#" and at > offset and text[at - 1] in " \t":
            break
        if char == ":" and (after in ("", " ", "\t", "\r", "\n") or (flow and after in ",[]{}")):
            break
        if flow and char in ",[]{}":
            break
        at += 1
    while at > offset and text[at - 1] in " \t":
        at -= 1
    return at


def _yaml_span(text: str, offset: int) -> Span | None:
    char = text[offset : offset + 1]
    if char in _YAML_QUOTED:
        match = _YAML_QUOTED[char].match(text, offset)
        assert match is not None  # the opening quote matches
        end = match.end()
        closed = end - offset >= 2 and text[end - 1] == char
        return Span(offset, end, offset + 1, end - 1 if closed else end, char)
    if char in ("", "[", "{", "|", ">", "-", "\r", "\n", "#") or char.isspace():
        return None
    end = _plain_end(text, offset)
    return Span(offset, end, offset, end) if end > offset else None


def _token_span(text: str, offset: int) -> Span | None:
    token = token_at(text, offset)
    if token is None or token.start != offset:
        return None
    if token.kind != STRING:
        return Span(token.start, token.end, token.start, token.end)
    start, end, _ = string_content(token)
    quote = token.text[: start - token.start]
    return Span(token.start, token.end, start, end, quote)


def value_span(text: str, offset: int, language: str) -> Span | None:
    """The value written at ``offset``, or None if none starts there."""
    if not 0 <= offset < len(text):
        return None
    if language == YAML:
        return _yaml_span(text, offset)
    return _token_span(text, offset)
