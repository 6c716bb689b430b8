"""Output formats for validation results, one small class each behind one interface."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import ClassVar, TextIO

from automl_objective.base.finding import Finding
from automl_objective.base.quoting import printable, printable_data
from automl_objective.check.results import FileResult


class Reporter:
    """Writes the results of one run to a stream."""

    name: ClassVar[str]

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        raise NotImplementedError


def _location(path: str, finding: Finding) -> str:
    """``path:line:column`` (the path made printable); no part that is not known. In a
    notebook, ``path:cell N:line:column``, as ruff says it."""
    where = printable(path)
    if finding.cell is not None:
        where += f":cell {finding.cell}"
    if finding.line is not None:
        where += f":{finding.line}"
        if finding.column is not None:
            where += f":{finding.column}"
    return where


def _line(path: str, finding: Finding) -> str:
    message = printable(finding.message)
    return f"{_location(path, finding)}: {finding.severity} [{finding.code}] {message}"


def summary(results: Sequence[FileResult]) -> str:
    invalid = sum(not r.valid for r in results)
    errors = sum(f.severity == "error" for r in results for f in r.findings)
    warnings = sum(f.severity == "warning" for r in results for f in r.findings)
    skipped = sum(r.skipped is not None for r in results)
    files = "file" if len(results) == 1 else "files"
    also = f", {skipped} skipped as none of the known kinds" if skipped else ""
    return (
        f"{len(results)} {files} checked: {len(results) - invalid - skipped} valid, "
        f"{invalid} invalid{also} "
        f"({errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)})"
    )


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
                location, severity = _location(result.path, finding), str(finding.severity)
                if self.colour:
                    location = f"{_BOLD}{location}{_RESET}"
                    severity = f"{_COLOURS[severity]}{severity}{_RESET}"
                message = printable(finding.message)
                out.write(f"{location}: {severity} [{finding.code}] {message}\n")
        out.write(summary(results) + "\n")


class JsonReporter(Reporter):
    """One JSON object: ``{"valid": bool, "files": [...]}`` (field names are stable).

    Paths, pointers and messages are shown as every format shows them (:func:`printable`):
    a file name that is not UTF-8 is ``\\xNN``, never a lone surrogate, so the output is
    I-JSON (RFC 7493) that any JSON parser reads.
    """

    name = "json"

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        document = {
            "valid": all(r.valid for r in results),
            "files": [r.as_dict() for r in results],
        }
        out.write(json.dumps(printable_data(document), indent=2) + "\n")


def _escape_data(text: str) -> str:
    """GitHub's escaping of a command's message (what its runner unescapes): after
    :func:`printable`, only ``%`` needs it; CR and LF are escaped all the same."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """GitHub's escaping of a property value: also ``:`` and ``,``, so that a file name
    cannot end the properties (``::``) or add one (``,line=1``)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands, so findings show inline on the pull request."""

    name = "github"

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        for result in results:
            for finding in result.findings:
                properties = [f"file={_escape_property(printable(result.path))}"]
                message = printable(finding.message)
                if finding.cell is not None:  # a cell's line is no line of the .ipynb file
                    where = _location("", finding).removeprefix(":")
                    message = f"{where}: {message}"
                elif finding.line is not None:
                    properties.append(f"line={finding.line}")
                    if finding.column is not None:
                        properties.append(f"col={finding.column}")
                properties.append(f"title={_escape_property('automl-objective ' + finding.code)}")
                out.write(f"::{finding.severity} {','.join(properties)}::{_escape_data(message)}\n")
        out.write(summary(results) + "\n")


class JunitReporter(Reporter):
    """JUnit XML: one test case per file, failed when the file is invalid; warnings go to the
    case's system-out."""

    name = "junit"

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        from xml.etree import ElementTree

        failures = sum(not r.valid for r in results)
        counts = {"tests": str(len(results)), "failures": str(failures), "errors": "0"}
        root = ElementTree.Element("testsuites", {"name": "automl-objective", **counts})
        skipped = str(sum(r.skipped is not None for r in results))
        suite = ElementTree.SubElement(
            root, "testsuite", {"name": "automl-objective validate", "skipped": skipped, **counts}
        )
        for result in results:
            case = ElementTree.SubElement(
                suite, "testcase", classname="automl-objective", name=printable(result.path)
            )
            if result.skipped is not None:
                ElementTree.SubElement(case, "skipped", message=printable(result.skipped))
            lines = {
                severity: [_line(result.path, f) for f in result.findings if f.severity == severity]
                for severity in ("error", "warning")
            }
            if lines["error"]:
                first = next(f for f in result.findings if f.severity == "error")
                failure = ElementTree.SubElement(
                    case, "failure", type=first.code, message=printable(first.message)
                )
                failure.text = "\n".join(lines["error"])
            if lines["warning"]:
                ElementTree.SubElement(case, "system-out").text = "\n".join(lines["warning"])
        ElementTree.indent(root)
        out.write('<?xml version="1.0" encoding="utf-8"?>\n')
        out.write(ElementTree.tostring(root, encoding="unicode") + "\n")


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class SarifReporter(Reporter):
    """SARIF 2.1.0, so that code scanning shows the findings inline."""

    name = "sarif"

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        from urllib.parse import quote

        from automl_objective import __version__

        used = sorted({f.code for r in results for f in r.findings})
        rules = [{"id": code, "shortDescription": {"text": code.description}} for code in used]
        findings = []
        for result in results:
            for finding in result.findings:
                location: dict[str, object] = {
                    "artifactLocation": {"uri": quote(_path_bytes(result.path.replace("\\", "/")))}
                }
                if finding.line is not None:
                    location["region"] = {
                        "startLine": finding.line,
                        "startColumn": finding.column or 1,
                    }
                entry: dict[str, object] = {
                    "ruleId": finding.code,
                    "ruleIndex": used.index(finding.code),
                    "level": finding.severity,
                    "message": {"text": printable(finding.message)},
                    "locations": [{"physicalLocation": location}],
                }
                if finding.cell is not None:  # the line is the cell's own line
                    entry["properties"] = {"cell": finding.cell}
                findings.append(entry)
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "automl-objective",
                            "version": __version__,
                            "rules": rules,
                        }
                    },
                    "results": findings,
                }
            ],
        }
        out.write(json.dumps(printable_data(log), indent=2) + "\n")


def _path_bytes(path: str) -> bytes:
    """The bytes of a file name as the system gave them (Python holds a byte that is not
    UTF-8 as a surrogate escape), for percent-encoding into a URI."""
    try:
        return os.fsencode(path)
    except UnicodeError:  # a lone surrogate that no byte stands for
        return path.encode("utf-8", "backslashreplace")


REPORTERS: dict[str, type[Reporter]] = {
    cls.name: cls
    for cls in (TextReporter, JsonReporter, GithubReporter, JunitReporter, SarifReporter)
}
