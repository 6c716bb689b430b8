"""Jupyter notebooks as Python: their code cells, read with ``nbformat`` (imported only when a
notebook is checked), with IPython's own syntax neutralised before ``ast`` parses them.

A line that is a magic (``%time``), a shell escape (``!pip``, ``x = !ls``) or a help request
(``obj?``) becomes ``pass``, keeping every other line where it was. A cell magic (``%%bash``)
makes the cell another language: it is skipped, except for the magics that run Python
(``%%time``, ``%%capture``, ...). Cells are numbered as ruff numbers them: from 1, counting
every cell, markdown ones too.
"""

from __future__ import annotations

import re
import warnings

from automl_objective.findings import Finding
from automl_objective.parsed import LoadError
from automl_objective.python_bindings import Chunk
from automl_objective.python_source import parse_chunk

_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "memit", "debug"})
_IPYTHON_LINE = re.compile(r"^(\s*)(?:[%!?]|[\w.]+\s*=\s*[%!]|[\w.\[\]()]+\?\??\s*$)")


def neutralise(source: str) -> str | None:
    """Python text for a cell's source, or None for a cell in another language."""
    lines = source.split("\n")
    if lines and lines[0].lstrip().startswith("%%"):
        magic = lines[0].lstrip()[2:].split(maxsplit=1)
        if not magic or magic[0] not in _PYTHON_CELL_MAGICS:
            return None
        lines[0] = ""
    for index, line in enumerate(lines):
        match = _IPYTHON_LINE.match(line)
        if match and not line.lstrip().startswith("#"):
            lines[index] = match.group(1) + "pass"
    return "\n".join(lines)


def notebook_chunks(display: str, text: str) -> tuple[list[Chunk], list[Finding]]:
    """Each code cell that parses as Python, and a finding for each that does not. Raises
    LoadError when the text is not a notebook."""
    import nbformat

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat warns about fixable schema details
            notebook = nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]
        cells = list(notebook.cells)
    except Exception as error:  # nbformat raises many kinds: JSON, schema, version
        detail = " ".join(str(error).split())[:160]
        raise LoadError(display, f"not a Jupyter notebook ({detail})") from None
    chunks, problems = [], []
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        source = neutralise(str(cell.get("source", "")))
        if source is None:
            continue
        try:
            # Not the notebook's own name: CPython would read a syntax error's line from that file.
            chunks.append(parse_chunk(source, number, f"<cell {number}>"))
        except (SyntaxError, ValueError, RecursionError) as error:
            line = getattr(error, "lineno", None)
            column = getattr(error, "offset", None)
            why = getattr(error, "msg", None) or str(error)
            message = f"code cell is not valid Python ({why}); its requests are not checked"
            problems.append(Finding("error", "parse-error", "", line, column, message, number))
    return chunks, problems
