"""JSON documents: the standard library's parser, made strict where JSON is ambiguous.

Rejected, each with a position: duplicate member names (parsers disagree on which one counts),
``NaN``/``Infinity`` (not JSON), numbers too large for a double (``1e400``), nesting deeper
than the parser's recursion limit. Common mistakes get a plain message: comments, trailing
commas.

A CloudFormation template (``cloudformation=True``) keeps a member written twice, the last one
counting as it does for CloudFormation, and lists it with the document
(:attr:`~automl_objective.inputs.document.Document.duplicates`) for the template kind to
report where it matters.
"""

from __future__ import annotations

import functools
import json
from collections import Counter

from automl_objective.base.patterns import on_first_use
from automl_objective.base.quoting import shown
from automl_objective.inputs.document import Document, LoadError
from automl_objective.inputs.positions import (
    find_bare_token,
    find_duplicate_member,
    line_column,
    locate_json_all,
    parsed_json_spots,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_COMMENT = on_first_use(r"\s*(//|/\*)")
_COMMA_THEN_CLOSE = on_first_use(r",\s*[}\]]")
_LAST_COMMA = on_first_use(r",\s*$")
_INFINITIES = (float("inf"), float("-inf"))
"""What a number too large for a double reads as (``math`` is a library of its own to load)."""
MAX_NUMBER_CHARS = 4300
"""Python's limit on the digits of an integer read from text (sys.int_info)."""


class _Duplicate(ValueError):
    pass


class _BadNumber(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Duplicate()
    return result


def _constant(name: str) -> Any:
    raise _BadNumber(f"{name} is not valid JSON")


def shown_number(text: str, limit: int = 40) -> str:
    """A number's text as a message shows it: cut, with its length, when it is long."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def _float(text: str) -> float:
    value = float(text)
    if value in _INFINITIES:
        raise _BadNumber(f"the number {shown_number(text)} is too large")
    return value


def _trailing_comma(text: str, pos: int) -> int | None:
    """The offset of a comma right before a closing bracket, at or just before ``pos``.

    Found from the text alone: Python versions word this error differently and place it at
    the comma (3.13) or at the bracket (3.11), and the answer must not depend on either.
    """
    before = _LAST_COMMA.search(text, 0, pos)
    for start in (pos, before.start() if before else None):
        if start is not None and _COMMA_THEN_CLOSE.match(text, start):
            return start
    return None


def _syntax_error(path: str, text: str, error: json.JSONDecodeError) -> LoadError:
    if _COMMENT.match(text, error.pos):
        message, offset = "comments are not allowed in JSON", error.pos
    elif (comma := _trailing_comma(text, error.pos)) is not None:
        message, offset = "trailing comma before a closing bracket", comma
    else:
        message, offset = error.msg, error.pos
    return LoadError(path, f"invalid JSON: {message}", *line_column(text, offset))


# One decoder for every document: json.loads with hooks would build a new one per call.
_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_constant, parse_float=_float)


@functools.cache
def _plain() -> json.JSONDecoder:
    """:data:`_DECODER` but for members written twice: each object built in C, the last
    writing of a name kept, where :data:`_DECODER` calls :func:`_object` (a step of Python an
    object: 70 M instructions of the 5 MB file's 194 M of reading). Made on first use: a run
    of short texts never does (0.3 M instructions of the 10% corpus's 1,000 files)."""
    return json.JSONDecoder(parse_constant=_constant, parse_float=_float)


COUNTED_FROM = 16 * 1024
"""The characters from which a text is read by :func:`_plain` (:func:`_strict`): what then
tells a member written twice (:func:`~automl_objective.inputs.json_members.written_once`)
costs a few calls in C a level of the data, more than the steps of Python it saves in a
short text (measured, 20 texts of the 5 MB file's shape: 4 KB, 4.3 M instructions either
way; 16 KB, 21.1 M against 18.7 M; 64 KB, 89.2 M against 73.9 M; the 70% corpus's first
1,000 files, of 1 to 4 KB, read so: 19 M more)."""


def _strict(text: str) -> Any:
    """The data of a long JSON text (:data:`COUNTED_FROM`), or the error :data:`_DECODER`
    raises for it: read by :func:`_plain` when the text holds no backslash and no member
    written twice, else by :data:`_DECODER`, which raises the error the text holds first (a
    member written twice, or what :func:`_plain` refused)."""
    from automl_objective.inputs.json_members import COUNTS_VALUES, written_once

    if "\\" in text or not COUNTS_VALUES:  # (found by memchr)
        return _DECODER.decode(text)
    try:
        data = _plain().decode(text)
    except (ValueError, RecursionError):
        return _DECODER.decode(text)
    return data if written_once(text, data) else _DECODER.decode(text)


class _Repeats:
    """The objects a tolerant decoder built with a member written twice, and those members."""

    def __init__(self) -> None:
        self.found: list[tuple[dict[str, Any], list[str]]] = []

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            counted = Counter(key for key, _ in pairs)
            names = [key for key, count in counted.items() if count > 1]
            self.found.append((result, names))  # kept alive: its id names it below
        return result

    def duplicates(
        self, path: str, text: str, data: Any
    ) -> tuple[tuple[tuple[str | int, ...], LoadError], ...]:
        """Each member written twice: its path, and the finding at its last writing."""
        if not self.found:
            return ()
        names = {id(found): listed for found, listed in self.found}
        paths: list[tuple[str | int, ...]] = []
        stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
        while stack:
            value, at = stack.pop()
            if isinstance(value, dict):
                paths.extend((*at, name) for name in names.get(id(value), ()))
                stack.extend((item, (*at, key)) for key, item in value.items())
            elif isinstance(value, list):
                stack.extend((item, (*at, index)) for index, item in enumerate(value))
        spots = locate_json_all(text, [(at, True) for at in paths])
        return tuple(
            (at, _duplicate_error(path, str(at[-1]), spot, None))
            for at, spot in zip(paths, spots, strict=True)
        )


def _duplicate_error(
    path: str, name: str, spot: tuple[int, int] | None, first_line: int | None
) -> LoadError:
    line, column = spot or (None, None)
    if first_line is None:  # a template's: CloudFormation reads it
        where, counts = f"line {line}", "CloudFormation takes the last"
    else:
        where, counts = f"lines {first_line} and {line}", "parsers disagree on which one counts"
    from automl_objective.base.codes import Code

    return LoadError(
        path,
        f"member {shown(name)} appears twice in one object ({where}): {counts}",
        line,
        column,
        code=Code.DUPLICATE_KEY,
    )


def parse_json(path: str, text: str, *, cloudformation: bool = False) -> Document:
    """A JSON document; with ``cloudformation``, a member written twice is kept (see the
    module's docstring)."""
    repeats = _Repeats() if cloudformation else None
    try:
        if repeats is None:
            data = _DECODER.decode(text) if len(text) < COUNTED_FROM else _strict(text)
        else:
            decoder = json.JSONDecoder(
                object_pairs_hook=repeats.object, parse_constant=_constant, parse_float=_float
            )
            data = decoder.decode(text)
    except json.JSONDecodeError as error:
        raise _syntax_error(path, text, error) from None
    except _Duplicate:
        name, first, second = find_duplicate_member(text) or ("?", 0, 0)
        spot = line_column(text, second)
        raise _duplicate_error(path, name, spot, line_column(text, first)[0]) from None
    except _BadNumber as error:
        offset = find_bare_token(text, _is_bad_number)
        where = line_column(text, offset) if offset is not None else (None, None)
        raise LoadError(path, f"invalid JSON: {error}", *where) from None
    except RecursionError:
        from automl_objective.inputs.json_nesting import nesting_place

        place = nesting_place(text)
        raise LoadError(path, "invalid JSON: nested too deeply to read", *place) from None
    except ValueError:  # an integer with more digits than Python converts (4,300)
        offset = find_bare_token(text, lambda token: len(token) > MAX_NUMBER_CHARS)
        where = line_column(text, offset) if offset is not None else (None, None)
        raise LoadError(path, "invalid JSON: a number is too large", *where) from None
    if repeats is not None:
        # a template's names written twice: the parsed objects no longer hold every name
        # the text does, so the text itself is walked
        document = Document(path, data, text, "json", parsed=True)
        document.duplicates = repeats.duplicates(path, text, data)
        return document
    locator = functools.partial(parsed_json_spots, text, data, [])
    return Document(path, data, text, "json", locator, parsed=True)


def first_writings(text: str) -> Any:
    """The data of a JSON text whose members written twice are each kept at their first
    writing (no AWS reader keeps that one: CloudFormation, the AWS CLI and botocore keep the
    last; it says what the text's author wrote first)."""

    def first_kept(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        kept: dict[str, Any] = {}
        for key, value in pairs:
            kept.setdefault(key, value)
        return kept

    decoder = json.JSONDecoder(
        object_pairs_hook=first_kept, parse_constant=_constant, parse_float=_float
    )
    return decoder.decode(text)


def _is_bad_number(token: str) -> bool:
    if token in ("NaN", "Infinity", "-Infinity"):
        return True
    if token in ("true", "false", "null"):
        return False
    try:
        return float(token) in _INFINITIES
    except ValueError:
        return False
