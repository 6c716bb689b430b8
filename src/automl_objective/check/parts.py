"""Check what a file holds: one request document, checked whole, or the requests held
inside it (Python code, a notebook, a pipeline definition, a state machine), each as a
document of its own, reported as one file.

The engine is not changed: each request is a
:class:`~automl_objective.inputs.document.Document` whose locator maps the request's paths to
where they are written in the outer file; the findings come back with their pointers into the
outer document, and their notebook cell.
"""

from __future__ import annotations

from automl_objective.base.finding import Finding, json_pointer, pointer_tokens
from automl_objective.check.checker import Checker
from automl_objective.check.results import FileResult
from automl_objective.inputs.document import Contents, Document, Part
from automl_objective.inputs.positions import Position

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Hashable, Sequence

    from automl_objective.check.placeholders import Placeholders


def check_parts(
    checker: Checker,
    path: str,
    parts: Sequence[Part],
    kind: str,
    *,
    strict: bool = False,
    extra: Sequence[Finding] = (),
    placeholders: Placeholders = "report",
) -> FileResult:
    """One result for a file holding ``parts``; ``extra`` are findings about the file itself
    (a notebook cell that is not Python, say)."""
    findings = list(extra)
    checked: dict[Hashable, tuple[Position, list[Finding]]] = {}
    for part in parts:
        prefix = json_pointer(part.prefix)
        for finding in _validated(checker, path, part, checked, strict, placeholders):
            if part.explain is not None:
                explained = part.explain(finding)
                if explained is None:
                    continue
                finding = explained
            cell = part.cell_of(finding) if part.cell_of is not None else None
            related = part.related_of(finding) if part.related_of is not None else ()
            inner = finding.pointer
            if part.written is not None:
                inner = json_pointer(part.written(pointer_tokens(inner)))
            pointer = prefix + inner
            from dataclasses import replace  # only for a part with findings

            findings.append(replace(finding, pointer=pointer, cell=cell, related=related))
    findings.sort(key=lambda f: (f.cell or 0, f.line or 0, f.column or 0, f.code))
    return FileResult(path, findings, kind)


def _validated(
    checker: Checker,
    path: str,
    part: Part,
    checked: dict[Hashable, tuple[Position, list[Finding]]],
    strict: bool,
    placeholders: Placeholders,
) -> list[Finding]:
    """The checker's findings on a part; for a part the same as one checked before
    (:attr:`Part.same_as`), that one's findings, moved from its place to this part's."""
    key = part.same_as
    [(here, _)] = part.locator([((), False)]) if key is not None else [(None, None)]
    if key is not None and here is not None and key in checked:
        from dataclasses import replace  # only for a part checked before

        first, found = checked[key]
        line, column = here
        return [
            replace(f, line=line, column=column) if (f.line, f.column) == first else f
            for f in found
        ]
    document = Document(path, part.data, "", "json", part.locator)
    result = checker.validate(document, kind=part.kind, strict=strict, placeholders=placeholders)
    if key is not None and here is not None:
        checked.setdefault(key, (here, result.findings))
    return result.findings


def check_contents(
    checker: Checker,
    contents: Contents,
    *,
    kind: str,
    problem_type: str | None = None,
    strict: bool = False,
    placeholders: Placeholders = "report",
) -> FileResult:
    """The verdict on what a file holds: a request document is checked as ``kind`` (auto:
    the kind its members say), against ``problem_type`` if given; the requests inside any
    other kind of file each as the kind its reader found."""
    if contents.document is not None:
        return checker.validate(
            contents.document,
            kind=kind,
            problem_type=problem_type,
            strict=strict,
            placeholders=placeholders,
        )
    assert contents.kind is not None, "requests are held by an input kind"
    return check_parts(
        checker,
        contents.path,
        contents.parts,
        contents.kind,
        strict=strict,
        extra=contents.problems,
        placeholders=placeholders,
    )
