"""What every output format of ``validate`` shares: the interface, where a finding is
(``path:line:column``; ``path:cell N:line:column`` in a notebook) and the summary line. The
formats are registered by name in :data:`automl_objective.report.REPORTERS`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, TextIO

from automl_objective.base.finding import Finding
from automl_objective.base.quoting import printable
from automl_objective.check.results import FileResult


class Reporter:
    """Writes the results of one run to a stream."""

    name: ClassVar[str]

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        raise NotImplementedError


def location(path: str, finding: Finding, shown_path: str | None = None) -> str:
    """``path:line:column`` (the path made printable, or as ``shown_path`` already shows
    it); no part that is not known. In a notebook, ``path:cell N:line:column``, as ruff
    says it."""
    where = printable(path) if shown_path is None else shown_path
    if finding.cell is not None:
        where += f":cell {finding.cell}"
    if finding.line is not None:
        where += f":{finding.line}"
        if finding.column is not None:
            where += f":{finding.column}"
    return where


def finding_line(path: str, finding: Finding) -> str:
    """The text format's line for a finding, its related places said after the message."""
    message = printable(finding.message + finding.related_words())
    return f"{location(path, finding)}: {finding.severity} [{finding.code}] {message}"


def summary(results: Sequence[FileResult]) -> str:
    """``N files checked: V valid, I invalid (E errors, W warnings)``: counted in one pass
    over the results (a file is invalid when it has an error)."""
    invalid = errors = warnings = skipped = 0
    for result in results:
        skipped += result.skipped is not None
        if result.findings:
            severities = [finding.severity for finding in result.findings]
            found = severities.count("error")
            errors += found
            invalid += found > 0
            warnings += severities.count("warning")
    files = "file" if len(results) == 1 else "files"
    also = f", {skipped} skipped as none of the known kinds" if skipped else ""
    return (
        f"{len(results)} {files} checked: {len(results) - invalid - skipped} valid, "
        f"{invalid} invalid{also} "
        f"({errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)})"
    )
