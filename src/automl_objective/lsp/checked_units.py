"""What one check reads and where its findings are shown.

A text document is checked alone. A notebook (LSP 3.17 notebook document) is checked whole,
as the ``.ipynb`` file it stands for: its cells, markdown ones included, make the notebook
``check_text`` reads, so that a finding's ``cell N`` (counted from 1 over every cell) is the
N-th cell, whose own text document shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import unquote, urlparse

from automl_objective.lsp.value_spans import PYTHON, SUFFIXES, language_of


@dataclass(frozen=True)
class Part:
    """A text the editor shows findings in: a document, or one notebook cell."""

    uri: str
    text: str
    language: str


@dataclass(frozen=True)
class Unit:
    """What one check reads: ``text`` as the file at ``path``; shown in ``parts``."""

    key: str
    path: str
    text: str
    parts: tuple[Part, ...]
    version: int | None = None
    notebook: bool = False
    """A notebook document: ``parts`` are its cells, in order."""


def uri_path(uri: str) -> str:
    """The file a URI names (a ``file:`` URI), or its last segment (``untitled:Untitled-1``)."""
    parsed = urlparse(uri)
    path = unquote(parsed.path)
    if parsed.scheme == "file":
        return path
    return PurePath(path).name or path or uri


def document_unit(uri: str, text: str, language_id: str | None, version: int | None) -> Unit | None:
    """A text document, or None if it is in none of the languages the validator reads.

    A notebook sent as the Python of its cells (jupyterlab-lsp's virtual documents: a
    ``.ipynb`` name, the language ``python``) is read as the Python it is."""
    path = uri_path(uri)
    is_cells = path.lower().endswith(".ipynb") and language_id == PYTHON
    language = PYTHON if is_cells else language_of(path, language_id)
    if language is None:
        return None
    if language_of(path) != language:  # an unsaved buffer, cells: named as what they are
        path += SUFFIXES[language]
    return Unit(uri, path, text, (Part(uri, text, language),), version)


@dataclass(frozen=True)
class Cell:
    uri: str
    code: bool
    text: str | None
    """None: a cell whose text the client does not send (not Python)."""


def _cell_json(cell: Cell) -> dict[str, object]:
    if cell.code and cell.text is not None:
        return {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": cell.text,
        }
    return {"cell_type": "markdown", "metadata": {}, "source": cell.text or ""}


def notebook_unit(uri: str, cells: list[Cell], version: int | None) -> Unit:
    path = uri_path(uri)
    if not path.lower().endswith(".ipynb"):
        path += ".ipynb"
    notebook = {
        "cells": [_cell_json(cell) for cell in cells],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 4,
    }
    parts = tuple(Part(cell.uri, cell.text or "", PYTHON) for cell in cells)
    return Unit(uri, path, json.dumps(notebook), parts, version, notebook=True)
