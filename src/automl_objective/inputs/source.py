"""A source: one file to check, or standard input; what discovery finds and the runner reads."""

from __future__ import annotations

from collections import namedtuple
from operator import itemgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import NamedTuple

STDIN_NAME = "-"
"""The path that names standard input on the command line."""


if TYPE_CHECKING:

    class _Fields(NamedTuple):
        path: str | None
        display: str
        problem: str | None = None
        found: bool = False
else:  # the same tuple without typing, whose import costs a cold run about 15 M instructions
    _Fields = namedtuple("Source", ("path", "display", "problem", "found"), defaults=(None, False))


class Source(_Fields):
    """One document to check: a file path, or standard input.

    A named tuple of plain strings: on a run over tens of thousands of files, pathlib objects
    and frozen dataclasses cost measurable time per file. ``problem`` says why a folder found
    in a scan could not be searched; checking such a source reports it. ``found``: found by a
    folder scan, not named: a JSON or YAML document there that holds no AutoML request is
    passed over, as code without a call is.
    """

    __slots__ = ()

    @property
    def is_stdin(self) -> bool:
        return self.path is None and self.problem is None


def stdin_count(sources: Sequence[Source]) -> int:
    """How many of ``sources`` are standard input: told in C when none has no path (the
    usual case), rather than by each source's property (ten thousand files: 8 M instructions)."""
    if None not in map(_PATH, sources):
        return 0
    return sum(source.is_stdin for source in sources)


_PATH = itemgetter(0)
