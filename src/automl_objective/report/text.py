"""The text format: ``path:line:column: severity [code] message``, then a one-line summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from automl_objective.base.quoting import printable
from automl_objective.check.results import FileResult
from automl_objective.report.reporter import Reporter, location, summary

_COLOURS = {"error": "\033[31m", "warning": "\033[33m"}
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
            for finding in result.findings:
                where, severity = location(result.path, finding), str(finding.severity)
                if self.colour:
                    where = f"{_BOLD}{where}{_RESET}"
                    severity = f"{_COLOURS[severity]}{severity}{_RESET}"
                message = printable(finding.message + finding.related_words())
                out.write(f"{where}: {severity} [{finding.code}] {message}\n")
        out.write(summary(results) + "\n")
