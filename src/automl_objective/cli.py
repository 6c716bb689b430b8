"""The ``automl-objective`` command: parse arguments, call the library, print, exit.

Exit codes: 0 success (every document valid), 1 a document is invalid or unparsable (or, for
``generate --check`` and ``sync``, something is stale), 2 usage error (for ``generate`` and
``sync`` also a schema, model or output folder they cannot use: one line, nothing written).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, cast

from automl_objective import __version__
from automl_objective.documents import MAX_BYTES
from automl_objective.quoting import printable
from automl_objective.streams import Output, OutputError, discard_output, say

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
"""Also: standard output (or input, with ``-``) closed, full or failing, so no verdict
could reach the reader."""
EXIT_SIGINT = 130
EXIT_PIPE = 141
"""The reader of standard output went away (``| head``), as 128 + SIGPIPE in other tools."""
EXIT_SIGTERM = 143

EXIT_CODES = """\
exit codes: 0 valid, 1 invalid or unparsable document (generate --check: stale; sync:
drift), 2 usage error, unusable standard output or (generate, sync) a schema or model that
cannot be used, 130/143 interrupted (SIGINT/SIGTERM), 141 output pipe closed
"""

EXAMPLES = {
    "validate": """\
  automl-objective validate job.json                     check one request file
  automl-objective validate configs/ --format github     every JSON, YAML, .py, .ipynb file below
  cat job.yaml | automl-objective validate -             read standard input
  automl-objective validate --kind objective --problem-type Regression objective.json
  automl-objective validate --skip-unknown --force-exclude --exclude 'hyper*' a.json b.yaml
""",
    "metrics": """\
  automl-objective metrics                               every metric, every problem type
  automl-objective metrics --problem-type TimeSeriesForecasting
  automl-objective metrics --format json
""",
    "resolve": """\
  automl-objective resolve job.json                      the metric AWS will optimise
  cat job.yaml | automl-objective resolve - --format json
  automl-objective resolve --problem-type Regression objective.json
""",
    "generate": """\
  automl-objective generate                              regenerate generated/
  automl-objective generate --check                      is generated/ up to date?
""",
    "schemas": """\
  automl-objective schemas                               the editor schemas' paths
""",
    "lsp": """\
  automl-objective lsp                                   serve an editor on stdin/stdout
""",
    "sync": """\
  automl-objective sync --from-botocore                  has AWS changed the valid values?
  automl-objective sync --from-botocore --write          write the new values into the schema
  automl-objective sync --from-botocore --format json    the drift, for a machine
""",
}
COMMAND_HELP = {
    "validate": (
        "validate request files, code, notebooks and workflow definitions",
        "Validate AutoMLJobObjective documents, CreateAutoMLJob(V2) requests and "
        "DescribeAutoMLJob(V2) outputs (JSON or YAML), the AutoML calls in Python files and "
        "notebooks, and the AutoML steps of SageMaker Pipelines definitions and Step Functions "
        "state machines. Options may come before or after the paths.",
    ),
    "metrics": (
        "list metrics, problem types and defaults",
        "List the valid MetricName values, each with its direction and the problem types "
        "that accept it (* marks the default), as the schema states them.",
    ),
    "resolve": (
        "print the effective objective of a document",
        "Validate one document and print the objective AWS will use: its problem type, "
        "metric and direction, and whether the metric is given or AWS's default.",
    ),
    "generate": (
        "regenerate generated/ (models, tables, docs) from the schema",
        "Render generated/ from the canonical schema. Run from the project root.",
    ),
    "schemas": (
        "print the paths of the installed editor schemas",
        "Print the path of each editor schema (and catalog.json) this installation ships, "
        "one a line, for an editor's or another validator's settings. Exit 2 if none.",
    ),
    "lsp": (
        "run the language server: findings, completion and fixes in the editor",
        "Serve an editor over the Language Server Protocol on standard input and output: "
        "validate's findings as diagnostics, completion and hover of metrics and problem "
        "types, quick fixes. Needs the lsp extra.",
    ),
    "sync": (
        "compare the schema's valid values with botocore's SageMaker model",
        "Report drift between the schema and botocore's sagemaker service model "
        "(AWS_DATA_PATH applies): the valid values, and each problem type's metrics and "
        "default as AutoMLJobObjective.MetricName's documentation states them. Exit 0 no "
        "drift, 1 drift, 2 error; with --write, 0 when it wrote (it lists what is left).",
    ),
}
WITH_EXIT_CODES = ("validate", "resolve")


def _epilog(command: str | None) -> str:
    if command is None:
        return "examples:\n" + "".join(EXAMPLES.values()) + "\n" + EXIT_CODES
    text = "examples:\n" + EXAMPLES[command]
    return text + "\n" + EXIT_CODES if command in WITH_EXIT_CODES else text


class _HelpFormatter(argparse.HelpFormatter):
    """Fills one-paragraph descriptions, keeps the examples' lines as written, and keeps
    hyphenated names (``create-auto-ml-job-v2-request``) whole when wrapping."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)

    def _split_lines(self, text: str, width: int) -> list[str]:
        import textwrap

        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The top-level parser, and one bare parser per command: a command's own options are
    added only when it runs (``--kind`` reads its choices from the schema)."""
    parser = _Parser(
        prog="automl-objective",
        description="Check SageMaker Autopilot AutoMLJobObjective metrics against the problem "
        "type before AWS does.",
        epilog=_epilog(None),
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parsers: dict[str, argparse.ArgumentParser] = {
        name: commands.add_parser(
            name,
            help=summary,
            description=description,
            epilog=_epilog(name),
            formatter_class=_HelpFormatter,
        )
        for name, (summary, description) in COMMAND_HELP.items()
    }
    return parser, parsers


def _add_validate_options(validate: argparse.ArgumentParser) -> None:
    validate.usage = "%(prog)s [options] PATH [PATH ...]"
    validate.add_argument(
        "paths", nargs="*", metavar="PATH", help="file, directory, or - for stdin"
    )
    validate.add_argument(
        "--format", default="text", choices=_reporter_names(), help="output format"
    )
    _add_kind_options(validate)
    validate.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit 1 on a warning)"
    )
    validate.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="files to check inside directories "
        "(default: *.json, *.yaml, *.yml, *.py, *.ipynb); repeatable",
    )
    validate.add_argument(
        "--exclude", action="append", metavar="GLOB", help="files or folders to skip; repeatable"
    )
    validate.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply --exclude to paths named on the command line too (as pre-commit names "
        "them); a run left with no file is then not an error",
    )
    validate.add_argument(
        "--skip-unknown",
        action="store_true",
        help="with --kind auto, skip documents that are none of the known kinds (not an "
        "object, or none of the identifying members) instead of failing them",
    )
    validate.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        metavar="N",
        help=f"refuse files larger than this, unread (default {MAX_BYTES:,})",
    )
    validate.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes for large runs (default, or 0: one per CPU; at most one per "
        "250 files); output order is kept",
    )


def _add_metrics_options(metrics: argparse.ArgumentParser) -> None:
    from automl_objective.catalog import load_catalog

    names = ", ".join(load_catalog().problem_type_names)
    metrics.add_argument(
        "--problem-type", metavar="TYPE", help=f"only the metrics of this type: {names}"
    )
    metrics.add_argument("--format", default="text", choices=_lookup_formats("metrics"))


def _add_resolve_options(resolve: argparse.ArgumentParser) -> None:
    resolve.usage = "%(prog)s [options] FILE"
    resolve.add_argument("paths", nargs="*", metavar="FILE", help="a file, or - for stdin")
    resolve.add_argument("--format", default="text", choices=_lookup_formats("resolve"))
    _add_kind_options(resolve)
    resolve.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        metavar="N",
        help=f"refuse a file larger than this, unread (default {MAX_BYTES:,})",
    )


def _add_generate_options(generate: argparse.ArgumentParser) -> None:
    generate.add_argument(
        "--check",
        action="store_true",
        help="write nothing; print a diff and exit 1 when generated/ is stale",
    )
    generate.add_argument("--schema", default=None, metavar="PATH", help="canonical schema")
    generate.add_argument("--output", default=None, metavar="DIR", help="output folder")
    _add_downgrade_option(generate)


def _add_sync_options(sync: argparse.ArgumentParser) -> None:
    sync.add_argument(
        "--from-botocore", action="store_true", required=True, help="read the installed botocore"
    )
    sync.add_argument(
        "--write",
        action="store_true",
        help="write what follows from the model into the schema (exit 0 when it wrote)",
    )
    sync.add_argument("--schema", default=None, metavar="PATH", help="canonical schema")
    sync.add_argument(
        "--output", default=None, metavar="DIR", help="generated/ (its botocore version)"
    )
    sync.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="report format (markdown: a pull request's body)",
    )
    _add_downgrade_option(sync)


def _add_downgrade_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-downgrade",
        action="store_true",
        help="accept a botocore older than the one generated/ was rendered from",
    )


def _add_kind_options(parser: argparse.ArgumentParser) -> None:
    from automl_objective.catalog import load_catalog
    from automl_objective.validation import AUTO, default_checker

    kinds = [AUTO, *default_checker().all_kinds()]
    parser.add_argument(
        "--kind",
        default=AUTO,
        choices=kinds,
        metavar="KIND",
        help="document kind, one of: " + ", ".join(kinds) + " (default: auto, detected "
        "from the members present; create-auto-ml-job[-v2] are fragments: objective rules only)",
    )
    parser.add_argument(
        "--problem-type",
        metavar="TYPE",
        help="check an objective-only document against this problem type: "
        + ", ".join(load_catalog().problem_type_names),
    )


POSITIONAL = {"validate": "PATH", "resolve": "FILE"}

OPTIONS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "validate": _add_validate_options,
    "metrics": _add_metrics_options,
    "resolve": _add_resolve_options,
    "generate": _add_generate_options,
    "schemas": lambda parser: None,
    "lsp": lambda parser: None,
    "sync": _add_sync_options,
}
"""Each command's options, added to its parser only when it runs."""


class _Parser(argparse.ArgumentParser):
    """argparse, except that a failed write of help or an error is not swallowed (its own
    printing ignores OSError, so `--help >/dev/full` would exit 0 with nothing shown), and
    that an error quoting the command line (an unrecognised argument) shows it printable."""

    def error(self, message: str) -> NoReturn:
        super().error(printable(message))

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        stream = file if file is not None else sys.stderr
        if message and stream is not None:
            stream.write(message)


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command name, then its arguments intermixed, as other linters do:
    ``validate a.json --strict b.json``. Everything after ``--`` is a path."""
    parser, commands = _parser()
    words = list(argv)
    at = next((i for i, word in enumerate(words) if not word.startswith("-")), None)
    if at is None or at > 0 or words[at] not in commands:
        parser.parse_args(words)  # --help, --version, an unknown command: argparse exits
        parser.error("a command is required")  # pragma: no cover - argparse has exited
    command = commands[words[at]]
    OPTIONS[words[at]](command)
    rest = words[at + 1 :]
    literal: list[str] = []
    if "--" in rest:  # parse_intermixed_args mishandles "--" before Python 3.12
        cut = rest.index("--")
        rest, literal = rest[:cut], rest[cut + 1 :]
    args = command.parse_intermixed_args(rest)
    args.command = words[at]
    if hasattr(args, "paths"):
        args.paths = [*args.paths, *literal]
        if not args.paths:
            command.error(f"the following arguments are required: {POSITIONAL[words[at]]}")
    elif literal:
        command.error("unrecognized arguments: " + " ".join(literal))
    return args


def _lookup_formats(command: str) -> list[str]:
    from automl_objective.lookups import METRICS_FORMATS, RESOLUTION_FORMATS

    return list(METRICS_FORMATS if command == "metrics" else RESOLUTION_FORMATS)


def _reporter_names() -> list[str]:
    from automl_objective.reporters import REPORTERS

    return list(REPORTERS)


def _usage(message: str) -> int:
    say(f"automl-objective: error: {message}")
    return EXIT_USAGE


def run_validate(args: argparse.Namespace, out: TextIO) -> int:
    from automl_objective.api import check_sources
    from automl_objective.discovery import (
        DEFAULT_EXCLUDE,
        DEFAULT_INCLUDE,
        DiscoveryError,
        discover,
    )
    from automl_objective.reporters import REPORTERS, TextReporter
    from automl_objective.runner import CheckOptions, OptionError, WorkerError, default_jobs
    from automl_objective.terminal import ProgressBar, wants_colour, wants_progress
    from automl_objective.validation import UsageError, check_options

    try:
        if args.jobs is not None and args.jobs < 0:
            return _usage(f"--jobs must be 0 (one per CPU) or more, not {args.jobs}")
        jobs = default_jobs() if args.jobs in (None, 0) else args.jobs
        CheckOptions(max_bytes=args.max_bytes, jobs=jobs)
        check_options(args.kind, args.problem_type)
        sources = discover(
            args.paths,
            include=args.include or DEFAULT_INCLUDE,
            exclude=(*DEFAULT_EXCLUDE, *(args.exclude or ())),
            force_exclude=args.force_exclude,
        )
    except OptionError as error:
        return _usage(f"--{error.argument.replace('_', '-')} {error.problem}")
    except (UsageError, DiscoveryError) as error:
        return _usage(str(error))
    reading_stdin = sum(s.is_stdin for s in sources)
    if reading_stdin > 1:
        return _usage("'-' (standard input) can be given only once")
    if reading_stdin and sys.stdin is None:
        return _usage("'-' names standard input, but it is closed")
    bar = (
        ProgressBar(len(sources), sys.stderr)
        if sys.stderr is not None and wants_progress(sys.stderr, len(sources))
        else None
    )
    try:
        results = check_sources(
            sources,
            kind=args.kind,
            problem_type=args.problem_type,
            strict=args.strict,
            max_bytes=args.max_bytes,
            jobs=jobs,
            progress=bar,
            stdin=sys.stdin.buffer if reading_stdin else None,
            skip_unknown=args.skip_unknown,
        )
    except WorkerError as error:
        say(f"automl-objective: error: {error}")
        return EXIT_INVALID
    finally:
        if bar is not None:
            bar.close()
    reporter = (
        TextReporter(colour=wants_colour(out))
        if args.format == "text"
        else REPORTERS[args.format]()
    )
    reporter.report(results, out)
    return EXIT_OK if all(r.valid for r in results) else EXIT_INVALID


def run_metrics(args: argparse.Namespace, out: TextIO) -> int:
    from automl_objective.catalog import load_catalog
    from automl_objective.lookups import METRICS_FORMATS, UnknownProblemType, metrics_table

    try:
        table = metrics_table(load_catalog(), args.problem_type)
    except UnknownProblemType as error:
        return _usage(str(error))
    METRICS_FORMATS[args.format](table, out)
    return EXIT_OK


def run_schemas(args: argparse.Namespace, out: TextIO) -> int:
    from automl_objective.editor_schemas import EditorSchemasMissing, editor_schema_paths

    try:
        paths = editor_schema_paths()
    except EditorSchemasMissing as error:
        return _usage(str(error))
    out.writelines(f"{printable(str(path))}\n" for path in paths)
    return EXIT_OK


def run_resolve(args: argparse.Namespace, out: TextIO) -> int:
    from automl_objective.api import resolve_source
    from automl_objective.discovery import DiscoveryError, discover
    from automl_objective.lookups import RESOLUTION_FORMATS
    from automl_objective.reporters import TextReporter
    from automl_objective.runner import OptionError
    from automl_objective.validation import UsageError, check_options

    if len(args.paths) != 1:
        return _usage(f"resolve takes one FILE (or - for stdin), not {len(args.paths)}")
    try:
        check_options(args.kind, args.problem_type)
        (source,) = discover(args.paths, allow_directories=False)
    except (UsageError, DiscoveryError) as error:
        return _usage(str(error))
    if source.is_stdin and sys.stdin is None:
        return _usage("'-' names standard input, but it is closed")
    try:
        result, resolution = resolve_source(
            source,
            kind=args.kind,
            problem_type=args.problem_type,
            max_bytes=args.max_bytes,
            stdin=sys.stdin.buffer if source.is_stdin else None,
        )
    except OptionError as error:
        return _usage(f"--{error.argument.replace('_', '-')} {error.problem}")
    if resolution is None:
        if sys.stderr is not None:
            TextReporter().report([result], sys.stderr)
        return EXIT_INVALID
    RESOLUTION_FORMATS[args.format](result.path, resolution, out)
    return EXIT_OK


class MissingExtra(Exception):
    """A command needs packages of an extra that is not installed."""

    def __init__(self, command: str, module: str | None) -> None:
        super().__init__(
            f"{command} needs the codegen extra (no module {module!r}): "
            "pip install 'automl-objective[codegen]'"
        )


def run_generate(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    try:
        from automl_objective_codegen.paths import DEFAULT_OUTPUT, DEFAULT_SCHEMA, require_extra

        require_extra()
        from automl_objective_codegen.run import GenerateError, generate
    except ModuleNotFoundError as error:
        return _usage(str(MissingExtra("generate", error.name)))

    schema = Path(args.schema) if args.schema else DEFAULT_SCHEMA
    output = Path(args.output) if args.output else DEFAULT_OUTPUT
    if not schema.exists():
        return _usage(f"{schema}: no such schema (run from the project root, or pass --schema)")
    try:
        result = generate(schema, output, check=args.check, allow_downgrade=args.allow_downgrade)
    except GenerateError as error:
        say(f"automl-objective: {error}")
        return EXIT_USAGE
    for warning in result.warnings:
        say(f"automl-objective: warning: {warning}")
    if result.plan.foreign:
        say(
            "automl-objective: note: left alone, not written by generate: "
            + ", ".join(result.plan.foreign)
        )
    changes = result.plan
    summary = (
        f"{len(changes.added)} added, {len(changes.changed)} changed, "
        f"{len(changes.removed)} removed"
    )
    if args.check:
        if changes.stale:
            out.write(result.diff)
            say(
                f"automl-objective: {output}/ is stale ({summary}); run `automl-objective generate`"
            )
            return EXIT_INVALID
        out.write(printable(f"{output}/ is up to date") + "\n")
        return EXIT_OK
    said = f"{output}/: {summary}" if changes.stale else f"{output}/ is up to date"
    out.write(printable(said) + "\n")
    return EXIT_OK


def run_sync(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from automl_objective_codegen.paths import DEFAULT_OUTPUT, DEFAULT_SCHEMA
    from automl_objective_codegen.sync_run import (
        DowngradeRefused,
        SyncError,
        as_json,
        as_markdown,
        as_text,
        run_sync,
    )

    path = Path(args.schema) if args.schema else DEFAULT_SCHEMA
    output = Path(args.output) if args.output else DEFAULT_OUTPUT
    if not path.is_file():
        return _usage(f"{path}: no such schema (run from the project root, or pass --schema)")
    try:
        outcome = run_sync(path, output, write=args.write, allow_downgrade=args.allow_downgrade)
    except (SyncError, DowngradeRefused) as error:
        say(f"automl-objective: {error}")
        return EXIT_USAGE
    if outcome.version_note and args.format == "text":
        say(f"automl-objective: note: {outcome.version_note}")
    if args.format == "json":
        out.write(as_json(outcome))
    else:
        report = as_markdown(outcome) if args.format == "markdown" else as_text(outcome)
        out.write(_printable_lines(report))
    return outcome.exit_code


def _printable_lines(report: str) -> str:
    """A report of lines, each shown as every output shows text (:func:`printable`): a value
    in it cannot start a workflow command or a terminal escape."""
    return "".join(printable(line) + "\n" for line in report.removesuffix("\n").split("\n"))


def run_lsp(args: argparse.Namespace, out: TextIO) -> int:
    from automl_objective.lsp import LspExtraMissing, serve

    try:
        return serve()
    except LspExtraMissing as error:
        return _usage(
            f"lsp needs the lsp extra (no module {error}): pip install 'automl-objective[lsp]'"
        )


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "validate": run_validate,
    "metrics": run_metrics,
    "resolve": run_resolve,
    "generate": run_generate,
    "schemas": run_schemas,
    "lsp": run_lsp,
    "sync": run_sync,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command, for a caller in Python. SIGTERM is handled as SIGINT is: the run
    stops (and stops its workers) and returns 143 (130 for SIGINT), without a traceback."""
    return _main(argv, _raise_for)


def entry() -> None:
    """The ``automl-objective`` command: :func:`main`, except that SIGINT and SIGTERM end the
    process at once with 130 / 143.

    An exception raised by a signal at an arbitrary point is not safe for the interpreter
    itself: one that interrupts an import made CPython 3.11 end by re-sending SIGINT (status
    -2) and CPython 3.13 hang at exit. Nothing of a run needs cleaning up on an interrupt
    (results are printed only at its end; generate's files are each old or new, and its
    temporaries go with the next run; workers die with the process), so it ends at once.
    """
    sys.exit(_main(None, _exit_for))


def _main(argv: Sequence[str] | None, handler: Any) -> int:
    previous: dict[int, Any] = {}
    try:  # installed inside the try: a signal right after it is still handled here
        previous = _handle_signals(handler)
        return _run(argv)
    except (KeyboardInterrupt, Interrupted):
        return EXIT_SIGINT
    except Terminated:
        return EXIT_SIGTERM
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _run(argv: Sequence[str] | None) -> int:
    if sys.stdout is None:
        say("automl-objective: error: standard output is closed; no result could be reported")
        return EXIT_USAGE
    try:
        args = parse_arguments(sys.argv[1:] if argv is None else argv)
    except SystemExit as done:  # --help and --version print, then argparse exits
        if done.code in (0, None):
            return _flushed_or_usage()
        raise
    except OSError as error:  # help or a usage error could not be written
        return _write_failed(error)

    out = Output(sys.stdout)
    try:
        code = COMMANDS[args.command](args, cast(TextIO, out))
        out.flush()
    except OutputError as error:
        return _write_failed(error.cause)
    return code


def _flushed_or_usage() -> int:
    """0 once what argparse printed reached standard output; 2 (one line) if it could not."""
    try:
        sys.stdout.flush()
    except OSError as error:
        return _write_failed(error)
    return EXIT_OK


def _write_failed(error: OSError) -> int:
    """Standard output failed: quiet for a reader that left (`| head`), as other tools are;
    otherwise one line and exit 2."""
    discard_output()
    if isinstance(error, BrokenPipeError):
        return EXIT_PIPE
    say(f"automl-objective: error: cannot write the results: {error.strerror or error}")
    return EXIT_USAGE


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM, so that clean-up runs as for Ctrl-C."""


class Interrupted(BaseException):
    """Raised in the main thread on SIGINT instead of KeyboardInterrupt. CPython ends a
    process whose KeyboardInterrupt interrupted an import by re-sending itself SIGINT at
    exit (status -2, whatever main() returned); an exception of our own keeps exit 130."""


def _raise_for(signum: int, frame: object) -> None:
    raise Terminated if signum == signal.SIGTERM else Interrupted


def _exit_for(signum: int, frame: object) -> None:
    os._exit(EXIT_SIGTERM if signum == signal.SIGTERM else EXIT_SIGINT)


def _handle_signals(handler: Any) -> dict[int, Any]:
    """Our handlers for SIGTERM and SIGINT (where SIGINT is not ignored, as under nohup);
    the previous ones, to put back."""
    previous: dict[int, Any] = {}
    try:
        for number in (signal.SIGTERM, signal.SIGINT):
            if signal.getsignal(number) != signal.SIG_IGN:
                previous[number] = signal.signal(number, handler)
    except ValueError:  # not the main thread (main() called from a thread): leave it be
        pass
    return previous


if __name__ == "__main__":
    entry()
