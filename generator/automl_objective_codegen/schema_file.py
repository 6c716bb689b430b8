"""Reading the canonical schema file, as ``generate`` and ``sync`` both do: a regular file
(never a FIFO, which would block the reader) of at most ``MAX_SCHEMA_BYTES``, UTF-8, JSON in
which no object repeats a key (``json`` would keep the last value without a word, and
``sync --write`` would then write the schema back without the first)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

MAX_SCHEMA_BYTES = 16 * 1024 * 1024


class SchemaFileError(Exception):
    """The schema file cannot be read as JSON; the message is one line naming the file."""


class _RepeatedKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise _RepeatedKey(f"the key {key!r:.60} appears twice in one object")
        mapping[key] = value
    return mapping


def read_schema_text(schema_path: Path) -> str:
    """The file's text; ``SchemaFileError`` for anything but a regular UTF-8 file that is
    small enough (a symbolic link is read through)."""
    try:
        status = os.stat(schema_path)
        if not stat.S_ISREG(status.st_mode):
            raise SchemaFileError(f"{schema_path}: not a regular file")
        if status.st_size > MAX_SCHEMA_BYTES:
            raise SchemaFileError(
                f"{schema_path}: {status.st_size:,} bytes; a schema may have "
                f"{MAX_SCHEMA_BYTES:,} at most"
            )
        with open(schema_path, "rb") as handle:
            data = handle.read(MAX_SCHEMA_BYTES + 1)
    except OSError as error:
        raise SchemaFileError(f"{schema_path}: cannot read: {error.strerror or error}") from None
    if len(data) > MAX_SCHEMA_BYTES:
        raise SchemaFileError(f"{schema_path}: larger than {MAX_SCHEMA_BYTES:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        hint = " (it is UTF-16; save it as UTF-8)" if utf16 else ""
        raise SchemaFileError(
            f"{schema_path}: not UTF-8 text at byte {error.start}{hint}"
        ) from None


def parse_schema_text(schema_path: Path, text: str) -> Any:
    """The JSON value of ``text``; ``SchemaFileError`` naming the place when it is not JSON,
    repeats a key, or is nested too deeply."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise SchemaFileError(
            f"{schema_path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise SchemaFileError(f"{schema_path}: invalid JSON: nested too deeply") from None
    except ValueError as error:  # a repeated key; an integer of more digits than Python converts
        raise SchemaFileError(f"{schema_path}: invalid JSON: {error}") from None


def read_schema_json(schema_path: Path) -> Any:
    """``parse_schema_text(read_schema_text(path))``."""
    return parse_schema_text(schema_path, read_schema_text(schema_path))
