"""Python files: the AutoML requests their code sends, checked where they are written (the
calls read: :mod:`automl_objective.inputs.python.reader`).

A file that sends no AutoML request is simply clean: it is parsed only when its text
mentions an AutoML call at all. Its bytes are decoded as Python decodes them: a UTF-8
byte-order mark or a PEP 263 coding line names the encoding, UTF-8 otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from automl_objective.inputs.document import Contents
from automl_objective.inputs.reading import decode_python
from automl_objective.inputs.registry import kind_named

if TYPE_CHECKING:
    from automl_objective.base.finding import Finding
    from automl_objective.inputs.python.bindings import Chunk


def read_text(display: str, text: str) -> Contents:
    """The requests a Python source sends. Raises LoadError for text that is not Python."""
    from automl_objective.inputs.python.calls import code_contents
    from automl_objective.inputs.python.reader import parse_chunk

    def chunks() -> tuple[list[Chunk], list[Finding]]:
        # A large source's syntax is checked as it is bound, by the reader.
        return [parse_chunk(text, None, display, checked=False)], []

    return code_contents(display, KIND.name, text, chunks)


def read(display: str, raw: bytes) -> Contents:
    return read_text(display, decode_python(display, raw))


KIND = kind_named("python-source")
"""This kind, as the registry declares it."""
