"""A finding: what is wrong, where, in the user's terms; what every stage hands on and every
report shows."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # what they are to their users and the type checker
    from collections.abc import Iterable
    from dataclasses import dataclass as record
    from typing import Any

    from automl_objective.base import codes as _codes
else:  # the same, without importing dataclasses on start-up (see base/records.py)
    from automl_objective.base.records import ModuleOnFirstUse, record

    # A clean run never builds the codes' enum (its first finding does; 2.8 M instructions
    # of a cold ``validate``): Finding's annotations reach it through a module imported when
    # they are resolved (typing.get_type_hints), not by this import.
    _codes = ModuleOnFirstUse("automl_objective.base.codes")

__all__ = ["Finding", "Related", "json_pointer", "pointer_tokens"]


@record(frozen=True)
class Related:
    """Another place a finding concerns, in the same file: where a value shared by several
    calls is defined, when the finding is reported at the call it breaks."""

    line: int | None
    column: int | None
    message: str
    """What is there, in words a report puts before the place: ``value defined``."""
    cell: int | None = None
    """The notebook cell ``line`` is in (1-based); None elsewhere."""

    def __init__(
        self, line: int | None, column: int | None, message: str, cell: int | None = None
    ) -> None:
        setter = object.__setattr__
        setter(self, "line", line)
        setter(self, "column", column)
        setter(self, "message", message)
        setter(self, "cell", cell)

    def as_dict(self) -> dict[str, Any]:
        found = {"line": self.line, "column": self.column, "message": self.message}
        return found if self.cell is None else {**found, "cell": self.cell}

    def where(self) -> str:
        """``line 12`` (``cell 2, line 3`` in a notebook), for a one-line report."""
        place = f"line {self.line}" if self.line is not None else "an unknown line"
        return place if self.cell is None else f"cell {self.cell}, {place}"


@record(frozen=True)
class Finding:
    """One thing wrong (or worth a warning) in a file: its code, where (a JSON Pointer into
    the document, and the line and column it is written at) and the words a report shows."""

    severity: _codes.Severity
    code: _codes.Code
    pointer: str
    line: int | None
    column: int | None
    message: str
    cell: int | None = None
    """The notebook cell (1-based, counting every cell) that ``line`` is in; None elsewhere."""
    related: tuple[Related, ...] = ()
    """Other places it concerns (where the value it is about is defined)."""

    def __init__(
        self,
        severity: _codes.Severity,
        code: _codes.Code,
        pointer: str,
        line: int | None,
        column: int | None,
        message: str,
        cell: int | None = None,
        related: tuple[Related, ...] = (),
    ) -> None:
        # frozen: its fields written straight into its __dict__, in one call (a run builds
        # one finding per mistake; eight object.__setattr__ calls cost twice as much)
        self.__dict__.update(
            severity=severity,
            code=code,
            pointer=pointer,
            line=line,
            column=column,
            message=message,
            cell=cell,
            related=related,
        )

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "severity": self.severity,
            "code": self.code,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }
        if self.cell is not None:
            found["cell"] = self.cell
        if self.related:
            found["related"] = [related.as_dict() for related in self.related]
        return found

    def related_words(self) -> str:
        """`` (value defined at line 12)`` for each related place, as a one-line report
        appends them to the message ("" for none)."""
        return "".join(f" ({r.message} at {r.where()})" for r in self.related)


def json_pointer(path: Iterable[str | int]) -> str:
    tokens = [str(t) for t in path]
    joined = "/".join(tokens)
    if "~" not in joined and joined.count("/") == len(tokens) - 1:  # nothing to escape
        return "/" + joined if tokens else ""
    return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)


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
