"""A source: one file to check, or standard input; what discovery finds and the runner reads."""

# No `from __future__ import annotations` here: typing compiles a NamedTuple field's
# annotation when it is a string, and the first compile of a run costs about 10 M
# instructions (a cold validate's start-up; tests/cli/test_start_up.py).
from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

STDIN_NAME = "-"
"""The path that names standard input on the command line."""


class Source(NamedTuple):
    """One document to check: a file path, or standard input.

    A NamedTuple of plain strings: on a run over tens of thousands of files, pathlib objects
    and frozen dataclasses cost measurable time per file. ``problem`` says why a folder found
    in a scan could not be searched; checking such a source reports it.
    """

    path: str | None
    display: str
    problem: str | None = None
    found: bool = False
    """Found by a folder scan, not named: a JSON or YAML document there that holds no
    AutoML request is passed over, as code without a call is."""

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
