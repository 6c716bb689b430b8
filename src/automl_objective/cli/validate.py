"""``automl-objective validate``: find the files, check them, report, exit 0 or 1."""

from __future__ import annotations

import sys

from automl_objective.api import check_sources, digest_sources
from automl_objective.check.checker import UsageError, check_options
from automl_objective.cli.exits import EXIT_INVALID, EXIT_OK, usage
from automl_objective.cli.start_up import done as start_up_done
from automl_objective.cli.start_up import keep_large_documents
from automl_objective.cli.streams import say
from automl_objective.inputs.discovery import DEFAULT_EXCLUDE, DiscoveryError, discover
from automl_objective.inputs.source import Source, stdin_count
from automl_objective.report import REPORTERS
from automl_objective.report.reporter import FileLines
from automl_objective.report.terminal import ProgressBar, wants_colour, wants_progress
from automl_objective.report.text import TextReporter
from automl_objective.runner import (
    PARALLEL_THRESHOLD,
    CheckOptions,
    OptionError,
    WorkerError,
    idle_jobs,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any, TextIO


def run_validate(args: argparse.Namespace, out: TextIO) -> int:
    found = _sources(args)
    if isinstance(found, int):
        return found
    sources = found
    jobs = _jobs(args.jobs, len(sources))
    reading_stdin = stdin_count(sources)
    if reading_stdin > 1:
        return usage("'-' (standard input) can be given only once")
    if reading_stdin and sys.stdin is None:
        return usage("'-' names standard input, but it is closed")
    bar = (
        ProgressBar(len(sources), sys.stderr)
        if sys.stderr is not None and wants_progress(sys.stderr, len(sources))
        else None
    )
    options: dict[str, Any] = {
        "kind": args.kind,
        "problem_type": args.problem_type,
        "strict": args.strict,
        "placeholders": args.placeholders,
        "max_bytes": args.max_bytes,
        "jobs": jobs,
        "progress": bar,
        "stdin": sys.stdin.buffer if reading_stdin else None,
        "skip_unknown": args.skip_unknown,
    }
    return _check_and_report(args, sources, options, out)


def _sources(args: argparse.Namespace) -> list[Source] | int:
    """The files to check, once the options are known to be usable; else the usage exit."""
    try:
        if args.jobs is not None and args.jobs < 0:
            return usage(f"--jobs must be 0 (one per CPU) or more, not {args.jobs}")
        CheckOptions(max_bytes=args.max_bytes, jobs=args.jobs or 1)
        check_options(args.kind, args.problem_type)  # builds the checker
        sources = discover(
            args.paths,
            include=args.include,
            exclude=(*DEFAULT_EXCLUDE, *(args.exclude or ())),
            force_exclude=args.force_exclude,
        )
        # The files found are start-up's too: kept to the end and free of cycles, so the
        # collector would scan them (ten thousand named files: 10 M instructions) for nothing.
        start_up_done()
    except OptionError as error:
        return usage(f"--{error.argument.replace('_', '-')} {error.problem}")
    except (UsageError, DiscoveryError) as error:
        return usage(str(error))
    return sources


def _check_and_report(
    args: argparse.Namespace, sources: list[Source], options: dict[str, Any], out: TextIO
) -> int:
    """Check ``sources`` with ``options`` (those of :func:`check_sources`), write the report to
    ``out`` and give the exit status."""
    reporter = (
        TextReporter(colour=wants_colour(out))
        if args.format == "text"
        else REPORTERS[args.format]()
    )
    # A format of each file's lines (text, github) is made where the files are checked: a
    # split run's workers send back their lines, not their findings (the results are read
    # again only for the note of --problem-type).
    by_lines = reporter if isinstance(reporter, FileLines) and args.problem_type is None else None
    if by_lines is not None:  # a report far smaller than a large document: it may stay
        keep_large_documents()
    bar = options["progress"]
    try:
        if by_lines is not None:
            digests = digest_sources(sources, by_lines.digest, **options)
        else:
            results = check_sources(sources, **options)
    except WorkerError as error:
        say(f"automl-objective: error: {error}")
        return EXIT_INVALID
    finally:  # the bar is gone before the report is written
        if bar is not None:
            bar.close()
    if by_lines is not None:
        invalid = by_lines.write(digests, out)[1]
        return EXIT_OK if not invalid else EXIT_INVALID
    reporter.report(results, out)
    if args.problem_type is not None:  # its module only for a run that gave the option
        from automl_objective.cli.notes import note_problem_type_ignored

        note_problem_type_ignored(args.problem_type, results)
    return EXIT_OK if all(r.valid for r in results) else EXIT_INVALID


def _jobs(asked: int | None, files: int) -> int:
    """``--jobs`` as given, or (none, or 0) the CPUs free now for a run large enough."""
    if asked:
        return asked
    return idle_jobs() if files >= PARALLEL_THRESHOLD else 1
