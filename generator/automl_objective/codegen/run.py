"""``automl-objective generate``: read the schema, render every output, check or write."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from automl_objective.catalog import SchemaContentError, catalog_from_schema, catalog_problems
from automl_objective.codegen.outputs import Source, render_outputs
from automl_objective.codegen.tree import Plan, TreeError, diff, plan, write
from automl_objective.schema import ExternalReferenceError, refuse_external_refs

DEFAULT_SCHEMA = Path("schema") / "automl_job_objective.schema.json"
DEFAULT_OUTPUT = Path("generated")


class GenerateError(Exception):
    """The schema cannot be read or does not have the shape the generator needs."""


@dataclass
class GenerateResult:
    plan: Plan
    diff: str
    warnings: list[str]
    wrote: bool


def read_source(schema_path: Path) -> Source:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        text = schema_path.read_text("utf-8")
    except OSError as error:
        raise GenerateError(f"{schema_path}: cannot read: {error.strerror or error}") from None
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as error:
        raise GenerateError(
            f"{schema_path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}"
        ) from None
    try:
        Draft202012Validator.check_schema(schema)
        refuse_external_refs(schema)
        catalog_from_schema(schema)
    except SchemaError as error:
        where = "/".join(str(p) for p in error.absolute_path)
        raise GenerateError(
            f"{schema_path}: not a valid draft 2020-12 schema at /{where}: {error.message}"
        ) from None
    except (
        SchemaContentError,
        ExternalReferenceError,
        KeyError,
        TypeError,
        AttributeError,
    ) as error:
        raise GenerateError(f"{schema_path}: {error}") from None
    # Headers name the schema by its folder and file name only, so that the output does not
    # depend on where the checkout lives.
    return Source(schema, text, f"{schema_path.resolve().parent.name}/{schema_path.name}")


def generate(
    schema_path: Path = DEFAULT_SCHEMA, output: Path = DEFAULT_OUTPUT, *, check: bool = False
) -> GenerateResult:
    """Render generated/ from the schema; with ``check``, only compare (nothing is written)."""
    source = read_source(schema_path)
    outputs = render_outputs(source)
    warnings = catalog_problems(catalog_from_schema(source.schema))
    try:
        if check:
            changes = plan(outputs, output)
            return GenerateResult(changes, diff(outputs, output, changes), warnings, wrote=False)
        changes = write(outputs, output)
    except TreeError as error:
        raise GenerateError(str(error)) from None
    return GenerateResult(changes, "", warnings, wrote=changes.stale)
