"""SIGINT and SIGTERM: a run in Python raises (so that clean-up runs, as for Ctrl-C); the
command ends at once (exit 130 / 143)."""

from __future__ import annotations

import os

from automl_objective.cli.exits import EXIT_SIGINT, EXIT_SIGTERM

TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal
    from typing import Any
else:  # the C module that `signal` wraps: the same functions and numbers, without the
    import _signal as signal  # enums `signal` builds at import (3 M instructions a start)


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM, so that clean-up runs as for Ctrl-C."""


class Interrupted(BaseException):
    """Raised in the main thread on SIGINT instead of KeyboardInterrupt. CPython ends a
    process whose KeyboardInterrupt interrupted an import by re-sending itself SIGINT at
    exit (status -2, whatever main() returned); an exception of our own keeps exit 130."""


def raise_for(signum: int, frame: object) -> None:
    raise Terminated if signum == signal.SIGTERM else Interrupted


def exit_for(signum: int, frame: object) -> None:
    os._exit(EXIT_SIGTERM if signum == signal.SIGTERM else EXIT_SIGINT)


def handle_signals(handler: Any) -> dict[int, Any]:
    """Our handlers for SIGTERM and SIGINT (where SIGINT is not ignored, as under nohup);
    the previous ones, to put back."""
    previous: dict[int, Any] = {}
    try:
        for number in (signal.SIGTERM, signal.SIGINT):
            if signal.getsignal(number) != signal.SIG_IGN:
                previous[number] = signal.signal(number, handler)
    except ValueError:  # not the main thread (main() called from a thread): leave it be
        pass
    return previous


def restore(previous: dict[int, Any]) -> None:
    """Put back the handlers :func:`handle_signals` replaced."""
    for number, handler in previous.items():
        signal.signal(number, handler)
