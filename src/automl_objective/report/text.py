"""The text format: ``path:line:column: severity [code] message``, then a one-line summary."""

from __future__ import annotations

from automl_objective.base.quoting import printable
from automl_objective.check.results import FileResult
from automl_objective.report.reporter import FileLines, location

_COLOURS = {"error": "\033[31m", "warning": "\033[33m"}
MAX_REMEMBERED = 2_048
"""Messages remembered as made printable, each of at most :data:`REMEMBERED_LENGTH`
characters (a megabyte at most); the memory is emptied when full."""
REMEMBERED_LENGTH = 512
_PRINTABLE: dict[str, tuple[str, str, str, str]] = {}
"""Each message as :func:`printable` makes it, across the files of a run: documents that
make the same mistake get the same words (the same string objects, from the wording's
memory), and scanning a message costs more than looking it up. With it, the severity and
code it was last shown with and the end of its line, `` error [code] words``: formatting
the code (an enum member) and joining the pieces cost more than looking them up (the 5 MB
file's 10,001 lines share one)."""
_BOLD, _RESET = "\033[1m", "\033[0m"


class TextReporter(FileLines):
    """``path:line:column: severity [code] message``, then a one-line summary.

    With ``colour``, the location is bold and the severity red or yellow; the text is the same.
    """

    name = "text"

    def __init__(self, colour: bool = False) -> None:
        self.colour = colour

    def lines(self, result: FileResult) -> str:
        shown_path = printable(result.path)  # once a file, not once a finding
        shown = _PRINTABLE
        lines = []
        colour = self.colour
        for finding in result.findings:
            said = finding.message + finding.related_words() if finding.related else finding.message
            known = shown.get(said)
            severity, code = finding.severity, finding.code
            if known is None or known[1] != severity or known[2] != code:
                words = printable(said) if known is None else known[0]
                known = (words, severity, code, f" {severity} [{code}] {words}\n")
                if len(said) <= REMEMBERED_LENGTH:
                    if len(shown) >= MAX_REMEMBERED:
                        shown.clear()
                    shown[said] = known
            line, column = finding.line, finding.column
            if line is not None and column is not None and finding.cell is None and not colour:
                # the common line, in one piece: what location() and the branch below write
                lines.append(f"{shown_path}:{line}:{column}:{known[3]}")
                continue
            words = known[0]
            where, grade = location(result.path, finding, shown_path), str(severity)
            if colour:
                where = f"{_BOLD}{where}{_RESET}"
                grade = f"{_COLOURS[grade]}{grade}{_RESET}"
            lines.append(f"{where}: {grade} [{code}] {words}\n")
        return "".join(lines)
