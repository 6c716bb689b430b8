"""Output formats for validation results, one small class each behind one interface."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import ClassVar, TextIO

from automl_objective.findings import Finding
from automl_objective.validation import FileResult


class Reporter:
    """Writes the results of one run to a stream."""

    name: ClassVar[str]

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        raise NotImplementedError


def _location(path: str, finding: Finding) -> str:
    if finding.line is None:
        return path
    return f"{path}:{finding.line}:{finding.column}"


def summary(results: Sequence[FileResult]) -> str:
    invalid = sum(not r.valid for r in results)
    errors = sum(f.severity == "error" for r in results for f in r.findings)
    warnings = sum(f.severity == "warning" for r in results for f in r.findings)
    files = "file" if len(results) == 1 else "files"
    return (
        f"{len(results)} {files} checked: {len(results) - invalid} valid, {invalid} invalid "
        f"({errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)})"
    )


class TextReporter(Reporter):
    """``path:line:column: severity [code] message``, then a one-line summary."""

    name = "text"

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        for result in results:
            for finding in result.findings:
                out.write(
                    f"{_location(result.path, finding)}: {finding.severity} "
                    f"[{finding.code}] {finding.message}\n"
                )
        out.write(summary(results) + "\n")


class JsonReporter(Reporter):
    """One JSON object: ``{"valid": bool, "files": [...]}`` (field names are stable)."""

    name = "json"

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        document = {
            "valid": all(r.valid for r in results),
            "files": [r.as_dict() for r in results],
        }
        out.write(json.dumps(document, indent=2) + "\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands, so findings show inline on the pull request."""

    name = "github"

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        for result in results:
            for finding in result.findings:
                properties = [f"file={_escape_property(result.path)}"]
                if finding.line is not None:
                    properties.append(f"line={finding.line}")
                    properties.append(f"col={finding.column}")
                properties.append(f"title={_escape_property('automl-objective ' + finding.code)}")
                out.write(
                    f"::{finding.severity} {','.join(properties)}::"
                    f"{_escape_data(finding.message)}\n"
                )
        out.write(summary(results) + "\n")


REPORTERS: dict[str, type[Reporter]] = {
    cls.name: cls for cls in (TextReporter, JsonReporter, GithubReporter)
}
