"""The command line's grammar: each command's options, help texts and examples (the kinds,
problem types, formats and default globs read from the registries), parsed as other linters
parse theirs: options before or after the paths."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from automl_objective import __version__
from automl_objective.base.quoting import printable
from automl_objective.cli.fast_path import VALIDATE_DEFAULTS
from automl_objective.inputs.reading import MAX_BYTES

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

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
  automl-objective schemas --format json                 the same, for a machine
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
        "notebooks, the AutoML steps of SageMaker Pipelines definitions and Step Functions "
        "state machines, and CloudFormation, SAM and CDK templates. Options may come before "
        "or after the paths.",
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
        "--placeholders",
        default="report",
        choices=("report", "dynamic"),
        help="a value that is entirely ${NAME} or $NAME (a template placeholder): report it "
        "(default), or take it as a value known only at run time",
    )
    from automl_objective.inputs.registry import default_include

    validate.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="files to check inside directories "
        f"(default: {', '.join(default_include())}); repeatable",
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
        help="worker processes for large runs (default, or 0: one per CPU that no other "
        "task keeps busy now; at most one per 250 files, and 64); output order is kept",
    )
    validate.set_defaults(**VALIDATE_DEFAULTS)  # what a run without options gets, argparse or not


def _add_metrics_options(metrics: argparse.ArgumentParser) -> None:
    from automl_objective.check.catalog import load_catalog

    names = ", ".join(load_catalog().problem_type_names)
    metrics.add_argument(
        "--problem-type", metavar="TYPE", help=f"only the metrics of this type: {names}"
    )
    metrics.add_argument("--format", default="text", choices=_lookup_formats("metrics"))


def _add_schemas_options(schemas: argparse.ArgumentParser) -> None:
    schemas.add_argument("--format", default="text", choices=("text", "json"))


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
    from automl_objective.check.catalog import load_catalog
    from automl_objective.check.checker import AUTO, default_checker

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
    "schemas": _add_schemas_options,
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
    from automl_objective.report.lookups import METRICS_FORMATS, RESOLUTION_FORMATS

    return list(METRICS_FORMATS if command == "metrics" else RESOLUTION_FORMATS)


def _reporter_names() -> list[str]:
    from automl_objective.report import REPORTERS

    return list(REPORTERS)
