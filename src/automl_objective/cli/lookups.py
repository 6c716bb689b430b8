"""``automl-objective metrics`` and ``schemas``: what the schema states, and where the
installed editor schemas are."""

from __future__ import annotations

import argparse
from typing import TextIO

from automl_objective.base.editor_schemas import EditorSchemasMissing, editor_schema_paths
from automl_objective.base.quoting import printable
from automl_objective.check.catalog import load_catalog
from automl_objective.cli.exits import EXIT_OK, usage
from automl_objective.report.lookups import (
    METRICS_FORMATS,
    UnknownProblemType,
    metrics_table,
    write_schemas_json,
)


def run_metrics(args: argparse.Namespace, out: TextIO) -> int:
    try:
        table = metrics_table(load_catalog(), args.problem_type)
    except UnknownProblemType as error:
        return usage(str(error))
    METRICS_FORMATS[args.format](table, out)
    return EXIT_OK


def run_schemas(args: argparse.Namespace, out: TextIO) -> int:
    try:
        paths = editor_schema_paths()
    except EditorSchemasMissing as error:
        return usage(str(error))
    if args.format == "json":
        write_schemas_json(paths, out)
    else:
        out.writelines(f"{printable(str(path))}\n" for path in paths)
    return EXIT_OK
