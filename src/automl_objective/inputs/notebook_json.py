"""A notebook's code cells read as plain JSON, exactly as nbformat 4 reads them, where the
notebook allows (a leaf module: the notebook kind and the Python reader of its cells both
use it)."""

from __future__ import annotations

import json
from typing import Any

CodeCell = tuple[int, str]
"""A code cell's number (from 1, counting every cell) and its source."""


def plain_code_cells(text: str) -> list[CodeCell] | None:
    """The code cells of an nbformat 4 notebook, as ``nbformat.reads(text, as_version=4)``
    gives them, read as plain JSON: importing nbformat (and the jsonschema it validates with)
    costs more than reading a notebook, and tens of MiB.

    Only a notebook whose every part that nbformat's reading touches is as the format says
    is read here (the cells, their sources, metadata, attachments and outputs); None for any
    other (another version, an odd part, text that is not JSON): nbformat reads it, and says
    what is wrong. The tests compare both on every notebook of theirs and on odd ones."""
    try:
        notebook = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not _plain_notebook(notebook):
        return None
    return [
        (number, _source(cell))
        for number, cell in enumerate(notebook["cells"], start=1)
        if cell.get("cell_type") == "code"
    ]


_LATEST_MINOR = 5
"""nbformat 4's newest minor version, whose schema nbformat validates with (a newer one is
validated otherwise: left to nbformat)."""


def _plain_notebook(notebook: Any) -> bool:
    return (
        isinstance(notebook, dict)
        and type(notebook.get("nbformat")) is int
        and notebook["nbformat"] == 4
        and type(notebook.get("nbformat_minor", 0)) is int
        and 0 <= notebook.get("nbformat_minor", 0) <= _LATEST_MINOR
        and isinstance(notebook.get("metadata"), dict)
        and isinstance(notebook.get("cells"), list)
        and all(_plain_cell(cell) for cell in notebook["cells"])
    )


def _plain_cell(cell: Any) -> bool:
    if not isinstance(cell, dict) or not isinstance(cell.get("metadata"), dict):
        return False
    if not isinstance(cell.get("cell_type"), str):  # nbformat's reading fails on it
        return False
    if not isinstance(cell.get("id", ""), str):  # nbformat repairs repeated ids in a set
        return False
    source = cell.get("source", "")
    if not (isinstance(source, str) or _lines(source)) or not _plain_attachments(cell):
        return False
    outputs = cell.get("outputs", []) if cell.get("cell_type") == "code" else []
    return isinstance(outputs, list) and all(_plain_output(output) for output in outputs)


def _plain_attachments(cell: dict[str, Any]) -> bool:
    attachments = cell.get("attachments", {})
    return isinstance(attachments, dict) and all(
        isinstance(bundle, dict) for bundle in attachments.values()
    )


def _plain_output(output: Any) -> bool:
    if not isinstance(output, dict) or not isinstance(output.get("output_type", ""), str):
        return False
    if output.get("output_type") in ("execute_result", "display_data"):
        return isinstance(output.get("data", {}), dict)
    text = output.get("text", "")
    return not isinstance(text, list) or _lines(text)


def _lines(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(line, str) for line in value)


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)
