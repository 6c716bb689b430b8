"""File-name globs, compiled once: what a folder scan includes and excludes, and which input
kind claims a file by its name. Extensions match whatever their case (``*.json`` matches
``job.JSON``)."""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


def lower_suffix(name: str) -> str:
    """``job.JSON`` -> ``job.json``: extensions match whatever their case."""
    dot = name.rfind(".")
    return name if dot <= name.rfind("/") else name[:dot] + name[dot:].lower()


def suffix(name: str) -> str:
    """``app/Stack.TS`` -> ``.ts``: the extension, lowered (empty where there is none)."""
    dot = name.rfind(".")
    return name[dot:].lower() if dot > name.rfind("/") else ""


class Globs:
    """Glob patterns compiled once; a path matches by its name or its relative path.
    Extensions are compared without regard to case (``*.json`` matches ``job.JSON``)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._patterns = tuple(patterns)
        self._match: Callable[[str], object] | None = None
        # ``*.py``-like patterns only (the input kinds'): a path matches when it ends with
        # one of their suffixes, told without a regular expression (every file asks), and
        # the regular expression is then never compiled.
        plain = bool(patterns) and all(
            p.startswith("*") and not any(c in p[1:] for c in "*?[/") for p in patterns
        )
        self._endings = tuple(lower_suffix(p)[1:] for p in patterns) if plain else None

    @property
    def endings(self) -> tuple[str, ...] | None:
        """The suffixes a name matches by (after :func:`lower_suffix`), when every pattern
        is ``*`` and a suffix; None otherwise."""
        return self._endings

    def _matcher(self) -> Callable[[str], object]:
        if self._match is None:
            import fnmatch  # only patterns other than plain suffixes need it

            translated = (fnmatch.translate(lower_suffix(p)) for p in self._patterns)
            joined = "|".join(f"(?:{t})" for t in translated) or "(?!)"
            self._match = re.compile(joined).match
        return self._match

    def __call__(self, relative: str) -> bool:
        relative = lower_suffix(relative)
        if self._endings is not None:
            return relative.endswith(self._endings)
        match = self._matcher()
        name = relative.rsplit("/", 1)[-1]
        return match(name) is not None or match(relative) is not None
