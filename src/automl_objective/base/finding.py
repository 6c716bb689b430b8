"""A finding: what is wrong, where, in the user's terms; what every stage hands on and every
report shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from automl_objective.base.codes import Code, Severity

__all__ = ["Finding", "Severity", "json_pointer", "pointer_tokens"]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: Code
    pointer: str
    line: int | None
    column: int | None
    message: str
    cell: int | None = None
    """The notebook cell (1-based, counting every cell) that ``line`` is in; None elsewhere."""

    def as_dict(self) -> dict[str, Any]:
        found = {
            "severity": self.severity,
            "code": self.code,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }
        return found if self.cell is None else {**found, "cell": self.cell}


def json_pointer(path: Iterable[str | int]) -> str:
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in path)


def pointer_tokens(pointer: str) -> tuple[str, ...]:
    """The tokens of a JSON Pointer (the inverse of :func:`json_pointer`, as strings)."""
    if not pointer:
        return ()
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/"))


def internal_error_message(error: BaseException, doing: str) -> str:
    """The one line of an ``internal-error`` finding: a bug of ours while ``doing`` (reading or
    checking) this file, never the user's fault; bounded, whatever the error says."""
    detail = " ".join(str(error).split())[:200]
    also = "; the other files are checked as usual" if doing == "checking" else ""
    return (
        f"internal error while {doing} this file ({type(error).__name__}: {detail}){also}; "
        "please report it"
    )
