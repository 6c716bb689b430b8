"""Findings as LSP diagnostics: the same code, message and severity, at the same place, in
the editor's position units, spanning the value the finding is about; the other places a
finding names (its ``related``: where a shared value is defined) as related information."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from lsprotocol import types

from automl_objective.api import FileResult, Finding
from automl_objective.lsp.checked_units import Part, Unit
from automl_objective.lsp.ipynb_places import NotebookText
from automl_objective.lsp.text_units import Lines
from automl_objective.lsp.value_spans import PYTHON, value_span

SOURCE = "automl-objective"
_SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}


@dataclass(frozen=True)
class Elsewhere:
    """A related place of a finding, placed: offsets in the text of the part ``uri``."""

    uri: str
    start: int
    end: int
    message: str


@dataclass(frozen=True)
class Placed:
    """A finding and the offsets of what it is about in its part's text."""

    finding: Finding
    start: int
    end: int
    related: tuple[Elsewhere, ...] = ()


class Place(Protocol):
    """A finding's place or one of its related places: a 1-based line and column (and cell)."""

    @property
    def line(self) -> int | None: ...
    @property
    def column(self) -> int | None: ...
    @property
    def cell(self) -> int | None: ...


def _span(text: str, place: Place, language: str, lines: Lines | None = None) -> tuple[int, int]:
    """The value at a place; for a place without a column, its line (``lines``: the
    text's, if they are at hand)."""
    lines = lines or Lines(text)
    if place.column is None:
        index = min(max((place.line or 1) - 1, 0), len(lines.starts) - 1)
        return lines.starts[index], lines.line_end(index)
    offset = lines.offset(place.line, place.column)
    span = value_span(text, offset, language)
    return (offset, span.end) if span is not None else (offset, offset)


class _Where:
    """Where the places of one unit's findings are, in the texts of its parts."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.notebook_text: NotebookText | None = None
        """The JSON text of a notebook opened as text, read at its first cell's place."""
        self.lines: dict[str, Lines] = {}
        """Each part's lines, counted once for all the places in it."""

    def part(self, place: Place) -> Part:
        """The part a place is shown in: its cell in a notebook, else the document."""
        parts = self.unit.parts
        if not self.unit.notebook:
            return parts[0]
        index = (place.cell or 1) - 1
        return parts[index] if 0 <= index < len(parts) else parts[0]

    def span(self, place: Place) -> tuple[str, int, int]:
        """The part's URI and the offsets of the value at ``place`` in its text."""
        part = self.part(place)
        if not self.unit.notebook and place.cell is not None:  # a .ipynb opened as text
            self.notebook_text = self.notebook_text or NotebookText(self.unit.text)
            return part.uri, *self._in_notebook_text(place, self.notebook_text)
        lines = self.lines.get(part.uri)
        if lines is None:
            lines = self.lines[part.uri] = Lines(part.text)
        return part.uri, *_span(part.text, place, part.language, lines)

    @staticmethod
    def _in_notebook_text(place: Place, notebook: NotebookText) -> tuple[int, int]:
        """A cell's place, in the notebook's JSON text (opened as text, not as a notebook)."""
        cell = place.cell or 0
        if not 1 <= cell <= len(notebook.cells):
            return 0, 0
        start, end = _span(notebook.source(cell), place, PYTHON)
        raw_start, raw_end = notebook.offset(cell, start), notebook.offset(cell, end)
        if raw_start is None or raw_end is None:
            return 0, 0
        return raw_start, raw_end


def placed_findings(unit: Unit, result: FileResult) -> dict[str, list[Placed]]:
    """Each part's findings, placed; every part is listed (no findings: an empty list)."""
    placed: dict[str, list[Placed]] = {part.uri: [] for part in unit.parts}
    where = _Where(unit)
    for finding in result.findings:
        uri, start, end = where.span(finding)
        related = tuple(Elsewhere(*where.span(other), other.message) for other in finding.related)
        placed[uri].append(Placed(finding, start, end, related))
    return placed


LinesOf = Callable[[str], Lines | None]
"""The lines of a part of the unit, by its URI (None: not a part of it)."""


def related_information(
    placed: Placed, lines_of: LinesOf | None
) -> list[types.DiagnosticRelatedInformation] | None:
    """The other places a finding names, where the client shows them (``lines_of`` given)."""
    if lines_of is None or not placed.related:
        return None
    found = []
    for other in placed.related:
        lines = lines_of(other.uri)
        if lines is not None:
            where = types.Range(lines.position(other.start), lines.position(other.end))
            found.append(
                types.DiagnosticRelatedInformation(types.Location(other.uri, where), other.message)
            )
    return found or None


def diagnostic(placed: Placed, lines: Lines, lines_of: LinesOf | None = None) -> types.Diagnostic:
    finding = placed.finding
    return types.Diagnostic(
        range=types.Range(lines.position(placed.start), lines.position(placed.end)),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.code,
        source=SOURCE,
        related_information=related_information(placed, lines_of),
        data={"pointer": finding.pointer, "cell": finding.cell},
    )


def diagnostics(
    unit: Unit, part: Part, placed: list[Placed], encoding: str, related: bool
) -> list[types.Diagnostic]:
    """A part's diagnostics; with ``related`` (the client shows related information), each
    with the places its finding names, in the unit's parts."""
    texts = {other.uri: other.text for other in unit.parts}
    cache: dict[str, Lines] = {}

    def lines_of(uri: str) -> Lines | None:
        if uri not in cache and uri in texts:
            cache[uri] = Lines(texts[uri], encoding)
        return cache.get(uri)

    lines = lines_of(part.uri) or Lines(part.text, encoding)
    return [diagnostic(item, lines, lines_of if related else None) for item in placed]
