"""The stages in order, for many sources: each source read into what it holds (inputs/),
then checked (check/); one at a time, or split over forked worker processes.

Nothing here prints; results come back in the order of the sources, whatever the number of
workers.
"""

from __future__ import annotations

import os
import sys
import time
from operator import attrgetter

from automl_objective.base.finding import Finding, Related
from automl_objective.check.checker import AUTO, Checker, default_checker
from automl_objective.check.parts import check_contents
from automl_objective.check.placeholders import PLACEHOLDER_MODES
from automl_objective.check.results import FileResult, load_error_result
from automl_objective.inputs import registry
from automl_objective.inputs.document import LARGE, Contents, Document, LoadError
from automl_objective.inputs.reading import MAX_BYTES
from automl_objective.inputs.source import Source, stdin_count

TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal
    from collections.abc import Callable, Iterator, Sequence
    from typing import IO, Any, TypeVar

    from automl_objective.check.placeholders import Placeholders
else:  # the C module that `signal` wraps (cli/signals.py says why)
    import _signal as signal

# Below this many files, starting worker processes costs more than it saves (measured with
# benchmarks/run.py on 2 CPUs).
PARALLEL_THRESHOLD = 2000
MIN_FILES_PER_WORKER = 250
"""A worker is started only for this much work: ``--jobs 300`` on 3,000 files starts 12."""
MAX_WORKERS = 64


class OptionError(ValueError):
    """An option out of its range; ``argument`` names it (the CLI turns it into its flag)."""

    def __init__(self, argument: str, problem: str) -> None:
        super().__init__(f"{argument} {problem}")
        self.argument, self.problem = argument, problem


def _require_int(argument: str, value: object, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{argument} must be an int, not {type(value).__name__}")
    if value < minimum:
        raise OptionError(argument, f"must be at least {minimum}, not {value}")


class CheckOptions:
    """How to check: checked on creation, so a bad value fails here, not mid-run.

    Frozen, compared and shown by its fields, as a dataclass would be; a plain class, since
    every run builds one and a dataclass costs about a millisecond of start-up.
    ``placeholders``: a template placeholder (``${NAME}``, ``$NAME``) is a finding
    (``report``) or a value known only at run time (``dynamic``)."""

    __slots__ = ("jobs", "kind", "max_bytes", "placeholders", "problem_type", "strict")
    _FIELDS = ("kind", "problem_type", "strict", "max_bytes", "jobs", "placeholders")

    kind: str
    problem_type: str | None
    strict: bool
    max_bytes: int
    jobs: int
    placeholders: Placeholders

    def __init__(
        self,
        kind: str = AUTO,
        problem_type: str | None = None,
        strict: bool = False,
        max_bytes: int = MAX_BYTES,
        jobs: int = 1,
        placeholders: Placeholders = "report",
    ) -> None:
        values = (kind, problem_type, strict, max_bytes, jobs, placeholders)
        for name, value in zip(self._FIELDS, values, strict=True):
            object.__setattr__(self, name, value)
        self._check()

    def _check(self) -> None:
        if not isinstance(self.kind, str):
            raise TypeError(f"kind must be a str, not {type(self.kind).__name__}")
        if self.problem_type is not None and not isinstance(self.problem_type, str):
            raise TypeError(
                f"problem_type must be a str or None, not {type(self.problem_type).__name__}"
            )
        if not isinstance(self.strict, bool):
            raise TypeError(f"strict must be a bool, not {type(self.strict).__name__}")
        _require_int("max_bytes", self.max_bytes, 1)
        _require_int("jobs", self.jobs, 1)
        if self.placeholders not in PLACEHOLDER_MODES:
            choices = " or ".join(map(repr, PLACEHOLDER_MODES))
            raise OptionError("placeholders", f"must be {choices}, not {self.placeholders!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, CheckOptions)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(self._FIELDS, self._values(), strict=True))
        return f"CheckOptions({shown})"


def default_jobs() -> int:
    """Worker processes for a large run: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


LOADAVG = "/proc/loadavg"
"""Linux's count of the tasks running or waiting for a CPU right now (its fourth field)."""


def idle_jobs() -> int:
    """Workers for a large run when none are asked for: one per CPU this process may use
    when nothing else runs, one fewer for each other task running or waiting for a CPU now,
    and never fewer than one (then the run stays in this process).

    Workers cost about a fifth more CPU in all (forking, results sent back): on CPUs another
    task already keeps busy they bring no gain in time, only that cost (measured on 2 CPUs).
    """
    cores = default_jobs()
    running = _running_tasks()
    if running is None:
        return cores
    return max(1, min(cores, cores - running + 1))


_LOAD_READS = 5
"""Reads of :data:`LOADAVG` at most, :data:`_LOAD_READ_GAP` seconds apart."""
_LOAD_READ_GAP = 0.001


def _running_tasks() -> int | None:
    """Tasks running or waiting for a CPU now, this process included, by :data:`LOADAVG`
    (the load average itself trails by a minute): the fewest of up to five reads a
    millisecond apart, the first that finds this process alone ending them. A task that keeps
    a CPU busy is in every read; one that runs for an instant (a kernel thread, a process
    just ending) is not, and a single read, or three at once, saw it often enough to keep a
    run on an idle machine in one process (2 in 100 decisions on a quiet 2-CPU machine,
    more right after another process ends). None where it cannot be read (not Linux)."""
    fewest = None
    try:
        for read in range(_LOAD_READS):
            if read:
                time.sleep(_LOAD_READ_GAP)
            with open(LOADAVG, "rb") as file:  # bytes: no codec to import for four digits
                running = int(file.read().split()[3].split(b"/")[0])
            fewest = running if fewest is None else min(fewest, running)
            if fewest <= 1:
                break
    except (OSError, ValueError, IndexError):
        return None
    return fewest


def worker_count(jobs: int, files: int) -> int:
    """Workers worth starting: no more than asked, than the work keeps busy, or than sane."""
    if files < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(jobs, MAX_WORKERS, files // MIN_FILES_PER_WORKER))


if TYPE_CHECKING:
    Progress = Callable[[int], None]
"""Called with the number of files just checked."""


def check_source(
    checker: Checker,
    source: Source,
    options: CheckOptions,
    stdin_text: str | None = None,
    stdin: IO[bytes] | None = None,
) -> FileResult:
    """One source, through the stages: read into what it holds, then checked. A file that
    cannot be read is an invalid result with one finding saying why."""
    try:
        contents = registry.read_source(
            source,
            options.max_bytes,
            by_kind=options.kind == AUTO,
            stdin_text=stdin_text,
            stdin=stdin,
        )
    except LoadError as error:
        return load_error_result(error)
    return check(checker, contents, options)


def check(checker: Checker, contents: Contents, options: CheckOptions) -> FileResult:
    """What a file holds, checked with ``options`` (a large document with the collector
    paused: :mod:`~automl_objective.base.collector`)."""
    document = contents.document
    paused = False
    if document is not None and len(document.text) >= LARGE:
        from automl_objective.base import collector  # a large document only

        paused = collector.pause()
    try:
        return check_contents(
            checker,
            contents,
            kind=options.kind,
            problem_type=options.problem_type,
            strict=options.strict,
            placeholders=options.placeholders,
        )
    finally:
        if paused:
            collector.resume(paused)


def check_document(checker: Checker, document: Document, options: CheckOptions) -> FileResult:
    """A parsed JSON or YAML document: a pipeline definition or a state machine is split
    into its requests first (with ``options.kind`` auto)."""
    try:
        contents = registry.split(document) if options.kind == AUTO else Contents.whole(document)
    except LoadError as error:
        return load_error_result(error)
    return check(checker, contents, options)


def check_each(
    sources: Sequence[Source],
    options: CheckOptions,
    stdin_text: str | None = None,
    progress: Progress | None = None,
    stdin: IO[bytes] | None = None,
) -> list[FileResult]:
    checker = default_checker()
    results = []
    for source in sources:
        if progress is not None:
            progress(1)
        results.append(check_source(checker, source, options, stdin_text, stdin))
    return results


# What forked workers check: set in the parent just before the pool starts, so that only
# (start, stop) ranges travel to the workers, never the list of files.
_WORK: tuple[Sequence[Source], CheckOptions, Digest[Any]] | None = None

if TYPE_CHECKING:
    T = TypeVar("T")
    Digest = Callable[[Sequence[Source], list[FileResult]], T]
    """What is made of a run of consecutive sources and their results where they were checked
    (in a forked worker, on a split run): only its value travels back to this process."""


def _check_range(bounds: tuple[int, int]) -> Any:
    start, stop = bounds
    assert _WORK is not None
    sources, options, digest = _WORK
    chunk = sources[start:stop]
    return digest(chunk, check_each(chunk, options))


if TYPE_CHECKING:
    Packed = tuple[list[str | None], dict[int, list[tuple[Any, ...]]]]
    """A range's kinds, and the findings of its files that have any, as plain tuples: what
    travels back from a worker to :func:`check_sources` (pickling a finding object per file
    costs more than checking it)."""


def _packed(sources: Sequence[Source], results: list[FileResult]) -> Packed:
    findings = {
        offset: [_fields(f) for f in result.findings]
        for offset, result in enumerate(results)
        if result.findings
    }
    return [r.kind for r in results], findings


# A finding's fields and a related place's, in their order, read from the records once: a
# field added to either travels from the workers with no change here
# (tests/cli/test_parallel.py::test_every_field_of_a_finding_comes_back_from_a_worker).
_FINDING_FIELDS = attrgetter(*Finding.__match_args__)
_PLACE_FIELDS = attrgetter(*Related.__match_args__)
_PLACES = Finding.__match_args__.index("related")


def _fields(finding: Finding) -> tuple[Any, ...]:
    """A finding as the plain tuple :func:`_finding` reads: its fields in order, its related
    places tuples too. (``dataclasses.astuple`` makes the same tuple for a quarter of a
    worker's time: it imports :mod:`dataclasses`, asks each value whether it is a dataclass
    and deep-copies it.)"""
    fields: tuple[Any, ...] = _FINDING_FIELDS(finding)
    if not finding.related:  # most findings: the places are the empty tuple already
        return fields
    places = tuple(map(_PLACE_FIELDS, finding.related))
    return (*fields[:_PLACES], places, *fields[_PLACES + 1 :])


def _split(sources: Sequence[Source], options: CheckOptions) -> int:
    """The workers a run is split over; 1: checked in this process."""
    workers = worker_count(options.jobs, len(sources))
    if workers == 1 or stdin_count(sources) or not hasattr(os, "fork"):  # Windows
        return 1
    return workers


def check_sources(
    sources: Sequence[Source],
    options: CheckOptions,
    *,
    stdin_text: str | None = None,
    stdin: IO[bytes] | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Check every source. With ``options.jobs`` > 1 and many files, forked workers check
    contiguous ranges, dealt to them in turn (where fork is available; elsewhere one process
    does it all); the results come back in the sources' order."""
    workers = _split(sources, options)
    if workers == 1:
        return check_each(sources, options, stdin_text, progress, stdin)
    results = []
    for start, (kinds, findings) in _ranges_checked(sources, options, _packed, workers, progress):
        for offset, kind in enumerate(kinds):
            sent = findings.get(offset)
            found = [_finding(f) for f in sent] if sent else []
            results.append(FileResult(sources[start + offset].display, found, kind))
    return results


def digest_sources(
    sources: Sequence[Source],
    options: CheckOptions,
    digest: Digest[T],
    *,
    stdin_text: str | None = None,
    stdin: IO[bytes] | None = None,
    progress: Progress | None = None,
) -> list[T]:
    """:func:`check_sources`, each run of results handed to ``digest`` where it was checked:
    on a split run, in the worker, so that what travels back is ``digest``'s value (a
    report's lines, say), not the findings, which this process would unpickle and rebuild
    only to turn them into that value. The values come in the sources' order (one value
    for a run checked in this process)."""
    workers = _split(sources, options)
    if workers == 1:
        return [digest(sources, check_each(sources, options, stdin_text, progress, stdin))]
    return [value for _, value in _ranges_checked(sources, options, digest, workers, progress)]


def _ranges_checked(
    sources: Sequence[Source],
    options: CheckOptions,
    digest: Digest[T],
    workers: int,
    progress: Progress | None,
) -> Iterator[tuple[int, T]]:
    """Each range's first index and its digest, in order, from forked workers."""
    global _WORK
    default_checker()  # built once here; the forked workers inherit it
    _WORK = (sources, options, digest)
    size = -(-len(sources) // (workers * (16 if progress else 4)))
    ranges = [(start, min(start + size, len(sources))) for start in range(0, len(sources), size)]
    try:
        yield from _collect(ranges, workers, progress)
    finally:
        _WORK = None


def _finding(fields: tuple[Any, ...]) -> Finding:
    """A finding from the plain tuple a worker sent (:func:`_fields`)."""
    if not fields[_PLACES]:  # no related places (most findings): the tuple is the arguments
        return Finding(*fields)
    places = tuple(Related(*place) for place in fields[_PLACES])
    return Finding(*(*fields[:_PLACES], places, *fields[_PLACES + 1 :]))


class WorkerError(RuntimeError):
    """A worker process died before it finished (killed, out of memory): nothing reported."""


def _collect(
    ranges: list[tuple[int, int]], workers: int, progress: Progress | None
) -> Iterator[tuple[int, Any]]:
    from automl_objective.base import collector
    from automl_objective.worker_pool import WorkerDied, Workers

    pool = Workers(_check_range, ranges, workers, start_worker)
    with _InterruptsKillTheWorkers(pool.kill) as received:
        try:
            pool.start()
            # Forked: the workers keep the collector as it is. What this process builds from
            # here on is the results, kept to the end and free of cycles: the collector, run
            # every 700 of them, would scan them again and again for nothing (38 M
            # instructions of the 10,000 files of the benchmark's 70% corpus).
            paused = collector.pause()
            try:
                for (start, stop), value in zip(ranges, pool.results(), strict=True):
                    if progress is not None:
                        progress(stop - start)
                    yield start, value
            finally:
                collector.resume(paused)
        except WorkerDied:
            if not received:
                raise WorkerError(
                    "a worker process died before it finished; nothing is reported"
                ) from None


class _InterruptsKillTheWorkers:
    """While the workers run, SIGINT and SIGTERM only kill them (and are remembered).

    The workers then end at a known point (the results stop, and the pool reaps them); then
    the signal is handed on to the handler that was there before, which raises
    KeyboardInterrupt, the CLI's exception for SIGTERM, or ends the process as the default
    action would. (A class, not ``contextlib.contextmanager``: a clean run imports no
    contextlib.)
    """

    __slots__ = ("_kill_workers", "_previous", "received")

    def __init__(self, kill_workers: Callable[[], None]) -> None:
        self._kill_workers = kill_workers
        self._previous: dict[int, Any] = {}
        self.received: list[int] = []

    def _kill(self, signum: int, frame: object) -> None:
        self.received.append(signum)
        self._kill_workers()

    def __enter__(self) -> list[int]:
        try:
            for signum in (signal.SIGINT, signal.SIGTERM):
                if signal.getsignal(signum) == signal.SIG_IGN:
                    continue  # ignored (nohup, a background job): it stops nothing, workers neither
                self._previous[signum] = signal.signal(signum, self._kill)
        except ValueError:  # not the main thread: signals are not ours to handle
            pass
        return self.received

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        if kind is None and self.received:
            _hand_on(self.received[0], self._previous.get(self.received[0]))


def _hand_on(signum: int, handler: Any) -> None:
    if callable(handler):
        handler(signum, None)
    elif handler != signal.SIG_IGN:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


def start_worker(parent: int) -> None:
    """In each worker: die with the parent, and leave interrupts to it (it stops us)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # without prctl, the parent still stops its workers on SIGINT and SIGTERM
