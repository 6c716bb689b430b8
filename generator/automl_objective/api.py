"""The library's public API: validate documents, look up metrics, resolve the objective.

Nothing here prints or exits; the CLI and the reporters do.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from automl_objective import runner
from automl_objective.catalog import Catalog, Metric, ProblemTypeRule, load_catalog
from automl_objective.discovery import Source
from automl_objective.documents import MAX_BYTES, Document, Format, LoadError, load_path
from automl_objective.findings import Finding
from automl_objective.resolve import Resolution, resolve_objective
from automl_objective.runner import CheckOptions
from automl_objective.validation import (
    AUTO,
    FileResult,
    load_error_result,
    validate_document,
)

__all__ = [
    "Catalog",
    "FileResult",
    "Finding",
    "Metric",
    "ProblemTypeRule",
    "Resolution",
    "allowed_metrics",
    "catalog",
    "check_sources",
    "default_metric",
    "resolve_file",
    "validate_data",
    "validate_file",
]


def catalog() -> Catalog:
    """Metrics and problem types as the canonical schema states them."""
    return load_catalog()


def allowed_metrics(problem_type: str) -> tuple[str, ...]:
    """The MetricName values AWS accepts for a problem type (empty: the objective is unused)."""
    return load_catalog().problem_type(problem_type).allowed


def default_metric(problem_type: str) -> str | None:
    """The metric AWS uses when AutoMLJobObjective is omitted (None: not used)."""
    return load_catalog().problem_type(problem_type).default


def validate_data(
    data: Any,
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    strict: bool = False,
    path: str = "<data>",
) -> FileResult:
    """Validate an already-parsed document (a dict from your own code). No positions."""
    text = json.dumps(data, indent=2, default=str)
    document = Document(path, data, text, "json")
    return validate_document(document, kind=kind, problem_type=problem_type, strict=strict)


def validate_file(
    path: str | Path,
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    strict: bool = False,
    format: Format | None = None,
) -> FileResult:
    """Read, parse and validate one file; unreadable or unparsable files are invalid results."""
    try:
        document = load_path(Path(path), str(path), format)
    except LoadError as error:
        return load_error_result(error)
    return validate_document(document, kind=kind, problem_type=problem_type, strict=strict)


def check_sources(
    sources: Sequence[Source],
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    strict: bool = False,
    max_bytes: int = MAX_BYTES,
    stdin_text: str | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[FileResult]:
    """Validate every source; results come in the order of ``sources`` whatever ``jobs`` is.

    One bad file never stops the others: it becomes an invalid result with one finding.
    ``progress``, if given, is called with the number of files checked since its last call.
    """
    options = CheckOptions(kind, problem_type, strict, max_bytes)
    return runner.check_sources(
        sources, options, jobs=jobs, stdin_text=stdin_text, progress=progress
    )


def resolve_file(
    path: str | Path, *, kind: str = AUTO, problem_type: str | None = None
) -> tuple[FileResult, Resolution | None]:
    """Validate a file and, when it has no errors, resolve its effective objective."""
    try:
        document = load_path(Path(path), str(path))
    except LoadError as error:
        return load_error_result(error), None
    result = validate_document(document, kind=kind, problem_type=problem_type)
    if not result.valid:
        return result, None
    return result, resolve_objective(document.data, result.kind, problem_type)
