"""Load the canonical schema once per process.

At run time the schema comes from the copy that ``automl-objective generate`` bundles into the
generated package, so an installed wheel and an editable checkout read the same file. The
canonical, hand-edited source stays ``schema/automl_job_objective.schema.json``; the generator's
``--check`` keeps the two identical.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_FILENAME = "automl_job_objective.schema.json"
GENERATED_PACKAGE = "automl_objective_generated"

Schema = dict[str, Any]


AWS_FOLDER = "aws"
AWS_INDEX = "kinds.json"


def _generated_file(*parts: str) -> Path:
    import automl_objective_generated  # a plain path: importlib.resources costs ~5 ms to import

    return Path(automl_objective_generated.__file__).parent.joinpath(*parts)


def bundled_schema_text() -> str:
    """The text of the schema bundled with the installed package."""
    return _generated_file(SCHEMA_FILENAME).read_text("utf-8")


@cache
def load_aws_index() -> dict[str, Any]:
    """Which whole-document kinds the generated AWS schemas define, and how to detect them."""
    index: dict[str, Any] = json.loads(_generated_file(AWS_FOLDER, AWS_INDEX).read_text("utf-8"))
    return index


@cache
def load_aws_schema(file: str) -> Schema:
    schema: Schema = json.loads(_generated_file(AWS_FOLDER, file).read_text("utf-8"))
    return schema


@cache
def load_schema() -> Schema:
    """The bundled schema, parsed once per process. Callers must not mutate it."""
    schema: Schema = json.loads(bundled_schema_text())
    return schema


class ExternalReferenceError(ValueError):
    """The schema refers outside itself; only the bundled schema is ever resolved."""


def refuse_external_refs(schema: Schema) -> None:
    """Raise unless every ``$ref`` points inside the schema (``#...`` or its own ``$id#...``).

    Nothing is ever fetched: an http(s) reference or a file outside schema/ is an error, said
    before any validation starts.
    """
    own = str(schema.get("$id", "")).split("#", 1)[0]
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if (
                isinstance(ref, str)
                and not ref.startswith("#")
                and (not own or ref.split("#", 1)[0] != own)
            ):
                raise ExternalReferenceError(
                    f"$ref {ref!r} is refused: only references inside the schema resolve "
                    "(nothing is fetched from a network or another file)"
                )
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def read_schema_file(path: Path) -> Schema:
    """Read a schema from disk (the generator and ``sync`` work on the canonical file)."""
    schema: Schema = json.loads(path.read_text("utf-8"))
    return schema
