"""Regular expressions compiled when first used, not when their module is imported.

Compiling a pattern runs ``re``'s parser and compiler in Python: 40 to 300 µs each. A clean
``validate`` imports a dozen modules whose patterns only words, positions or other kinds of
file need; :func:`on_first_use` keeps those off its start-up. The object it returns stands
for the compiled pattern: the first method asked for compiles it, and each method is then
kept on the object, so a later call costs what a call on the pattern itself costs. (PyYAML's
own patterns are made so in the command's process: :mod:`automl_objective.inputs.pyyaml`.)
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class _OnFirstUse:
    def __init__(self, pattern: str, flags: int, compile: Any) -> None:
        self._source = (pattern, flags, compile)  # its only attribute until a method is kept

    def __getattr__(self, name: str) -> Any:  # only for what is not kept yet
        pattern, flags, compile = self._source
        compiled = compile(pattern, flags)
        found = getattr(compiled, name)
        self.__dict__[name] = found
        return found

    def __repr__(self) -> str:
        return f"on_first_use({self._source[0]!r})"


def on_first_use(pattern: str, flags: int = 0, compile: Any = None) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` (or ``compile``'s), done when a method of it is first
    called (``match``, ``search``, ``sub``, ...): not a Pattern object, only its methods."""
    return _OnFirstUse(pattern, flags, compile or re.compile)  # type: ignore[return-value]
