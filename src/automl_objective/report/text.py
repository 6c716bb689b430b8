"""The text format: ``path:line:column: severity [code] message``, then a one-line summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from automl_objective.base.quoting import printable
from automl_objective.check.results import FileResult
from automl_objective.report.reporter import Reporter, location, summary

_COLOURS = {"error": "\033[31m", "warning": "\033[33m"}
MAX_REMEMBERED = 2_048
"""Messages remembered as made printable, each of at most :data:`REMEMBERED_LENGTH`
characters (a megabyte at most); the memory is emptied when full."""
REMEMBERED_LENGTH = 512
_PRINTABLE: dict[str, str] = {}
"""Each message as :func:`printable` makes it, across the files of a run: documents that
make the same mistake get the same words (the same string objects, from the wording's
memory), and scanning a message costs more than looking it up."""
_BOLD, _RESET = "\033[1m", "\033[0m"


class TextReporter(Reporter):
    """``path:line:column: severity [code] message``, then a one-line summary.

    With ``colour``, the location is bold and the severity red or yellow; the text is the same.
    """

    name = "text"

    def __init__(self, colour: bool = False) -> None:
        self.colour = colour

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        for result in results:
            if result.findings:
                out.write(self._lines(result))  # one write a file: a reader that left is seen
        out.write(summary(results) + "\n")

    def _lines(self, result: FileResult) -> str:
        shown_path = printable(result.path)  # once a file, not once a finding
        shown = _PRINTABLE
        lines = []
        colour = self.colour
        for finding in result.findings:
            said = finding.message + finding.related_words() if finding.related else finding.message
            words = shown.get(said)
            if words is None:
                words = printable(said)
                if len(said) <= REMEMBERED_LENGTH:
                    if len(shown) >= MAX_REMEMBERED:
                        shown.clear()
                    shown[said] = words
            line, column = finding.line, finding.column
            if line is not None and column is not None and finding.cell is None and not colour:
                # the common line, in one piece: what location() and the branch below write
                lines.append(
                    f"{shown_path}:{line}:{column}: {finding.severity} [{finding.code}] {words}\n"
                )
                continue
            where, severity = location(result.path, finding, shown_path), str(finding.severity)
            if colour:
                where = f"{_BOLD}{where}{_RESET}"
                severity = f"{_COLOURS[severity]}{severity}{_RESET}"
            lines.append(f"{where}: {severity} [{finding.code}] {words}\n")
        return "".join(lines)
