"""The schema as ``sync`` reads it: the file read as ``generate`` reads it (no repeated key, no
FIFO, UTF-8, bounded), no text that cannot be written back (a lone surrogate), and every part
``sync`` reads or writes in the shape it needs (``SHAPE``, checked with jsonschema), so that a
wrong shape is one line naming its place, never a traceback, and never a string taken for a
list of its letters.

The shape asks only for what ``sync`` touches; a schema ``sync --write`` has just left
placeholders in (which ``generate`` refuses) still passes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from automl_objective.base.schema import (
    Schema,
    SchemaTextError,
    pointer_part,
    refuse_unwritable_text,
)
from automl_objective_codegen.schema_file import SchemaFileError, read_schema_json

_NAMES: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
_VALUE_LIST: dict[str, Any] = {
    "type": "object",
    "required": ["enum"],
    "properties": {"enum": _NAMES},
}
_RULE: dict[str, Any] = {  # a $defs entry with "x-problem-type": one problem type's rule
    "type": "object",
    "properties": {
        "x-problem-type": {"type": "string"},
        "x-job-config": {"type": "string"},
        "enum": _NAMES,
    },
}
SHAPE: dict[str, Any] = {
    "type": "object",
    "required": ["$defs"],
    "properties": {
        "$defs": {
            "type": "object",
            "required": ["MetricName", "ProblemType", "AutoMLProblemTypeConfig"],
            "properties": {
                "MetricName": {
                    **_VALUE_LIST,
                    "properties": {
                        "enum": _NAMES,
                        "x-metrics": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "object",
                                "properties": {"aliases": _NAMES},
                            },
                        },
                    },
                },
                "ProblemType": _VALUE_LIST,
                "AutoMLProblemTypeConfig": {
                    "type": "object",
                    "required": ["propertyNames"],
                    "properties": {
                        "propertyNames": _VALUE_LIST,
                        "properties": {"type": "object"},
                    },
                },
            },
            "additionalProperties": {
                "if": {"type": "object", "required": ["x-problem-type"]},
                "then": _RULE,
            },
        }
    },
}

_EXPECTED = {"object": "an object", "array": "a list", "string": "a string"}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a string" if isinstance(value, str) else "a number"


def _message(error: Any) -> str:
    """jsonschema's error in the words of the rest of the CLI (JSON's names, not Python's)."""
    where = "".join(f"/{pointer_part(part)}" for part in error.absolute_path) or "the root"
    if error.validator == "type":
        return f"{where} must be {_EXPECTED[error.validator_value]}, not {_kind(error.instance)}"
    if error.validator == "required":
        missing = next(k for k in error.validator_value if k not in error.instance)
        return f"{where} has no {missing!r}"
    return f"{where}: {error.message:.200}"  # SHAPE uses no other keyword today


class SchemaShapeError(ValueError):
    """The schema lacks a part ``sync`` reads, holds one in another shape, or is nested more
    deeply than ``MAX_DEPTH``."""


MAX_DEPTH = 200
"""Levels of objects and lists ``sync`` reads (the canonical schema has 14): its writer copies
and walks the whole schema recursively, and a limit it states beats a RecursionError."""


def refuse_deep(schema: Any) -> None:
    """``SchemaShapeError`` for a value nested more than ``MAX_DEPTH`` levels (iterative)."""
    stack: list[tuple[Any, int]] = [(schema, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth > MAX_DEPTH:
                raise SchemaShapeError(f"nested more than {MAX_DEPTH} levels deep")
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)


def refuse_misshapen(schema: Any) -> None:
    """``SchemaShapeError`` (one line, naming the place) unless ``schema`` has ``SHAPE``."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(SHAPE).iter_errors(schema))
    if error is not None:
        raise SchemaShapeError(_message(error))


def read_sync_schema(path: Path) -> Schema:
    """The schema at ``path``, or ``ValueError`` (one line naming the file and the place)."""
    try:
        schema = read_schema_json(path)
        refuse_deep(schema)
        refuse_misshapen(schema)
        refuse_unwritable_text(schema)
    except (SchemaFileError, SchemaShapeError, SchemaTextError) as error:
        text = str(error)
        raise ValueError(text if text.startswith(f"{path}:") else f"{path}: {text}") from None
    except RecursionError:
        raise ValueError(f"{path}: nested too deeply") from None
    result: Schema = schema
    return result
