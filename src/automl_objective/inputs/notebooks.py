"""Jupyter notebooks: the AutoML requests their code cells send, as one module (a value bound
in one cell is read where another cell uses it), with findings said with their cell.

Every ``.ipynb`` is first read as JSON (:func:`cell_sources`): text that is not JSON, or JSON
that is not a notebook, is one finding, and the pre-filter reads the cells' code as a ``.py``
file's text would be read, not the notebook's escaped JSON. Only a notebook whose code
mentions an AutoML call is parsed (:mod:`.python.cells`). Cells are numbered as ruff numbers
them: from 1, counting every cell, markdown ones too.
"""

from __future__ import annotations

import json
from typing import Any

from automl_objective.inputs.document import Contents, LoadError
from automl_objective.inputs.reading import decode
from automl_objective.inputs.registry import kind_named


def _text(value: Any, where: str) -> str:
    """A cell's source as nbformat stores it: a string, or a list of lines."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "".join(value)
    raise ValueError(f"{where}: its source is not text")


def _cells(notebook: Any) -> list[Any]:
    if not isinstance(notebook, dict):
        raise ValueError("not a JSON object")
    version = notebook.get("nbformat")
    if type(version) is not int:
        raise ValueError("no 'nbformat' version number")
    if "worksheets" in notebook:  # nbformat 3 and older
        sheets = notebook["worksheets"]
        if not isinstance(sheets, list) or not all(isinstance(s, dict) for s in sheets):
            raise ValueError("'worksheets' is not a list of objects")
        cells = [cell for sheet in sheets for cell in _list(sheet.get("cells", []))]
    else:
        cells = _list(notebook.get("cells"))
    if not all(isinstance(cell, dict) for cell in cells):
        raise ValueError("a cell is not an object")
    if not all(isinstance(cell.get("cell_type", ""), str) for cell in cells):
        raise ValueError("a cell's 'cell_type' is not text")
    return cells


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("'cells' is not a list")
    return value


def cell_sources(display: str, text: str) -> list[str]:
    """The text of every code cell, read from the notebook's JSON (nbformat 3's ``input``
    too). Raises LoadError when the text is not JSON, or not a notebook."""
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not a Jupyter notebook (not JSON: {error.msg})"
        raise LoadError(display, message, error.lineno, error.colno) from None
    except RecursionError:
        from automl_objective.inputs.json_nesting import nesting_place

        where = nesting_place(text)
        message = "not a Jupyter notebook (JSON nested too deeply)"
        raise LoadError(display, message, *where) from None
    try:
        cells = _cells(notebook)
        return [
            _text(cell.get("source", cell.get("input", "")), f"cell {number}")
            for number, cell in enumerate(cells, start=1)
            if cell.get("cell_type") == "code"
        ]
    except ValueError as error:
        raise LoadError(display, f"not a Jupyter notebook ({error})") from None


def read(display: str, raw: bytes) -> Contents:
    """The requests a notebook's code cells send (a notebook is UTF-8 JSON)."""
    return read_text(display, decode(display, raw))


def read_text(display: str, text: str) -> Contents:
    """The requests a notebook's code cells send, from its JSON text."""
    from automl_objective.inputs.python.calls import code_contents
    from automl_objective.inputs.python.cells import notebook_chunks

    code = "\n".join(cell_sources(display, text))
    return code_contents(display, KIND.name, code, lambda: notebook_chunks(display, text))


KIND = kind_named("jupyter-notebook")
"""This kind, as the registry declares it."""
