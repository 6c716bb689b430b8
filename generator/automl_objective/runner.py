"""Check many documents: one at a time, or split over forked worker processes.

Nothing here prints; results come back in the order of the sources, whatever the number of
workers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass
from typing import Any

from automl_objective.discovery import Source
from automl_objective.documents import MAX_BYTES, Document, LoadError, decode, load_path, parse_text
from automl_objective.findings import Finding
from automl_objective.validation import AUTO, FileResult, default_checker, load_error_result

# Below this many files, starting worker processes costs more than it saves (measured with
# benchmarks/run.py on 2 CPUs).
PARALLEL_THRESHOLD = 2000


@dataclass(frozen=True)
class CheckOptions:
    kind: str = AUTO
    problem_type: str | None = None
    strict: bool = False
    max_bytes: int = MAX_BYTES


def default_jobs() -> int:
    """Worker processes for a large run: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def load_source(source: Source, options: CheckOptions, stdin_text: str | None = None) -> Document:
    if source.path is not None:
        return load_path(source.path, source.display, max_bytes=options.max_bytes)
    if stdin_text is not None:
        return parse_text(source.display, stdin_text)
    from automl_objective.documents import read_limited

    raw = read_limited(source.display, sys.stdin.buffer, options.max_bytes)
    return parse_text(source.display, decode(source.display, raw))


Progress = Callable[[int], None]
"""Called with the number of files just checked."""


def check_each(
    sources: Sequence[Source],
    options: CheckOptions,
    stdin_text: str | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    checker = default_checker()
    results = []
    for source in sources:
        if progress is not None:
            progress(1)
        try:
            document = load_source(source, options, stdin_text)
        except LoadError as error:
            results.append(load_error_result(error))
            continue
        results.append(
            checker.validate(
                document,
                kind=options.kind,
                problem_type=options.problem_type,
                strict=options.strict,
            )
        )
    return results


# What forked workers check: set in the parent just before the pool starts, so that only
# (start, stop) ranges travel to the workers, never the list of files.
_WORK: tuple[Sequence[Source], CheckOptions] | None = None


Outcomes = tuple[list[str | None], dict[int, list[tuple[Any, ...]]]]
"""A range's kinds, and the findings of its files that have any, as plain tuples: what
travels back from a worker (pickling a finding object per file costs more than checking it)."""


def _check_range(start: int, stop: int) -> Outcomes:
    assert _WORK is not None
    sources, options = _WORK
    results = check_each(sources[start:stop], options)
    findings = {
        offset: [astuple(f) for f in result.findings]
        for offset, result in enumerate(results)
        if result.findings
    }
    return [r.kind for r in results], findings


def check_sources(
    sources: Sequence[Source],
    options: CheckOptions,
    *,
    jobs: int = 1,
    stdin_text: str | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Check every source. With ``jobs`` > 1 and many files, forked workers check contiguous
    ranges (where fork is available; elsewhere one process does it all)."""
    large = jobs > 1 and len(sources) >= PARALLEL_THRESHOLD
    if not large or any(s.is_stdin for s in sources):
        return check_each(sources, options, stdin_text, progress)
    import multiprocessing  # only large runs pay for importing it

    if "fork" not in multiprocessing.get_all_start_methods():
        return check_each(sources, options, stdin_text, progress)
    from concurrent.futures import ProcessPoolExecutor

    global _WORK
    default_checker()  # built once here; the forked workers inherit it
    _WORK = (sources, options)
    size = -(-len(sources) // (jobs * (16 if progress else 4)))
    starts = list(range(0, len(sources), size))
    stops = [min(start + size, len(sources)) for start in starts]
    results: list[FileResult] = []
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for start, (kinds, findings) in zip(
                starts, pool.map(_check_range, starts, stops), strict=True
            ):
                if progress is not None:
                    progress(len(kinds))
                for offset, kind in enumerate(kinds):
                    found = [Finding(*f) for f in findings.get(offset, ())]
                    results.append(FileResult(sources[start + offset].display, found, kind))
    finally:
        _WORK = None
    return results
