"""Load the canonical schema once per process.

At run time the schema comes from the copy that ``automl-objective generate`` bundles into the
generated package, so an installed wheel and an editable checkout read the same file. The
canonical, hand-edited source stays ``schema/automl_job_objective.schema.json``; the generator's
``--check`` keeps the two identical.
"""

from __future__ import annotations

import json
import os
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

SCHEMA_FILENAME = "automl_job_objective.schema.json"
GENERATED_PACKAGE = "automl_objective_generated"

if TYPE_CHECKING:
    Schema = dict[str, Any]
else:  # the same at run time, without typing's Any (a clean run imports no typing)
    Schema = dict


AWS_FOLDER = "aws"
AWS_INDEX = "kinds.json"


def _generated_text(*parts: str) -> str:
    """A file of the generated package, read (a plain path, not importlib.resources or
    pathlib: each costs milliseconds to import on every run)."""
    import automl_objective_generated

    folder = os.path.dirname(automl_objective_generated.__file__)
    with open(os.path.join(folder, *parts), encoding="utf-8") as file:
        return file.read()


def bundled_schema_text() -> str:
    """The text of the schema bundled with the installed package."""
    return _generated_text(SCHEMA_FILENAME)


@cache
def load_aws_index() -> dict[str, Any]:
    """Which whole-document kinds the generated AWS schemas define, and how to detect them."""
    index: dict[str, Any] = json.loads(_generated_text(AWS_FOLDER, AWS_INDEX))
    return index


@cache
def load_aws_schema(file: str) -> Schema:
    schema: Schema = json.loads(_generated_text(AWS_FOLDER, file))
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


class SchemaTextError(ValueError):
    """A schema string that no generated file can hold (UTF-8 and text formats)."""


_CONTROL = frozenset(map(chr, [*range(0x20), *range(0x7F, 0xA0)])) - {"\t", "\n", "\r"}


def pointer_part(key: object) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def _unsafe_char(text: str) -> str | None:
    for char in text:
        code = ord(char)
        if (
            char in _CONTROL
            or 0xD800 <= code <= 0xDFFF  # a lone surrogate
            or 0xFDD0 <= code <= 0xFDEF  # noncharacters, which HTML refuses
            or code & 0xFFFE == 0xFFFE
        ):
            return char
    return None


def refuse_unwritable_text(schema: Schema) -> None:
    """Raise for a key or string holding a lone surrogate (UTF-8 cannot encode it), a control
    character other than tab and line breaks, or a noncharacter (HTML cannot hold those)."""
    stack: list[tuple[str, Any]] = [("", schema)]
    while stack:
        pointer, node = stack.pop()
        texts: list[tuple[str, str]] = []
        if isinstance(node, dict):
            for key, value in node.items():
                child = f"{pointer}/{pointer_part(key)}"
                texts.append((f"{child} (the key)", key))
                stack.append((child, value))
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{index}", item) for index, item in enumerate(node))
        elif isinstance(node, str):
            texts.append((pointer or "/", node))
        for where, text in texts:
            bad = _unsafe_char(text)
            if bad is not None:
                raise SchemaTextError(
                    f"{where or '/'}: holds U+{ord(bad):04X}, which generated files cannot hold"
                )


def _resolves(schema: Schema, fragment: str, anchors: Callable[[], set[str]]) -> bool:
    from urllib.parse import unquote

    node: Any = schema
    if not fragment.startswith("/"):
        return fragment == "" or fragment in anchors()
    for raw in fragment[1:].split("/"):
        part = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def _anchors(schema: Schema) -> set[str]:
    found: set[str] = set()
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found.update(str(node[key]) for key in ("$anchor", "$dynamicAnchor") if key in node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def refuse_dangling_refs(schema: Schema) -> None:
    """Raise for a ``$ref`` inside the schema that points at nothing (a code generator would
    silently turn it into ``Any``)."""
    anchors = cache(lambda: _anchors(schema))
    stack: list[tuple[str, Any]] = [("", schema)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            fragment = ref.split("#", 1)[1] if isinstance(ref, str) and "#" in ref else ""
            if isinstance(ref, str) and not _resolves(schema, fragment, anchors):
                raise ExternalReferenceError(f"{pointer}/$ref: {ref!r:.80} points at nothing")
            stack.extend((f"{pointer}/{pointer_part(k)}", v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", item) for i, item in enumerate(node))
