"""File-name globs, compiled once: what a folder scan includes and excludes, and which input
kind claims a file by its name. Extensions match whatever their case (``*.json`` matches
``job.JSON``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence


def _lower_suffix(name: str) -> str:
    """``job.JSON`` -> ``job.json``: extensions match whatever their case."""
    dot = name.rfind(".")
    return name if dot <= name.rfind("/") else name[:dot] + name[dot:].lower()


class Globs:
    """Glob patterns compiled once; a path matches by its name or its relative path.
    Extensions are compared without regard to case (``*.json`` matches ``job.JSON``)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._globs = tuple(patterns)
        self._match: Callable[[str], object] | None = None  # compiled when first needed
        # ``*.py``-like patterns only (the input kinds'): a path matches when it ends with
        # one of their suffixes, told without a regular expression (every file asks).
        plain = bool(patterns) and all(
            p.startswith("*") and not any(c in p[1:] for c in "*?[/") for p in patterns
        )
        self._endings = tuple(_lower_suffix(p)[1:] for p in patterns) if plain else None

    def __call__(self, relative: str) -> bool:
        relative = _lower_suffix(relative)
        if self._endings is not None:
            return relative.endswith(self._endings)
        name = relative.rsplit("/", 1)[-1]
        match = self._match or self._compiled()
        return match(name) is not None or match(relative) is not None

    def _compiled(self) -> Callable[[str], object]:
        """The globs as one regular expression (fnmatch's), made once, when first needed:
        the input kinds' globs, told by their suffixes, never need it."""
        import fnmatch

        translated = (fnmatch.translate(_lower_suffix(p)) for p in self._globs)
        joined = "|".join(f"(?:{t})" for t in translated) or "(?!)"
        self._match = re.compile(joined).match
        return self._match
