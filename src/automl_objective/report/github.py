"""The GitHub format: workflow commands, so that findings show inline on a pull request."""

from __future__ import annotations

from automl_objective.base.quoting import printable
from automl_objective.check.results import FileResult
from automl_objective.report.reporter import FileLines, location


def _escape_data(text: str) -> str:
    """GitHub's escaping of a command's message (what its runner unescapes): after
    :func:`printable`, only ``%`` needs it; CR and LF are escaped all the same."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """GitHub's escaping of a property value: also ``:`` and ``,``, so that a file name
    cannot end the properties (``::``) or add one (``,line=1``)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(FileLines):
    """GitHub Actions workflow commands, so findings show inline on the pull request."""

    name = "github"

    def lines(self, result: FileResult) -> str:
        lines = []
        for finding in result.findings:
            properties = [f"file={_escape_property(printable(result.path))}"]
            message = printable(finding.message + finding.related_words())
            if finding.cell is not None:  # a cell's line is no line of the .ipynb file
                where = location("", finding).removeprefix(":")
                message = f"{where}: {message}"
            elif finding.line is not None:
                properties.append(f"line={finding.line}")
                if finding.column is not None:
                    properties.append(f"col={finding.column}")
            properties.append(f"title={_escape_property('automl-objective ' + finding.code)}")
            lines.append(f"::{finding.severity} {','.join(properties)}::{_escape_data(message)}\n")
        return "".join(lines)
