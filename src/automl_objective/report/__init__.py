"""From findings to what a reader sees: the output formats of ``validate``, registered by
name in :data:`REPORTERS` (one module each), what ``metrics`` and ``resolve`` print
(:mod:`.lookups`), and what a terminal gets (:mod:`.terminal`: a progress bar, colour).
Imports check/'s results and base/, never the CLI.

A new format is one module with a :class:`~.reporter.Reporter` and one line in
:data:`_HOMES`. A format's module is imported when it is first asked for: a run imports the
one it writes with, not the other four.
"""

from __future__ import annotations

from collections.abc import MutableMapping

from automl_objective.report.reporter import Reporter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from automl_objective.report.github import GithubReporter
    from automl_objective.report.json_report import JsonReporter
    from automl_objective.report.junit import JunitReporter
    from automl_objective.report.sarif import SarifReporter
    from automl_objective.report.text import TextReporter

__all__ = [
    "REPORTERS",
    "GithubReporter",
    "JsonReporter",
    "JunitReporter",
    "Reporter",
    "SarifReporter",
    "TextReporter",
]

_HOMES = {
    "text": ("text", "TextReporter"),
    "json": ("json_report", "JsonReporter"),
    "github": ("github", "GithubReporter"),
    "junit": ("junit", "JunitReporter"),
    "sarif": ("sarif", "SarifReporter"),
}
"""Each format's name: its module in this package, and its Reporter's class name."""


class _Registry(MutableMapping[str, type[Reporter]]):
    """The formats by name, in the order ``--format`` offers them; each imported when first
    asked for. A caller may register more (a test does, in one line)."""

    def __init__(self) -> None:
        self._names = list(_HOMES)
        self._found: dict[str, type[Reporter]] = {}

    def __getitem__(self, name: str) -> type[Reporter]:
        if name not in self._found:
            if name not in _HOMES or name not in self._names:
                raise KeyError(name)
            from importlib import import_module  # not at start-up: text's module is named

            module, cls = _HOMES[name]
            self._found[name] = getattr(import_module(f"{__name__}.{module}"), cls)
        return self._found[name]

    def __setitem__(self, name: str, reporter: type[Reporter]) -> None:
        if name not in self._names:
            self._names.append(name)
        self._found[name] = reporter

    def __delitem__(self, name: str) -> None:
        if name not in self._names:
            raise KeyError(name)
        self._names.remove(name)
        self._found.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"REPORTERS({', '.join(self._names)})"


REPORTERS: MutableMapping[str, type[Reporter]] = _Registry()
"""Every output format of ``validate``, by the name ``--format`` takes."""


def __getattr__(name: str) -> Any:
    """``report.TextReporter`` and the other classes, from their modules (imported now)."""
    for key, (_, cls) in _HOMES.items():
        if cls == name:
            return REPORTERS[key]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
