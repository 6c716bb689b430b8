"""From a module's code to the requests its AutoML calls send: each call read
(:mod:`.reader`) becomes a request whose paths are located where the call writes them, in the
file (and the notebook cell), so that findings point at the literal itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from automl_objective.base.codes import Code
from automl_objective.base.finding import Finding, pointer_tokens
from automl_objective.inputs.document import Contents, LoadError, Locator, Part, version_kind
from automl_objective.inputs.positions import Request, Spot, deepest
from automl_objective.inputs.python.bindings import Chunk, Place
from automl_objective.inputs.python.reader import Extracted, extract, mentions_automl

Chunks = Callable[[], tuple[list[Chunk], list[Finding]]]
"""Parses a file's code: its chunks (a file, or a notebook's cells), and a finding for each
part that cannot be read (a cell that is not Python)."""


def _locator(extracted: Extracted) -> Locator:
    places = extracted.places

    def locate(requests: Sequence[Request]) -> list[Spot]:
        spots: list[Spot] = []
        for path, key in requests:
            best, (key_place, value_place) = deepest(places, path)
            place = key_place if key and len(best) == len(path) else value_place
            spots.append(((place[1], place[2]), None))
        return spots

    return locate


def _cell_finder(extracted: Extracted) -> Callable[[Finding], int | None]:
    """The cell a finding's position is in (a value bound in one cell, used in another)."""
    places = extracted.places

    def cell_of(finding: Finding) -> int | None:
        _, (key_place, value_place) = deepest(places, pointer_tokens(finding.pointer))
        if (finding.line, finding.column) == key_place[1:]:
            return key_place[0]
        return value_place[0]

    return cell_of


def _part(extracted: Extracted) -> Part:
    return Part(
        extracted.data,
        version_kind(extracted.version, extracted.complete),
        _locator(extracted),
        False,
        cell_of=_cell_finder(extracted),
    )


def _argument(place: Place, why: str) -> Finding:
    """An argument the SDK class called does not take: Python raises TypeError there."""
    cell, line, column = place
    return Finding("error", Code.UNKNOWN_MEMBER, "", line, column, why, cell)


def _unread(chunk: Chunk) -> Finding:
    """One finding for the AutoML calls of a file (or cell) too large to read."""
    (line, why), more = chunk.unread[0], len(chunk.unread) - 1
    also = f" (and {more:,} more call{'s' if more > 1 else ''} not read)" if more else ""
    message = f"not checked: {why}{also}"
    return Finding("error", Code.TOO_LARGE, "", line, None, message, chunk.cell)


def code_contents(display: str, kind: str, code: str, chunks: Chunks) -> Contents:
    """The requests a file's code sends. ``code`` is searched first: a file that mentions no
    AutoML call is clean, never parsed (a folder of ordinary code costs a substring search a
    file). Raises LoadError for code that is not Python."""
    if not mentions_automl(code):
        return Contents(display, kind)
    try:
        parsed, problems = chunks()
        found = extract(parsed)
        parts = [_part(one) for one in found]
    except SyntaxError as error:  # a .py file's (a notebook's cells are checked one by one)
        message = f"not valid Python: {error.msg}"[:200]
        raise LoadError(display, message, error.lineno, error.offset) from None
    except RecursionError:
        raise LoadError(display, "code nested too deeply to be read") from None
    problems += [_unread(chunk) for chunk in parsed if chunk.unread]
    problems += [_argument(place, why) for one in found for place, why in one.problems]
    return Contents(display, kind, None, tuple(parts), tuple(problems))
