"""Standard streams that may be closed, full or gone: report that in one line, never a
traceback, and leave nothing for the interpreter to fail on when it flushes at exit."""

from __future__ import annotations

import os
import sys

from automl_objective.base.quoting import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TextIO


class OutputError(Exception):
    """Writing to standard output failed (full disk, closed pipe, I/O error)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.strerror or str(cause))
        self.cause = cause


class Output:
    """Standard output for the commands: a write that fails raises :class:`OutputError`, so
    the CLI can tell a failing stream from any other OSError."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            raise OutputError(error) from None

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputError(error) from None

    def isatty(self) -> bool:
        try:
            return self._stream.isatty()
        except (OSError, ValueError):
            return False


def _point_at_devnull(stream: TextIO) -> None:
    try:  # not contextlib.suppress: a clean run imports no contextlib
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError):
        pass


def discard_output() -> None:
    """Send what is still buffered for standard output nowhere: the interpreter flushes it at
    exit and would otherwise fail again, with a traceback-like message and exit code 120."""
    if sys.stdout is not None:
        _point_at_devnull(sys.stdout)


def say(line: str) -> None:
    """One line on standard error, if there is one that works; whatever a name or a value
    in it holds, it is shown as every output shows it (:func:`printable`): one line, no
    terminal escape, no workflow command."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(printable(line) + "\n")
        stream.flush()
    except (OSError, ValueError):
        _point_at_devnull(stream)
