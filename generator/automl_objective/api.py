"""The library's public API: validate documents, look up metrics, resolve the objective.

Nothing here prints or exits; the CLI and the reporters do.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from automl_objective.catalog import Catalog, Metric, ProblemTypeRule, load_catalog
from automl_objective.discovery import Source
from automl_objective.documents import Document, Format, LoadError, load_path, parse_source
from automl_objective.findings import Finding
from automl_objective.resolve import Resolution, resolve_objective
from automl_objective.validation import (
    AUTO,
    FileResult,
    default_checker,
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


def _load(source: Source, stdin_text: str | None) -> Document:
    if source.path is None:
        if stdin_text is not None:
            return parse_source(source.display, stdin_text)
        return parse_source(source.display, sys.stdin.buffer.read())
    return load_path(source.path, source.display)


# Below this many files, starting worker processes costs more than it saves (measured with
# benchmarks/run.py on 2 CPUs).
PARALLEL_THRESHOLD = 2000


def default_jobs() -> int:
    """Worker processes for a large run: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _check_each(
    sources: Sequence[Source],
    kind: str,
    problem_type: str | None,
    strict: bool,
    stdin_text: str | None = None,
) -> list[FileResult]:
    results = []
    for source in sources:
        try:
            document = _load(source, stdin_text)
        except LoadError as error:
            results.append(load_error_result(error))
            continue
        results.append(
            validate_document(document, kind=kind, problem_type=problem_type, strict=strict)
        )
    return results


# What forked workers check: set in the parent just before the pool starts, so that only
# (start, stop) ranges travel to the workers, never the list of files.
_WORK: tuple[Sequence[Source], str, str | None, bool] | None = None


def _check_range(start: int, stop: int) -> list[tuple[list[Finding], str | None]]:
    assert _WORK is not None
    sources, kind, problem_type, strict = _WORK
    # Only findings and kinds travel back: a valid file's result is almost nothing to pickle.
    return [
        (r.findings, r.kind) for r in _check_each(sources[start:stop], kind, problem_type, strict)
    ]


def check_sources(
    sources: Sequence[Source],
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    strict: bool = False,
    stdin_text: str | None = None,
    jobs: int = 1,
) -> list[FileResult]:
    """Validate every source; results come in the order of ``sources`` whatever ``jobs`` is.

    One bad file never stops the others. With ``jobs`` > 1 and many files, forked worker
    processes check contiguous ranges of them (where fork is available; else one process).
    """
    large = jobs > 1 and len(sources) >= PARALLEL_THRESHOLD
    if not large or any(s.is_stdin for s in sources):
        return _check_each(sources, kind, problem_type, strict, stdin_text)
    import multiprocessing  # only large runs pay for importing it

    if "fork" not in multiprocessing.get_all_start_methods():
        return _check_each(sources, kind, problem_type, strict, stdin_text)
    from concurrent.futures import ProcessPoolExecutor

    global _WORK
    default_checker()  # built once here; the forked workers inherit it
    _WORK = (sources, kind, problem_type, strict)
    size = -(-len(sources) // (jobs * 4))
    starts = list(range(0, len(sources), size))
    stops = [min(start + size, len(sources)) for start in starts]
    results: list[FileResult] = []
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for start, chunk in zip(starts, pool.map(_check_range, starts, stops), strict=True):
                for offset, (findings, found_kind) in enumerate(chunk):
                    results.append(
                        FileResult(sources[start + offset].display, findings, found_kind)
                    )
    finally:
        _WORK = None
    return results


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
