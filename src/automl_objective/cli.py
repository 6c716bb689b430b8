"""The ``automl-objective`` command: parse arguments, call the library, print, exit.

Exit codes: 0 success (every document valid), 1 a document is invalid or unparsable (or, for
``generate --check`` and ``sync``, something is stale), 2 usage error (for ``generate`` and
``sync`` also a schema, model or output folder they cannot use: one line, nothing written).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO, cast

from automl_objective import __version__
from automl_objective.documents import MAX_BYTES
from automl_objective.streams import Output, OutputError, discard_output, say

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
"""Also: standard output (or input, with ``-``) closed, full or failing, so no verdict
could reach the reader."""
EXIT_SIGINT = 130
EXIT_PIPE = 141
"""The reader of standard output went away (``| head``), as 128 + SIGPIPE in other tools."""
EXIT_SIGTERM = 143

EXAMPLES = """\
examples:
  automl-objective validate job.json                     check one request file
  automl-objective validate configs/ --format github     every JSON/YAML file under configs/
  cat job.yaml | automl-objective validate -             read standard input
  automl-objective validate --kind objective --problem-type Regression objective.json
  automl-objective metrics --problem-type TimeSeriesForecasting
  automl-objective resolve job.json                      the metric AWS will optimise
  automl-objective generate --check                      is generated/ up to date?
  automl-objective sync --from-botocore                  has AWS changed the valid values?

exit codes: 0 valid, 1 invalid or unparsable document, 2 usage error or unusable
standard output, 130/143 interrupted (SIGINT/SIGTERM), 141 output pipe closed
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="automl-objective",
        description="Check SageMaker Autopilot AutoMLJobObjective metrics against the problem "
        "type before AWS does.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="validate JSON/YAML documents",
        description="Validate AutoMLJobObjective documents, CreateAutoMLJob(V2) requests and "
        "DescribeAutoMLJob(V2) outputs.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument(
        "paths", nargs="+", metavar="PATH", help="file, directory, or - for stdin"
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
        help="files to check inside directories (default: *.json, *.yaml, *.yml); repeatable",
    )
    validate.add_argument(
        "--exclude", action="append", metavar="GLOB", help="files or folders to skip; repeatable"
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

    metrics = commands.add_parser("metrics", help="list metrics, problem types and defaults")
    metrics.add_argument("--problem-type", metavar="TYPE", help="only the metrics of this type")
    metrics.add_argument("--format", default="text", choices=("text", "json"))

    resolve = commands.add_parser("resolve", help="print the effective objective of a document")
    resolve.add_argument("path", metavar="FILE")
    resolve.add_argument("--format", default="text", choices=("text", "json"))
    _add_kind_options(resolve)
    generate = commands.add_parser(
        "generate",
        help="regenerate generated/ (models, tables, docs) from the schema",
        description="Render generated/ from the canonical schema. Run from the project root.",
    )
    generate.add_argument(
        "--check",
        action="store_true",
        help="write nothing; print a diff and exit 1 when generated/ is stale",
    )
    generate.add_argument("--schema", default=None, metavar="PATH", help="canonical schema")
    generate.add_argument("--output", default=None, metavar="DIR", help="output folder")

    sync = commands.add_parser(
        "sync",
        help="compare the schema's valid values with botocore's SageMaker model",
        description="Report drift between the schema and botocore's sagemaker service model "
        "(AWS_DATA_PATH applies). Exit 1 when there is drift.",
    )
    sync.add_argument(
        "--from-botocore", action="store_true", required=True, help="read the installed botocore"
    )
    sync.add_argument("--write", action="store_true", help="write the drift into the schema")
    sync.add_argument("--schema", default=None, metavar="PATH", help="canonical schema")
    return parser


def _add_kind_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind",
        default="auto",
        help="document kind: auto (default), objective, create-auto-ml-job[-v2] (fragments: "
        "objective rules only), create-auto-ml-job[-v2]-request, "
        "describe-auto-ml-job[-v2]-response (whole files)",
    )
    parser.add_argument(
        "--problem-type",
        metavar="TYPE",
        help="check an objective-only document against this problem type",
    )


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
        jobs = default_jobs() if args.jobs in (None, 0) else args.jobs
        CheckOptions(max_bytes=args.max_bytes, jobs=jobs)
        check_options(args.kind, args.problem_type)
        sources = discover(
            args.paths,
            include=args.include or DEFAULT_INCLUDE,
            exclude=(*DEFAULT_EXCLUDE, *(args.exclude or ())),
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

    catalog = load_catalog()
    rules = catalog.problem_types
    if args.problem_type is not None:
        if args.problem_type not in catalog.problem_type_names:
            return _usage(
                f"unknown problem type {args.problem_type!r}; choose from: "
                + ", ".join(catalog.problem_type_names)
            )
        rules = (catalog.problem_type(args.problem_type),)
    names = sorted({m for r in rules for m in r.allowed}, key=catalog.metric_names.index)
    if args.problem_type is None:
        names = list(catalog.metric_names)
    if args.format == "json":
        payload = {
            "metrics": [
                {
                    "name": m.name,
                    "title": m.title,
                    "direction": m.direction,
                    "description": m.description,
                    "problem_types": list(catalog.problem_types_allowing(m.name)),
                }
                for m in (catalog.metric(n) for n in names)
            ],
            "problem_types": [
                {
                    "name": r.name,
                    "job_config": r.job_config,
                    "allowed": list(r.allowed),
                    "default": r.default,
                    "objective_used": r.objective_used,
                }
                for r in rules
            ],
        }
        out.write(json.dumps(payload, indent=2) + "\n")
        return EXIT_OK
    width = max(len(n) for n in names)
    out.write(f"{'METRIC':<{width}}  {'DIRECTION':<9}  PROBLEM TYPES (* = default)\n")
    for name in names:
        metric = catalog.metric(name)
        types = [r.name + ("*" if r.default == name else "") for r in rules if name in r.allowed]
        out.write(f"{name:<{width}}  {metric.direction:<9}  {', '.join(types)}\n")
    for rule in rules:
        if not rule.objective_used:
            out.write(f"\n{rule.name}: AutoMLJobObjective is not used (cross-entropy loss).\n")
    return EXIT_OK


def run_resolve(args: argparse.Namespace, out: TextIO) -> int:
    from automl_objective.api import resolve_file
    from automl_objective.reporters import TextReporter
    from automl_objective.validation import UsageError, check_options

    try:
        check_options(args.kind, args.problem_type)
    except UsageError as error:
        return _usage(str(error))
    result, resolution = resolve_file(args.path, kind=args.kind, problem_type=args.problem_type)
    if resolution is None:
        if sys.stderr is not None:
            TextReporter().report([result], sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        out.write(json.dumps({"path": result.path, **resolution.as_dict()}, indent=2) + "\n")
        return EXIT_OK
    for label, value in resolution.as_dict().items():
        out.write(f"{label + ':':<13}{'-' if value is None else value}\n")
    return EXIT_OK


def run_generate(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from automl_objective_codegen.run import (
        DEFAULT_OUTPUT,
        DEFAULT_SCHEMA,
        GenerateError,
        generate,
    )

    schema = Path(args.schema) if args.schema else DEFAULT_SCHEMA
    output = Path(args.output) if args.output else DEFAULT_OUTPUT
    if not schema.exists():
        return _usage(f"{schema}: no such schema (run from the project root, or pass --schema)")
    try:
        result = generate(schema, output, check=args.check)
    except GenerateError as error:
        sys.stderr.write(f"automl-objective: {error}\n")
        return EXIT_USAGE
    for warning in result.warnings:
        sys.stderr.write(f"automl-objective: warning: {warning}\n")
    if result.plan.foreign:
        sys.stderr.write(
            f"automl-objective: note: left alone, not written by generate: "
            f"{', '.join(result.plan.foreign)}\n"
        )
    changes = result.plan
    summary = (
        f"{len(changes.added)} added, {len(changes.changed)} changed, "
        f"{len(changes.removed)} removed"
    )
    if args.check:
        if changes.stale:
            out.write(result.diff)
            sys.stderr.write(
                f"automl-objective: {output}/ is stale ({summary}); run `automl-objective "
                "generate`\n"
            )
            return EXIT_INVALID
        out.write(f"{output}/ is up to date\n")
        return EXIT_OK
    out.write(f"{output}/: {summary}\n" if changes.stale else f"{output}/ is up to date\n")
    return EXIT_OK


def _sync_todos(schema: dict[str, object]) -> list[str]:
    from automl_objective.catalog import SchemaContentError, catalog_from_schema, catalog_problems

    try:
        return catalog_problems(catalog_from_schema(schema))
    except SchemaContentError as error:  # e.g. AWS dropped a problem type's default metric
        return [str(error).removeprefix("schema: ")]


def run_sync(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from automl_objective_codegen.run import DEFAULT_SCHEMA
    from automl_objective_codegen.sync import SyncError, apply, aws_values, compare, write_schema

    from automl_objective.schema import read_schema_file

    path = Path(args.schema) if args.schema else DEFAULT_SCHEMA
    if not path.is_file():
        return _usage(f"{path}: no such schema (run from the project root, or pass --schema)")
    try:
        schema = read_schema_file(path)
        aws = aws_values()
        drift = compare(schema, aws)
        updated = apply(schema, drift) if args.write and drift.any else None
        if updated is not None:
            write_schema(path, updated)
    except SyncError as error:
        sys.stderr.write(f"automl-objective: {error}\n")
        return EXIT_USAGE
    except (ValueError, OSError, RecursionError) as error:
        sys.stderr.write(f"automl-objective: {path}: cannot read: {error}\n")
        return EXIT_USAGE
    except (LookupError, TypeError) as error:
        sys.stderr.write(f"automl-objective: {path}: cannot apply the drift: no {error}\n")
        return EXIT_USAGE
    out.write(f"botocore {aws.botocore_version} against {path}\n")
    for part in drift.parts:
        if part.added or part.removed:
            out.write(f"{part.what}:\n")
            out.writelines(f"  + {value}\n" for value in part.added)
            out.writelines(f"  - {value}\n" for value in part.removed)
    if not drift.any:
        out.write("no drift\n")
        return EXIT_OK
    if updated is not None:
        out.write(
            f"wrote {path}; now fill in the placeholders, then run `automl-objective generate`\n"
        )
        for problem in _sync_todos(updated):
            out.write(f"  todo: {problem}\n")
    return EXIT_INVALID


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "validate": run_validate,
    "metrics": run_metrics,
    "resolve": run_resolve,
    "generate": run_generate,
    "sync": run_sync,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. SIGTERM is handled as SIGINT is: the run stops (and stops its
    workers) and exits 143 (130 for SIGINT), without a traceback."""
    previous = _handle_sigterm()
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return EXIT_SIGINT
    except Terminated:
        return EXIT_SIGTERM
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if sys.stdout is None:
        say("automl-objective: error: standard output is closed; no result could be reported")
        return EXIT_USAGE
    out = Output(sys.stdout)
    try:
        code = COMMANDS[args.command](args, cast(TextIO, out))
        out.flush()
    except OutputError as error:
        discard_output()
        if isinstance(error.cause, BrokenPipeError):
            return EXIT_PIPE  # the reader left (`| head`): stop quietly, as other tools do
        say(f"automl-objective: error: cannot write the results: {error}")
        return EXIT_USAGE
    return code


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM, so that clean-up runs as for Ctrl-C."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def _handle_sigterm() -> Any:
    try:
        return signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread (main() called from a thread): leave it be
        return None


if __name__ == "__main__":
    sys.exit(main())
