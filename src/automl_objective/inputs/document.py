"""What parsing produces: a document that can say where each value came from, or the
error that says why there is none. A leaf module: the loader and every parser import it, and
it imports no parser, so they never import each other in a circle."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from automl_objective.base.codes import Code
from automl_objective.inputs.positions import Position, Request, Spot, locate_json_all

Format = Literal["json", "yaml"]

Locator = Callable[[Sequence[Request]], list[Spot]]
"""Where each ``(path, at_key)`` request points in one document's source, found in one pass."""


@dataclass
class LoadError(Exception):
    """A document that could not be read or parsed; ``line``/``column`` are 1-based or None."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    code: Code = Code.PARSE_ERROR

    def __post_init__(self) -> None:
        self.message = " ".join(self.message.split())  # always one line

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class Document:
    """A parsed document and what is needed to locate a JSON Pointer in its source."""

    path: str
    data: Any
    text: str
    format: Format
    locator: Locator | None = field(default=None, repr=False)
    """How a parser that keeps its own source map locates paths (YAML keeps its node tree);
    None: located in the JSON text."""

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Position | None:
        """1-based (line, column) of the value at ``path``, or of its member name."""
        return self.spots([(path, key)])[0][0]

    def spots(self, requests: Sequence[Request]) -> list[Spot]:
        """Where each ``(path, at_key)`` request points, all found in one pass over the
        source; see :data:`automl_objective.inputs.positions.Spot`."""
        if self.locator is not None:
            return self.locator(requests)
        return [(position, None) for position in locate_json_all(self.text, requests)]
