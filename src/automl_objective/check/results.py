"""What checking a file comes to: its verdict, with the findings, for every stage above
to report."""

from __future__ import annotations

from automl_objective.base.finding import Finding, internal_error_message
from automl_objective.inputs.document import LoadError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:  # a dataclass to its users; see base/records.py
    from dataclasses import dataclass as record
    from dataclasses import field
else:
    from automl_objective.base.records import field, record

_NEW_LIST: Any = field(default_factory=list)


@record()
class FileResult:
    """The verdict on one document."""

    path: str
    findings: list[Finding] = _NEW_LIST
    kind: str | None = None
    skipped: str | None = None
    """Why the document was not checked (a caller may skip documents of no known kind)."""

    def __init__(
        self,
        path: str,
        findings: list[Finding] = _NEW_LIST,
        kind: str | None = None,
        skipped: str | None = None,
    ) -> None:
        self.path = path
        self.findings = [] if findings is _NEW_LIST else findings
        self.kind = kind
        self.skipped = skipped

    @property
    def valid(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def as_dict(self) -> dict[str, Any]:
        found = {
            "path": self.path,
            "valid": self.valid,
            "findings": [f.as_dict() for f in self.findings],
        }
        return found if self.skipped is None else {**found, "skipped": self.skipped}


def internal_error(error: BaseException) -> Finding:
    """A finding for a failure of the checker itself, in one bounded line."""
    message = internal_error_message(error, "checking")
    from automl_objective.base.codes import Code

    return Finding("error", Code.INTERNAL_ERROR, "", None, None, message)


def load_error_result(error: LoadError) -> FileResult:
    """A document that could not be read or parsed is invalid, with one finding that says why."""
    finding = Finding("error", error.code, "", error.line, error.column, error.message)
    return FileResult(error.path, [finding])
