"""``automl-objective resolve``: one document's effective objective."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from automl_objective.api import resolve_source
from automl_objective.check.checker import UsageError, check_options
from automl_objective.cli.exits import EXIT_INVALID, EXIT_OK, usage
from automl_objective.cli.notes import note_problem_type_ignored
from automl_objective.inputs.discovery import DiscoveryError, discover
from automl_objective.report import TextReporter
from automl_objective.report.lookups import RESOLUTION_FORMATS, write_resolution_json
from automl_objective.runner import OptionError


def run_resolve(args: argparse.Namespace, out: TextIO) -> int:
    if len(args.paths) != 1:
        return usage(f"resolve takes one FILE (or - for stdin), not {len(args.paths)}")
    try:
        check_options(args.kind, args.problem_type)
        (source,) = discover(args.paths, allow_directories=False)
    except (UsageError, DiscoveryError) as error:
        return usage(str(error))
    if source.is_stdin and sys.stdin is None:
        return usage("'-' names standard input, but it is closed")
    try:
        result, resolution = resolve_source(
            source,
            kind=args.kind,
            problem_type=args.problem_type,
            max_bytes=args.max_bytes,
            stdin=sys.stdin.buffer if source.is_stdin else None,
        )
    except OptionError as error:
        return usage(f"--{error.argument.replace('_', '-')} {error.problem}")
    note_problem_type_ignored(args.problem_type, [result])
    if args.format == "json":  # a machine reads standard output, whatever the verdict
        write_resolution_json(result, resolution, out)
    elif resolution is None:
        if sys.stderr is not None:
            TextReporter().report([result], sys.stderr)
    else:
        RESOLUTION_FORMATS[args.format](result, resolution, out)
    return EXIT_INVALID if resolution is None else EXIT_OK
