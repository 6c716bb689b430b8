"""Work for a request the client cancelled (``$/cancelRequest``) stops at its next look.

A request's work runs in a pool thread, where asyncio's cancellation cannot reach: the
request is answered RequestCancelled at once, but the thread would read the text to its end
(seconds for a huge document), holding a worker the other documents need. So the work runs
with an event the server sets when the request is cancelled, and the lexer, where that work
spends its time, looks at it now and then and stops with :class:`Cancelled`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_RUNNING = threading.local()


class Cancelled(Exception):
    """The request this work was for has been cancelled."""


def cancellable(cancelled: threading.Event, work: Callable[[], T]) -> Callable[[], T]:
    """``work``, run so that :func:`stop_if_cancelled` in it stops once ``cancelled`` is set."""

    def run() -> T:
        _RUNNING.cancelled = cancelled
        try:
            return work()
        finally:
            _RUNNING.cancelled = None

    return run


def stop_if_cancelled() -> None:
    """Raise :class:`Cancelled` if the work running in this thread is no longer wanted."""
    cancelled = getattr(_RUNNING, "cancelled", None)
    if cancelled is not None and cancelled.is_set():
        raise Cancelled
