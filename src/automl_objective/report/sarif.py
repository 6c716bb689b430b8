"""The SARIF 2.1.0 format, so that code scanning shows the findings inline."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from automl_objective.base.finding import Related
from automl_objective.base.quoting import printable
from automl_objective.check.results import FileResult
from automl_objective.report.indented_json import write_printable
from automl_objective.report.reporter import Reporter

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class SarifReporter(Reporter):
    """SARIF 2.1.0, so that code scanning shows the findings inline."""

    name = "sarif"

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        from automl_objective import __version__

        used = sorted({f.code for r in results for f in r.findings})
        rules = [{"id": code, "shortDescription": {"text": code.description}} for code in used]
        index = {code: at for at, code in enumerate(used)}
        findings = []
        for result in results:
            uri = _uri(result.path) if result.findings else ""  # once a file
            for finding in result.findings:
                location = _physical(result.path, finding.line, finding.column, uri)
                entry: dict[str, object] = {
                    "ruleId": finding.code,
                    "ruleIndex": index[finding.code],
                    "level": finding.severity,
                    "message": {"text": printable(finding.message)},
                    "locations": [{"physicalLocation": location}],
                }
                if finding.related:
                    entry["relatedLocations"] = _related(result.path, finding.related)
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
        write_printable(log, out)
        out.write("\n")


def _uri(path: str) -> str:
    """The file's artifactLocation URI: its path percent-encoded, with forward slashes."""
    from urllib.parse import quote

    return quote(_path_bytes(path.replace("\\", "/")))


def _physical(
    path: str, line: int | None, column: int | None, uri: str | None = None
) -> dict[str, object]:
    """A SARIF physicalLocation: the file (``uri``, when already made from ``path``), and the
    place in it when known."""
    location: dict[str, object] = {"artifactLocation": {"uri": _uri(path) if uri is None else uri}}
    if line is not None:
        location["region"] = {"startLine": line, "startColumn": column or 1}
    return location


def _related(path: str, related: Sequence[Related]) -> list[dict[str, object]]:
    """SARIF relatedLocations: each with its id and what is there (a notebook cell's line
    is the cell's own, said in its properties as a result's is)."""
    found: list[dict[str, object]] = []
    for index, place in enumerate(related):
        entry: dict[str, object] = {
            "id": index,
            "physicalLocation": _physical(path, place.line, place.column),
            "message": {"text": printable(place.message)},
        }
        if place.cell is not None:
            entry["properties"] = {"cell": place.cell}
        found.append(entry)
    return found


def _path_bytes(path: str) -> bytes:
    """The bytes of a file name as the system gave them (Python holds a byte that is not
    UTF-8 as a surrogate escape), for percent-encoding into a URI."""
    try:
        return os.fsencode(path)
    except UnicodeError:  # a lone surrogate that no byte stands for
        return path.encode("utf-8", "backslashreplace")
