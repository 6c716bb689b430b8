"""The JUnit XML format, for CI systems that show test reports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from automl_objective.base.quoting import printable
from automl_objective.check.results import FileResult
from automl_objective.report.reporter import Reporter, finding_line


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
                severity: [
                    finding_line(result.path, f) for f in result.findings if f.severity == severity
                ]
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
