"""From a module's code to the requests its AutoML calls send: each call read
(:mod:`.reader`) becomes a request whose paths are located where the call writes them, in the
file (and the notebook cell), so that findings point at the literal itself."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from automl_objective.base.codes import Code
from automl_objective.base.finding import Finding, Related, pointer_tokens
from automl_objective.inputs.document import Contents, LoadError, Part, version_kind
from automl_objective.inputs.positions import Path, Request, Spot, deepest
from automl_objective.inputs.python.bindings import Chunk, Place
from automl_objective.inputs.python.newer_syntax import newer_syntax_error, newer_syntax_note
from automl_objective.inputs.python.reader import (
    Extracted,
    PipelineParameter,
    extract,
    mentions_automl,
)

Chunks = Callable[[], tuple[list[Chunk], list[Finding]]]
"""Parses a file's code: its chunks (a file, or a notebook's cells), and a finding for each
part that cannot be read (a cell that is not Python)."""


SHARED_VALUE = "value defined"
"""What a related place of a finding at a call is: where the shared value is written."""


def _placed(
    extracted: Extracted, path: Sequence[str | int], key: bool
) -> tuple[Place, Place | None]:
    """Where a finding at ``path`` (at its member name with ``key``) is reported, and, for a
    value another call reads too, where that value is written (else None): such a finding
    is reported where this call names the value."""
    best, (key_place, value_place) = deepest(extracted.places, path)
    place = key_place if key and len(best) == len(path) else value_place
    tokens = tuple(str(token) for token in path)
    for depth in range(len(tokens), -1, -1):
        use = extracted.shared.get(tokens[:depth])
        if use is None:
            continue
        if depth == len(tokens) and key:
            return place, None  # the member's name is written in the call itself
        return use[0], place
    return place, None


class _Placer:
    """Places a request's findings (its locator), and remembers, for each finding placed at
    a call for a shared value, where that value is written (its related place)."""

    def __init__(self, extracted: Extracted) -> None:
        self.extracted = extracted
        self.written: dict[tuple[tuple[str, ...], int, int], Place] = {}

    def locate(self, requests: Sequence[Request]) -> list[Spot]:
        spots: list[Spot] = []
        for path, key in requests:
            place, written = _placed(self.extracted, path, key)
            if written is not None:
                self.written[(tuple(map(str, path)), place[1], place[2])] = written
            spots.append(((place[1], place[2]), None))
        return spots

    def cell_of(self, finding: Finding) -> int | None:
        """The cell a finding's position is in (a value bound in one cell, used in
        another)."""
        path = pointer_tokens(finding.pointer)
        for key in (True, False):
            place, _ = _placed(self.extracted, path, key)
            if (finding.line, finding.column) == place[1:]:
                return place[0]
        return _placed(self.extracted, path, False)[0][0]

    def related_of(self, finding: Finding) -> tuple[Related, ...]:
        """Where the shared value a finding at a call is about is written."""
        if finding.line is None or finding.column is None:
            return ()
        at = (pointer_tokens(finding.pointer), finding.line, finding.column)
        written = self.written.get(at)
        if written is None:
            return ()
        return (Related(written[1], written[2], SHARED_VALUE, written[0]),)


def _parts(extracted: Extracted) -> list[Part]:
    """The request, checked with each pipeline parameter at its default; then, for each
    other value a parameter's ``enum_values`` allows, the request with that value, of whose
    findings those naming the value are kept."""
    kind = version_kind(extracted.version)
    placer = _Placer(extracted)
    locate, cell_of = placer.locate, placer.cell_of
    related_of = placer.related_of if extracted.shared else None
    explain = _default_explainer(extracted.parameters) if extracted.parameters else None
    parts = [
        Part(
            extracted.data,
            kind,
            locate,
            cell_of=cell_of,
            related_of=related_of,
            explain=explain,
        )
    ]
    for path, parameter in extracted.parameters.items():
        for value in parameter.values:
            data = copy.deepcopy(extracted.data)
            if _replace(data, path, value):
                explained = _value_explainer(parameter, value)
                parts.append(Part(data, kind, locate, cell_of=cell_of, explain=explained))
    return parts


def _parameter_words(parameter: PipelineParameter, what: str) -> str:
    return f"{what} of pipeline parameter '{parameter.name}', line {parameter.place[1]}"


def _default_explainer(
    parameters: dict[Path, PipelineParameter],
) -> Callable[[Finding], Finding | None]:
    """Findings about a parameter's default say so: a run may pass another value."""

    def explain(finding: Finding) -> Finding | None:
        tokens = pointer_tokens(finding.pointer)
        words = "; ".join(
            _parameter_words(parameter, "the default")
            for path, parameter in sorted(parameters.items(), key=lambda item: item[1].place)
            if tokens[: len(path)] == path or _names(finding, path)
        )
        return replace(finding, message=f"{finding.message} ({words})") if words else finding

    return explain


def _names(finding: Finding, path: Path) -> bool:
    """A rule's finding about the member at ``path`` (an objective rule reports at the
    metric what the problem type decides)."""
    return bool(path) and f"{path[-1]} " in finding.message


def _value_explainer(
    parameter: PipelineParameter, value: Any
) -> Callable[[Finding], Finding | None]:
    quoted = f"'{value}'"

    def explain(finding: Finding) -> Finding | None:
        if quoted not in finding.message:
            return None  # found with the default too, or not about this value
        words = _parameter_words(parameter, f"{quoted}, one of the enum_values")
        return replace(finding, message=f"{finding.message} ({words})")

    return explain


def _replace(data: Any, path: Path, value: Any) -> bool:
    """Put ``value`` at ``path`` in ``data``; False when the path is not there."""
    here = data
    for token in path[:-1]:
        if isinstance(here, list) and token.isdigit() and int(token) < len(here):
            here = here[int(token)]
        elif isinstance(here, dict) and token in here:
            here = here[token]
        else:
            return False
    if isinstance(here, dict) and path[-1] in here:
        here[path[-1]] = value
        return True
    return False


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
        parts = [part for one in found for part in _parts(one)]
    except SyntaxError as raised:  # a .py file's (a notebook's cells are checked one by one)
        error = newer_syntax_error(raised, code)
        if error is None:
            message = newer_syntax_note(raised.msg)
            warning = Finding(
                "warning", Code.PARSE_ERROR, "", raised.lineno, raised.offset, message
            )
            return Contents(display, kind, None, (), (warning,))
        message = f"not valid Python: {error.msg}"[:200]
        raise LoadError(display, message, error.lineno, error.offset) from None
    except RecursionError:
        raise LoadError(display, "code nested too deeply to be read") from None
    problems += [_unread(chunk) for chunk in parsed if chunk.unread]
    problems += [_argument(place, why) for one in found for place, why in one.problems]
    return Contents(display, kind, None, tuple(parts), tuple(problems))
