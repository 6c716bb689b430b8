"""The leaves of parsed data (each value that is neither an object nor a list), with their
paths, in document order: the one walk the placeholder finder and the finder of values known
in part share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Path = tuple[str | int, ...]


def leaves(data: Any) -> Iterator[tuple[Any, Path]]:
    """Each leaf of ``data`` and its path (``()`` for a document that is one value)."""
    stack: list[tuple[Any, Path]] = [(data, ())]
    while stack:
        value, at = stack.pop()
        if isinstance(value, dict):
            stack.extend((item, (*at, key)) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, (*at, index)) for index, item in reversed(list(enumerate(value))))
        else:
            yield value, at
