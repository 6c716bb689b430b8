"""Check the requests held inside another file (Python code, a notebook, a pipeline
definition, a state machine), each as a document of its own, and report them as one file.

The engine is not changed: each request is a
:class:`~automl_objective.inputs.document.Document` whose locator maps the request's paths to
where they are written in the outer file; the findings come back with their pointers into the
outer document, and their notebook cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from automl_objective.base.codes import Code
from automl_objective.base.finding import Finding, json_pointer
from automl_objective.check.checker import Checker
from automl_objective.check.results import FileResult
from automl_objective.inputs.document import Document, Locator

FRAGMENT_KINDS = {"v1": "create-auto-ml-job", "v2": "create-auto-ml-job-v2"}
"""What a partial request is checked as: the objective rules only."""
WHOLE_KINDS = {"v1": "create-auto-ml-job-request", "v2": "create-auto-ml-job-v2-request"}
"""What a request known in full is checked as: AWS's whole shape too."""

ABSENCE_CODES = frozenset({Code.MISSING_MEMBER, Code.INCOMPLETE_PAIR, Code.PROBLEM_TYPE_CONFIG})
"""Findings about a member that is not there: in a partial request the member may well be
there at run time (it was left out as dynamic), so these are not reported."""


@dataclass
class Part:
    """One request inside a file."""

    data: dict[str, Any]
    kind: str
    locator: Locator
    partial: bool
    """Members were left out (dynamic): findings about absent members are not reported."""
    prefix: tuple[str | int, ...] = ()
    """The request's path in the outer document (its pointers are reported from there)."""
    cell_of: Callable[[Finding], int | None] | None = None


def version_kind(version: str, complete: bool) -> str:
    return (WHOLE_KINDS if complete else FRAGMENT_KINDS)[version]


def check_parts(
    checker: Checker,
    path: str,
    parts: Sequence[Part],
    kind: str,
    *,
    strict: bool = False,
    extra: Sequence[Finding] = (),
) -> FileResult:
    """One result for a file holding ``parts``; ``extra`` are findings about the file itself
    (a notebook cell that is not Python, say)."""
    findings = list(extra)
    for part in parts:
        document = Document(path, part.data, "", "json", part.locator)
        result = checker.validate(document, kind=part.kind, strict=strict)
        prefix = json_pointer(part.prefix)
        for finding in result.findings:
            if part.partial and finding.code in ABSENCE_CODES:
                continue
            cell = part.cell_of(finding) if part.cell_of is not None else None
            findings.append(replace(finding, pointer=prefix + finding.pointer, cell=cell))
    findings.sort(key=lambda f: (f.cell or 0, f.line or 0, f.column or 0, f.code))
    return FileResult(path, findings, kind)
