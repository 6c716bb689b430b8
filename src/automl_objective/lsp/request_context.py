"""What the cursor is on: the value of which member (MetricName, ProblemType, ...), and the
problem type of the request around it, read from the text as it is being typed.

Python and JSON are read with the forgiving :mod:`~automl_objective.lsp.lexer` (keys are
strings before ``:``, or names before ``=`` for keyword arguments); YAML line by line, by
indentation. The request around the cursor is the innermost bracket (or YAML block) around
it that names a problem type: a ``ProblemType`` / ``problem_type`` value, or a V2 job
config that fixes one (``TimeSeriesForecastingJobConfig``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from automl_objective.api import Catalog
from automl_objective.lsp.cancellation import stop_if_cancelled
from automl_objective.lsp.enclosing import SEPARATOR, Enclosing, TooFar
from automl_objective.lsp.lexer import (
    CLOSE,
    LOOK_EVERY,
    NAME,
    OPEN,
    STRING,
    Token,
    string_content,
    string_or_comment_start,
    token_end,
    tokens,
)
from automl_objective.lsp.text_units import LINE_BREAK
from automl_objective.lsp.value_spans import YAML

METRIC, PROBLEM_TYPE, OBJECTIVE = "metric", "problem-type", "objective"
MEMBERS = {
    "MetricName": METRIC,
    "metric_name": METRIC,
    "ProblemType": PROBLEM_TYPE,
    "problem_type": PROBLEM_TYPE,
    "AutoMLJobObjective": OBJECTIVE,
    "auto_ml_job_objective": OBJECTIVE,
    "job_objective": OBJECTIVE,
}
"""AWS's member names, and the SDKs' argument names for them (boto3 takes AWS's names;
the SageMaker Python SDK v2 ``job_objective=`` / ``problem_type=``; sagemaker-core's
snake_case)."""

MAX_CONTEXT_CHARS = 4 * 1024 * 1024
"""Past this, a document gets no completion context (the lexer would take too long)."""

_USED_AS = ("=", ":", "*")
"""What comes before a name used as a value: a keyword argument, a member, ``**``."""
_COMMA = Token("punct", 0, 0, ",")
_NAMES_FOLLOWED = 3
"""How many names deep a request's problem type is looked for (``**request`` whose
``ProblemType`` is ``problem``)."""
_USES_FOLLOWED = 2
"""How many assignments a completion's problem type is followed through."""


@dataclass(frozen=True)
class Slot:
    """A value being written: ``start``-``end`` is the text a completion replaces."""

    member: str
    start: int
    end: int
    quoted: bool
    """The cursor is between quotes already: the bare name is inserted."""
    lead: str = ""
    """What goes before an inserted value (YAML's ``key:`` with no space yet)."""
    problem_type: str | None = None
    """The problem type of the request around the slot, where one is found."""


def _member_at(found: Sequence[Token], index: int) -> str | None:
    """The member whose value starts after token ``index`` of ``found`` (``key:``, ``key=``)."""
    if index < 1 or found[index].text not in (":", "="):
        return None
    key = found[index - 1]
    wanted = STRING if found[index].text == ":" else NAME
    return _key_name(key) if key.kind == wanted else None


def _key_name(token: Token) -> str | None:
    if token.kind == STRING:
        return string_content(token)[2]
    return token.text if token.kind == NAME else None


class _Code:
    """A Python or JSON text's tokens, with each bracket's partner."""

    def __init__(self, text: str, found: list[Token] | None = None) -> None:
        """``found``: the text's tokens, where they were read already."""
        self.text = text
        self.tokens = tokens(text) if found is None else found
        self.starts = [token.start for token in self.tokens]
        self.partner: dict[int, int] = {}
        stack: list[int] = []
        for index, token in enumerate(self.tokens):
            if index % LOOK_EVERY == 0:
                stop_if_cancelled()
            if token.kind == OPEN:
                stack.append(index)
            elif token.kind == CLOSE and stack:
                self.partner[stack.pop()] = index

    def before(self, offset: int) -> int:
        """The index of the last token that starts before ``offset`` (-1: none)."""
        return bisect.bisect_left(self.starts, offset) - 1

    def around(self, offset: int) -> list[tuple[int, int]]:
        """The token ranges of the brackets around ``offset``, innermost first."""
        found = []
        for open_index in range(self.before(offset), -1, -1):
            if self.tokens[open_index].kind != OPEN:
                continue
            close = self.partner.get(open_index)
            if close is None or self.tokens[close].start >= offset:
                found.append((open_index, len(self.tokens) if close is None else close))
        return found

    def problem_type(self, offset: int, catalog: Catalog) -> str | None:
        found = self.problem_type_around(offset, catalog, _USES_FOLLOWED)
        return found if found is not None else _named_problem_type(self.tokens, catalog)

    def problem_type_around(self, offset: int, catalog: Catalog, uses: int) -> str | None:
        """The problem type named in the innermost bracket around ``offset`` that names one,
        directly or through a name assigned elsewhere in the text (``ProblemType=problem``,
        ``**request``); else, where the outermost bracket is a value assigned to a name, the
        problem type around a place that name is used (followed ``uses`` times)."""
        around = self.around(offset)
        for start, stop in around:
            found = _named_problem_type(self.resolved(start, stop), catalog)
            if found is not None:
                return found
        if not around or uses <= 0:
            return None
        name = self.assigned_to(around[-1][0])
        for use in self.uses(name) if name else []:
            found = self.problem_type_around(self.tokens[use].start, catalog, uses - 1)
            if found is not None:
                return found
        return None

    def assignment(self, name: str) -> int | None:
        """The index of the first token of the value last assigned to ``name``
        (``name = value`` at the start of a line)."""
        found = None
        for index, token in enumerate(self.tokens[:-2]):
            if (
                token.kind == NAME
                and token.text == name
                and self.tokens[index + 1].text == "="
                and (index == 0 or _starts_line(self.text, token.start))
            ):
                found = index + 2
        return found

    def assigned_to(self, open_index: int) -> str | None:
        """The name a bracket is assigned to (``name = {...}``), if it is."""
        if open_index < 2 or self.tokens[open_index - 1].text != "=":
            return None
        name = self.tokens[open_index - 2]
        starts = open_index == 2 or _starts_line(self.text, name.start)
        return name.text if name.kind == NAME and starts else None

    def uses(self, name: str) -> list[int]:
        """The tokens where ``name`` is used as a value (after ``=``, ``:`` or ``**``)."""
        return [
            index
            for index, token in enumerate(self.tokens[1:], start=1)
            if token.kind == NAME
            and token.text == name
            and self.tokens[index - 1].text in ("=", ":", "*")
            and not (index + 1 < len(self.tokens) and self.tokens[index + 1].text == "=")
        ]

    def resolved(self, start: int, stop: int, depth: int = _NAMES_FOLLOWED) -> list[Token]:
        """Tokens ``start``-``stop``, with each name used as a value there followed by the
        tokens of the value assigned to it (a string or a bracket; ``depth`` names deep)."""
        found: list[Token] = []
        for index in range(start, min(stop, len(self.tokens))):
            token = self.tokens[index]
            found.append(token)
            if depth <= 0 or token.kind != NAME or self.tokens[index - 1].text not in _USED_AS:
                continue
            value = self.assignment(token.text)
            if value is None or value >= len(self.tokens):
                continue
            if self.tokens[value].kind == STRING:
                found[-1] = self.tokens[value]
            elif self.tokens[value].kind == OPEN and value in self.partner:
                inner = self.resolved(value + 1, self.partner[value], depth - 1)
                found += [_COMMA, *inner, _COMMA]
        return found


def _starts_line(text: str, offset: int) -> bool:
    return not text[_line_start(text, offset) : offset].strip()


def _named_problem_type(found: Sequence[Token], catalog: Catalog) -> str | None:
    named = _first_named(found, catalog)
    return None if named is None else named[1]


def _first_named(
    found: Sequence[Token], catalog: Catalog, start: int = 0
) -> tuple[int, str] | None:
    """The first key of ``found`` (from index ``start`` on) that names a problem type (a
    ``ProblemType`` whose value is one, a job config that fixes one), its index and the
    problem type. What it says of a key depends only on the key and the two tokens after."""
    for index in range(start, len(found) - 1):
        if found[index + 1].text not in (":", "="):
            continue
        name = _key_name(found[index])
        if name is None:
            continue
        if MEMBERS.get(name) == PROBLEM_TYPE and index + 2 < len(found):
            value = found[index + 2]
            given = string_content(value)[2] if value.kind == STRING else None
            if given in catalog.problem_type_names:
                return index, given
        rule = catalog.rule_for_job_config(name)
        if rule is not None:
            return index, rule.name
    return None


def _code_slot(text: str, offset: int, catalog: Catalog) -> Slot | None:
    recent = _recent_tokens(text, offset, _SLOT_TOKENS)
    code = None
    if recent is None:
        code = _Code(text)
        recent = code.tokens[
            max(0, code.before(offset) + 1 - _SLOT_TOKENS) : code.before(offset) + 1
        ]
    found = _value_at(recent, offset)
    if found is None:
        return None
    member, start, end, quoted = found
    lead = " " if not quoted and start == offset and text[offset - 1 : offset] == ":" else ""
    # the problem type: only for a value completed here
    problem_type = _code_problem_type(text, offset, catalog, code)
    return Slot(MEMBERS[member], start, end, quoted, lead, problem_type)


def _code_problem_type(text: str, offset: int, catalog: Catalog, code: _Code | None) -> str | None:
    """:meth:`_Code.problem_type`, read from the text near ``offset`` where that tells it
    (:func:`nearby_problem_type`), else from the whole text."""
    if code is None:
        near = Enclosing(text, offset)
        found = nearby_problem_type(near, catalog)
        if not isinstance(found, _Untold):
            return found
        code = _Code(text, near.whole())  # the tokens read for it, where that was all
    return code.problem_type(offset, catalog)


_SLOT_TOKENS = 3
"""How many tokens before a place say whether a value is written there: the value's own,
the ``:`` or ``=`` before it and the member's name."""


def _value_at(before: list[Token], offset: int) -> tuple[str, int, int, bool] | None:
    """The member whose value is at ``offset`` (from the last tokens that start before it, at
    least :data:`_SLOT_TOKENS` of them where the text has as many), and the value's extent and
    whether it is quoted; None where no value of a member completed here is."""
    index = len(before) - 1
    current = before[index] if index >= 0 else None
    start, end, quoted = offset, offset, False
    if current is not None and offset <= current.end and current.kind in (STRING, NAME):
        if current.kind == STRING:
            start, end, _ = string_content(current)
            if not start <= offset <= end:
                return None
            quoted = True
        else:
            start, end = current.start, current.end
        index -= 1
    member = _member_at(before, index) if index >= 0 else None
    if member not in MEMBERS or (quoted and MEMBERS[member] == OBJECTIVE):
        return None
    return member, start, end, quoted


_NEAR = 256
"""How far before a place its last tokens are first looked for (widened until found)."""


def _recent_tokens(text: str, offset: int, count: int) -> list[Token] | None:
    """The last ``count`` tokens that start before ``offset`` (all of them where fewer do), as
    :func:`~automl_objective.lsp.lexer.tokens` reads the whole text, read from a place shortly
    before ``offset`` where the lexer is known to start a token: a separator outside strings
    and comments (found in C, :func:`string_or_comment_start`), or the end of the string or
    comment a separator is in. None where that place cannot be told cheaply (the caller then
    reads the whole text)."""
    window = _NEAR
    while True:
        low = max(0, offset - window)
        if low == 0:
            return tokens(text, 0, offset)[-count:]
        separator = SEPARATOR.search(text, low, offset)
        if separator is not None:
            at = separator.start()
            inside = string_or_comment_start(text, at)
            if inside is None:
                return None
            if inside < at:  # in a string or comment: read from where it ends
                at = token_end(text, inside)
                if at > offset:  # ``offset`` is in it too: the tokens before its end
                    return _recent_tokens(text, inside + 1, count)
            found = tokens(text, at, offset)
            if len(found) >= count:
                return found[-count:]
        window *= 4


class _Untold:
    """What :func:`nearby_problem_type` answers where the text near the place does not tell."""


_UNTOLD = _Untold()
_SKIPS = r"(?:[ \t\f\r\n]|\\\r?\n|\#[^\r\n]*)*"
"""What may lie between two tokens (the lexer's spaces, line continuations and comments)."""


def nearby_problem_type(near: Enclosing, catalog: Catalog) -> str | _Untold | None:
    """:meth:`_Code.problem_type` where the text near ``near.offset`` tells it, else
    :data:`_UNTOLD`: read outwards from the place, bracket by bracket
    (:class:`~automl_objective.lsp.enclosing.Enclosing`), each only as far as its first key
    naming a problem type. Told where a bracket around the place names one and no name used
    as a value before that key may be assigned anywhere in the text (only then may a name's
    value name one first: such a text, one naming no problem type around the place, or one
    whose key is farther than :data:`~automl_objective.lsp.enclosing.BUDGET` tokens, is
    read whole)."""
    assigned: dict[str, bool] = {}
    try:
        for window, index in near.openings():
            chunks = near.tokens_from(window, index)
            found = _first_named_in(chunks, catalog, near.text, assigned)
            if found is not None:
                return found
    except TooFar:
        pass
    return _UNTOLD


def _first_named_in(
    chunks: Iterator[list[Token]], catalog: Catalog, text: str, assigned: dict[str, bool]
) -> str | _Untold | None:
    """The problem type :func:`_first_named` finds in the tokens of a bracket (``chunks``:
    the text's tokens from its opening bracket on, read up to its partner or the text's end),
    read a chunk at a time; None where it names none; :data:`_UNTOLD` where a name used as a
    value before the key found may be assigned a value (``assigned``: each name's answer)."""
    found: list[Token] = []
    closed = 0
    checked = 0  # keys from here on are not known to name none yet
    ended = False
    for chunk in chunks:
        for token in chunk:
            if token.kind == OPEN and found:
                closed -= 1
            elif token.kind == CLOSE:
                closed += 1
                if closed > 0:  # its partner: the bracket ends
                    ended = True
                    break
            if (
                token.kind == NAME
                and found
                and found[-1].text in _USED_AS
                and _may_be_assigned(text, token.text, assigned)
            ):
                return _UNTOLD
            found.append(token)
        named = _first_named(found, catalog, checked)
        if named is not None and (ended or named[0] + 2 < len(found)):
            return named[1]
        if ended:
            return None
        checked = max(checked, len(found) - 2)
    named = _first_named(found, catalog, checked)  # the text ended: the bracket with it
    return None if named is None else named[1]


def _may_be_assigned(text: str, name: str, assigned: dict[str, bool]) -> bool:
    """Whether ``name`` may be assigned somewhere in ``text`` (written before ``=``, as
    :meth:`_Code.assignment` looks for it), told in one search (C)."""
    if name not in assigned:
        before_equals = rf"(?<!\w){re.escape(name)}(?!\w){_SKIPS}="
        assigned[name] = re.search(before_equals, text) is not None
    return assigned[name]


_YAML_KEY = re.compile(
    r"""(?:^|[\s{,])(?P<q>["']?)(?P<key>[A-Za-z_]\w*)(?P=q)[ \t]*:(?P<space>[ \t]*)"""
    r"""(?P<value>[^:,{}\[\]#]*)$"""
)
_YAML_PAIR = re.compile(r"""(["']?)([A-Za-z_]\w*)\1[ \t]*:(?:[ \t]+["']?([A-Za-z_]\w*))?""")


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _yaml_slot(text: str, offset: int, catalog: Catalog) -> Slot | None:
    line_start = _line_start(text, offset)
    match = _YAML_KEY.search(text, line_start, offset)
    if match is None or match.group("key") not in MEMBERS:
        return None
    member = MEMBERS[match.group("key")]
    value, value_start = match.group("value"), match.start("value")
    line_end = LINE_BREAK.search(text, offset)
    stop = line_end.start() if line_end else len(text)
    if value[:1] in ("'", '"'):
        closing = text.find(value[0], offset, stop)
        start, end, quoted = value_start + 1, closing if closing >= 0 else offset, True
    else:
        rest = re.match(r"[^\s#,:}\]]*", text[offset:stop])
        start, end, quoted = value_start, offset + (rest.end() if rest else 0), False
    if quoted and member == OBJECTIVE:
        return None
    lead = "" if match.group("space") or quoted else " "
    return Slot(member, start, end, quoted, lead, _yaml_problem_type(text, offset, catalog))


def _indent(line: str) -> int | None:
    """A YAML line's indentation, or None for a blank or comment line."""
    stripped = line.lstrip(" \t")
    return None if not stripped or stripped.startswith("#") else len(line) - len(stripped)


def _yaml_named(lines: Sequence[str], catalog: Catalog) -> str | None:
    for line in lines:
        for _, key, value in _YAML_PAIR.findall(line):
            if MEMBERS.get(key) == PROBLEM_TYPE and value in catalog.problem_type_names:
                return str(value)
            rule = catalog.rule_for_job_config(key)
            if rule is not None:
                return rule.name
    return None


def _block_end(lines: Sequence[str], start: int, indent: int) -> int:
    for index in range(start + 1, len(lines)):
        own = _indent(lines[index])
        if own is not None and own <= indent:
            return index
    return len(lines)


def _yaml_problem_type(text: str, offset: int, catalog: Catalog) -> str | None:
    """The problem type named in the innermost YAML block around ``offset`` that names one."""
    lines = LINE_BREAK.split(text)
    current = len(LINE_BREAK.findall(text, 0, offset))
    indent = _indent(lines[current]) or 0
    for index in range(current - 1, -1, -1):
        own = _indent(lines[index])
        if own is None or own >= indent:
            continue
        found = _yaml_named(lines[index : _block_end(lines, index, own)], catalog)
        if found is not None:
            return found
        indent = own
        if own == 0:
            break
    return _yaml_named(lines, catalog)


def problem_type_at(text: str, offset: int, language: str, catalog: Catalog) -> str | None:
    """The problem type of the request around ``offset``, as completion reads it."""
    if len(text) > MAX_CONTEXT_CHARS or not 0 <= offset <= len(text):
        return None
    if language == YAML:
        return _yaml_problem_type(text, offset, catalog)
    return _code_problem_type(text, offset, catalog, None)


def slot_at(text: str, offset: int, language: str, catalog: Catalog) -> Slot | None:
    """The value being written at ``offset``, if it is one this server completes."""
    if len(text) > MAX_CONTEXT_CHARS or not 0 <= offset <= len(text):
        return None
    if language == YAML:
        return _yaml_slot(text, offset, catalog)
    return _code_slot(text, offset, catalog)


_WORD = re.compile(r"\w+")


_WORD_END = re.compile(r"\w*\Z")


def word_at(text: str, offset: int, language: str) -> tuple[int, int, str] | None:
    """The word at ``offset`` if it is part of a value (in Python and JSON: of a string)."""
    if len(text) > MAX_CONTEXT_CHARS or not 0 <= offset <= len(text):
        return None
    start = _word_start(text, offset)
    after = _WORD.match(text, offset)
    end = offset if after is None else after.end()
    if start == end:
        return None
    if language != YAML and not _inside_string(text, start):
        return None
    return start, end, text[start:end]


def _word_start(text: str, offset: int) -> int:
    """Where the word that ends at (or runs over) ``offset`` starts; ``offset`` for none. Read
    back from ``offset`` (in C), not forward from the line's start: a 4 MB line's words were
    all read, one by one in Python, for a hover near its end."""
    window = 64
    while True:
        low = max(0, offset - window)
        start = _WORD_END.search(text, low, offset)
        assert start is not None  # an empty word matches at the end
        if start.start() > low or low == 0:
            return start.start()
        window *= 4


def _inside_string(text: str, offset: int) -> bool:
    inside = string_or_comment_start(text, offset)
    if inside is None:  # a quote written again at the place: the whole text tells
        code = _Code(text)
        index = code.before(offset + 1)
        token = code.tokens[index] if index >= 0 else None
        return token is not None and token.kind == STRING and token.start < offset < token.end
    return inside < offset and text[inside] != "#"
