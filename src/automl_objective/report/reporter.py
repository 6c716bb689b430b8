"""What every output format of ``validate`` shares: the interface, where a finding is
(``path:line:column``; ``path:cell N:line:column`` in a notebook) and the summary line. The
formats are registered by name in :data:`automl_objective.report.REPORTERS`."""

from __future__ import annotations

from automl_objective.base.finding import Finding
from automl_objective.base.quoting import printable
from automl_objective.check.results import FileResult

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import ClassVar, TextIO


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


Counts = tuple[int, int, int, int, int]
"""A run's files, invalid files, errors, warnings and skipped files (:func:`counts`)."""


def counts(results: Sequence[FileResult]) -> Counts:
    """What the summary line says of ``results``, counted in one pass (a file is invalid
    when it has an error); the counts of a run cut in parts are the parts' added up."""
    invalid = errors = warnings = skipped = 0
    for result in results:
        skipped += result.skipped is not None
        if result.findings:
            severities = [finding.severity for finding in result.findings]
            found = severities.count("error")
            errors += found
            invalid += found > 0
            warnings += severities.count("warning")
    return len(results), invalid, errors, warnings, skipped


def summary(results: Sequence[FileResult]) -> str:
    """``N files checked: V valid, I invalid (E errors, W warnings)``."""
    return summary_of(counts(results))


def summary_of(counted: Counts) -> str:
    """The summary line of a run's :func:`counts`."""
    files, invalid, errors, warnings, skipped = counted
    named = "file" if files == 1 else "files"
    also = f", {skipped} skipped as none of the known kinds" if skipped else ""
    return (
        f"{files} {named} checked: {files - invalid - skipped} valid, "
        f"{invalid} invalid{also} "
        f"({errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)})"
    )


Digest = tuple[str, Counts]
"""The lines of a run of files in a :class:`FileLines` format, and their counts."""


class FileLines(Reporter):
    """A format whose output is each file's lines, then the summary line: the lines of a
    run of files can be made where they were checked (:meth:`digest`, in a forked worker),
    and the report written from those alone (:meth:`write`)."""

    def lines(self, result: FileResult) -> str:
        """The lines of one file's findings ("" for none)."""
        raise NotImplementedError

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        for result in results:
            if result.findings:
                out.write(self.lines(result))  # one write a file: a reader that left is seen
        out.write(summary(results) + "\n")

    def digest(self, sources: Sequence[object], results: Sequence[FileResult]) -> Digest:
        """The lines of ``results`` and their counts (``sources``, the files they are of, are
        not read: the digest of :func:`automl_objective.api.digest_sources`)."""
        text = "".join([self.lines(result) for result in results if result.findings])
        return text, counts(results)

    def write(self, digests: Sequence[Digest], out: TextIO) -> Counts:
        """The report of a run from the digests of its parts, in order: the same text as
        :meth:`report` of their results. Returns the run's counts."""
        files = invalid = errors = warnings = skipped = 0
        for text, (files_, invalid_, errors_, warnings_, skipped_) in digests:
            if text:
                out.write(text)
            files, invalid, errors = files + files_, invalid + invalid_, errors + errors_
            warnings, skipped = warnings + warnings_, skipped + skipped_
        run = (files, invalid, errors, warnings, skipped)
        out.write(summary_of(run) + "\n")
        return run
