"""Findings as LSP diagnostics: the same code, message and severity, at the same place, in
the editor's position units, spanning the value the finding is about."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types

from automl_objective.api import FileResult, Finding
from automl_objective.lsp.checked_units import Part, Unit
from automl_objective.lsp.ipynb_places import NotebookText
from automl_objective.lsp.text_units import Lines
from automl_objective.lsp.value_spans import PYTHON, value_span

SOURCE = "automl-objective"
_SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}


@dataclass(frozen=True)
class Placed:
    """A finding and the offsets of what it is about in its part's text."""

    finding: Finding
    start: int
    end: int


def _span(text: str, offset: int, language: str, finding: Finding) -> tuple[int, int]:
    """The value at the finding's place; for a finding without a column, its line."""
    lines = Lines(text)
    if finding.column is None:
        index = min(max((finding.line or 1) - 1, 0), len(lines.starts) - 1)
        return lines.starts[index], lines.line_end(index)
    span = value_span(text, offset, language)
    return (offset, span.end) if span is not None else (offset, offset)


def _in_notebook_text(part: Part, finding: Finding, notebook: NotebookText) -> Placed:
    """A cell's finding, in the notebook's JSON text (opened as text, not as a notebook)."""
    cell = finding.cell or 0
    if not 1 <= cell <= len(notebook.cells):
        return Placed(finding, 0, 0)
    source = notebook.source(cell)
    start = Lines(source).offset(finding.line, finding.column)
    start, end = _span(source, start, PYTHON, finding)
    raw_start = notebook.offset(cell, start)
    raw_end = notebook.offset(cell, end)
    if raw_start is None or raw_end is None:
        return Placed(finding, 0, 0)
    return Placed(finding, raw_start, raw_end)


def _placed(part: Part, finding: Finding) -> Placed:
    offset = Lines(part.text).offset(finding.line, finding.column)
    return Placed(finding, *_span(part.text, offset, part.language, finding))


def placed_findings(unit: Unit, result: FileResult) -> dict[str, list[Placed]]:
    """Each part's findings, placed; every part is listed (no findings: an empty list)."""
    placed: dict[str, list[Placed]] = {part.uri: [] for part in unit.parts}
    notebook_text = None
    for finding in result.findings:
        if unit.notebook:
            index = (finding.cell or 1) - 1
            part = unit.parts[index] if 0 <= index < len(unit.parts) else unit.parts[0]
            placed[part.uri].append(_placed(part, finding))
        elif finding.cell is not None:  # a .ipynb opened as text
            notebook_text = notebook_text or NotebookText(unit.text)
            placed[unit.key].append(_in_notebook_text(unit.parts[0], finding, notebook_text))
        else:
            placed[unit.key].append(_placed(unit.parts[0], finding))
    return placed


def related_information(finding: Finding) -> list[types.DiagnosticRelatedInformation] | None:
    """The other places a finding names. Findings carry none yet: the hook where they will
    be turned into related locations once they do."""
    return None


def diagnostic(placed: Placed, lines: Lines) -> types.Diagnostic:
    finding = placed.finding
    return types.Diagnostic(
        range=types.Range(lines.position(placed.start), lines.position(placed.end)),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.code,
        source=SOURCE,
        related_information=related_information(finding),
        data={"pointer": finding.pointer, "cell": finding.cell},
    )


def diagnostics(part: Part, placed: list[Placed], encoding: str) -> list[types.Diagnostic]:
    lines = Lines(part.text, encoding)
    return [diagnostic(item, lines) for item in placed]
