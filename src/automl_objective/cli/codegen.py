"""``automl-objective generate`` and ``sync``: they need the codegen extra, imported only
here and only when they run."""

from __future__ import annotations

import argparse
from typing import TextIO

from automl_objective.base.quoting import printable
from automl_objective.cli.exits import EXIT_INVALID, EXIT_OK, EXIT_USAGE, usage
from automl_objective.cli.streams import say


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
        return usage(str(MissingExtra("generate", error.name)))

    schema = Path(args.schema) if args.schema else DEFAULT_SCHEMA
    output = Path(args.output) if args.output else DEFAULT_OUTPUT
    if not schema.exists():
        return usage(f"{schema}: no such schema (run from the project root, or pass --schema)")
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
        return usage(f"{path}: no such schema (run from the project root, or pass --schema)")
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
