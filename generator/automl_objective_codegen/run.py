"""``automl-objective generate``: read the schema, render every output, check or write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from automl_objective.base.quoting import printable
from automl_objective.base.schema import (
    ExternalReferenceError,
    SchemaTextError,
    pointer_part,
    refuse_dangling_refs,
    refuse_external_refs,
    refuse_unwritable_text,
)
from automl_objective.check.catalog import SchemaContentError, catalog_from_schema, catalog_problems
from automl_objective_codegen.environment import UnsafeTemplateValue
from automl_objective_codegen.outputs import Source, render_outputs
from automl_objective_codegen.paths import DEFAULT_OUTPUT, DEFAULT_SCHEMA
from automl_objective_codegen.placeholders import placeholders
from automl_objective_codegen.readme_table import (
    ReadmeError,
    ReadmeTable,
    check_writable,
    readme_beside,
    write_readme,
)
from automl_objective_codegen.schema_file import (
    SchemaFileError,
    parse_schema_text,
    read_schema_text,
)
from automl_objective_codegen.tree import Plan, TreeError, diff, plan, write


class GenerateError(Exception):
    """The schema cannot be read or does not have the shape the generator needs."""

    def __init__(self, message: str) -> None:
        # One printable line, whatever a key or a path holds (a line break, a surrogate).
        super().__init__(printable(message))


@dataclass
class GenerateResult:
    plan: Plan
    diff: str
    warnings: list[str]
    wrote: bool


def read_source(schema_path: Path) -> Source:
    """Read and check the schema; ``GenerateError`` (one line naming the file) if it cannot
    be generated from."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        text = read_schema_text(schema_path)
        schema = parse_schema_text(schema_path, text)
    except SchemaFileError as error:
        raise GenerateError(str(error)) from None
    try:
        Draft202012Validator.check_schema(schema)
        if not isinstance(schema, dict):
            raise SchemaContentError(f"schema: the root must be an object, not {schema!r}")
        refuse_external_refs(schema)
        refuse_unwritable_text(schema)
        refuse_placeholders(schema)
        catalog_from_schema(schema)
        refuse_dangling_refs(schema)
    except SchemaError as error:
        where = "/".join(pointer_part(p) for p in error.absolute_path)
        raise GenerateError(
            f"{schema_path}: not a valid draft 2020-12 schema at /{where}: {error.message:.200}"
        ) from None
    except (SchemaContentError, ExternalReferenceError, SchemaTextError) as error:
        raise GenerateError(f"{schema_path}: {error}") from None
    except RecursionError:
        raise GenerateError(f"{schema_path}: the schema is nested too deeply") from None
    if not isinstance(schema.get("$schema"), str):
        raise GenerateError(f'{schema_path}: the root has no "$schema" string')
    # Headers name the schema by its folder and file name only, so that the output does not
    # depend on where the checkout lives.
    return Source(schema, text, display_name(schema_path))


def refuse_placeholders(schema: dict[str, Any]) -> None:
    """``SchemaContentError`` naming every placeholder ``sync --write`` left, by pointer."""
    left = placeholders(schema)
    if left:
        raise SchemaContentError(
            f"{len(left)} placeholder(s) left by sync; fill in {', '.join(left)}"
        )


def refuse_gaps(schema_path: Path, schema: dict[str, Any]) -> None:
    """``GenerateError`` while the schema's facts are incomplete or inconsistent (a metric no
    problem type allows, a ProblemType without a rule, ...)."""
    problems = catalog_problems(catalog_from_schema(schema))
    if problems:
        raise GenerateError(f"{schema_path}: incomplete: {'; '.join(problems)}")


def display_name(schema_path: Path) -> str:
    """How headers name the schema: its folder and file name, with anything that could end a
    comment (a line break, ``--``, ``*/``) or is not plain ASCII written as an escape."""
    shown = f"{schema_path.resolve().parent.name}/{schema_path.name}"
    safe = "".join(
        char
        if char.isascii() and (char.isalnum() or char in "._+-/ ")
        else f"\\u{ord(char):04x}"
        if ord(char) < 0x10000
        else f"\\U{ord(char):08x}"
        for char in shown
    )
    return safe.replace("--", "-\\u002d")


def render_source(source: Source, schema_path: Path) -> dict[str, str]:
    """Every output of ``source``; ``GenerateError`` instead of any exception."""
    from automl_objective_codegen.compiler import CompileError
    from automl_objective_codegen.java_patterns import UntranslatablePattern

    try:
        return render_outputs(source)
    except UnsafeTemplateValue as error:
        raise GenerateError(f"{schema_path}: {error}") from None
    except (UntranslatablePattern, CompileError) as error:  # a rule the checks cannot carry
        raise GenerateError(str(error)) from None
    except Exception as error:  # a last resort: generate never ends in a traceback
        first = str(error).splitlines()[0] if str(error) else ""
        raise GenerateError(
            f"{schema_path}: cannot render the outputs: {type(error).__name__}: {first:.200}"
        ) from None


def _refuse_botocore(output: Path, *, check: bool, allow_downgrade: bool) -> None:
    from automl_objective_codegen.versions import DowngradeRefused, mismatch, refuse_downgrade

    found = mismatch(output)
    if found and check:
        installed, recorded = found
        raise GenerateError(
            f"botocore version mismatch: botocore {installed} is installed, but {output}/ was "
            f"rendered from botocore {recorded}; check with botocore=={recorded} (the codegen "
            "extra's pin), or take AWS's changes: `automl-objective sync --from-botocore "
            "--write`, then `automl-objective generate`"
        )
    if not allow_downgrade:
        try:
            refuse_downgrade(output, "generate")
        except DowngradeRefused as error:
            raise GenerateError(str(error)) from None


def _readme(output: Path, schema: dict[str, Any], *, check: bool) -> ReadmeTable | None:
    """The README table beside ``output``, refused (before anything is rendered or written)
    when its markers are wrong or, for a write, when a stale one could not be rewritten."""
    try:
        readme = readme_beside(output, catalog_from_schema(schema))
        if readme is not None and not check:
            check_writable(readme)
    except ReadmeError as error:
        raise GenerateError(str(error)) from None
    return readme


def generate(
    schema_path: Path = DEFAULT_SCHEMA,
    output: Path = DEFAULT_OUTPUT,
    *,
    check: bool = False,
    allow_downgrade: bool = False,
) -> GenerateResult:
    """Render generated/ from the schema; with ``check``, only compare (nothing is written).
    Refused while the schema has placeholders or gaps, and (unless ``allow_downgrade``) with
    a botocore older than the one ``output`` was rendered from."""
    source = read_source(schema_path)
    refuse_gaps(schema_path, source.schema)
    _refuse_botocore(output, check=check, allow_downgrade=allow_downgrade)
    readme = _readme(output, source.schema, check=check)
    outputs = render_source(source, schema_path)
    warnings: list[str] = []
    try:
        if check:
            changes = plan(outputs, output)
            shown = diff(outputs, output, changes)
            if readme is not None and readme.stale:
                changes.changed.append(f"../{readme.path.name}")
                shown += readme.diff()
            return GenerateResult(changes, shown, warnings, wrote=False)
        changes = write(outputs, output)
    except TreeError as error:
        raise GenerateError(str(error)) from None
    try:
        if readme is not None and write_readme(readme):
            changes.changed.append(f"../{readme.path.name}")
    except ReadmeError as error:
        raise GenerateError(str(error)) from None
    return GenerateResult(changes, "", warnings, wrote=changes.stale)
