"""Checks off the event loop: debounced, one at a time per document, the latest text only.

Each document (or notebook) has its own timer: an edit restarts it, so a burst of keystrokes
costs one check. A check runs in a thread pool, never on the event loop, so a slow document
never holds up messages or the other documents' checks. While a document's check runs, its
newer edits wait for it, and its result is dropped if the document changed meanwhile (it is
superseded): then the newest text is checked at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any


@dataclass
class _State:
    generation: int = 0
    timer: asyncio.TimerHandle | None = None
    running: bool = False
    again: bool = False


@dataclass
class Scheduler:
    """Runs ``work`` in ``pool`` and hands its result to ``done(key, result)`` on the loop
    (a failure to ``failed(what, error)``). ``work`` is given what ``snapshot(key)``
    returned on the loop when it started (None: nothing to check, the document is closed)."""

    pool: Executor
    snapshot: Callable[[str], Any]
    work: Callable[[Any], Any]
    done: Callable[[str, Any], None]
    failed: Callable[[str, BaseException], None]
    states: dict[str, _State] = field(default_factory=dict)

    def request(self, key: str, delay: float) -> None:
        """Check ``key`` after ``delay`` seconds of quiet (0: at once)."""
        loop = asyncio.get_running_loop()
        state = self.states.setdefault(key, _State())
        state.generation += 1
        if state.timer is not None:
            state.timer.cancel()
        state.timer = loop.call_later(delay, self._start, key)

    def forget(self, key: str) -> None:
        """The document was closed: no more checks, and a running one is not reported."""
        state = self.states.pop(key, None)
        if state is not None and state.timer is not None:
            state.timer.cancel()

    def _start(self, key: str) -> None:
        state = self.states.get(key)
        if state is None:
            return
        state.timer = None
        if state.running:
            state.again = True
            return
        snapshot = self.snapshot(key)
        if snapshot is None:
            return
        state.running = True
        generation = state.generation
        future = asyncio.get_running_loop().run_in_executor(self.pool, self.work, snapshot)
        future.add_done_callback(lambda f: self._finished(key, state, generation, f))

    def _finished(
        self, key: str, state: _State, generation: int, future: asyncio.Future[Any]
    ) -> None:
        state.running = False
        if self.states.get(key) is not state:
            return  # closed while it ran
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            self.failed(f"checking {key}", error)
        elif generation == state.generation:
            self.done(key, future.result())
        if state.again:
            state.again = False
            self._start(key)
