"""One function over many pieces of work, in forked processes, the results in order.

Plain forked processes, each with a one-way pipe, not ``concurrent.futures``: an executor
reads results in a thread of its own, and a worker killed while it writes (an interrupt, the
out-of-memory killer) leaves half a message in the pipe, which that thread then waits on for
ever, and shutting the pool down with it. Here only this process reads, and it holds no
writing end of any pipe: a worker that dies is an end of file, never a wait. (generate's
``automl_objective_codegen.background`` works the same way.)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess


class WorkerDied(RuntimeError):
    """A worker ended before it sent all its results (killed, out of memory)."""


class Workers:
    """``function(piece)`` for each piece, computed by ``count`` forked processes (piece
    ``i`` by worker ``i % count``), each of which first calls ``start(parent pid)``."""

    def __init__(
        self,
        function: Callable[[Any], Any],
        pieces: Sequence[Any],
        count: int,
        start: Callable[[int], None],
    ) -> None:
        self._function, self._pieces, self._count, self._start = function, pieces, count, start
        self._processes: list[BaseProcess] = []

    def kill(self) -> None:
        """Kill every worker now (safe in a signal handler, and more than once)."""
        for process in list(self._processes):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                process.kill()

    def results(self) -> Iterator[Any]:
        """The results in the pieces' order, as they come. Raises :class:`WorkerDied`, or
        what ``function`` raised in a worker. However it ends (early, by an error or an
        interrupt), the workers are killed and reaped and the pipes closed."""
        import multiprocessing

        context = multiprocessing.get_context("fork")
        readers: dict[Connection, int] = {}  # each worker's pipe -> results still to come
        try:
            for first in range(min(self._count, len(self._pieces))):
                indices = range(first, len(self._pieces), self._count)
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(
                    target=_work,
                    args=(writer, os.getpid(), self._function, self._pieces, indices, self._start),
                )
                process.start()
                writer.close()  # the worker holds the only writing end
                self._processes.append(process)
                readers[reader] = len(indices)
            done: dict[int, Any] = {}
            for index in range(len(self._pieces)):
                while index not in done:
                    _receive(readers, done)
                yield done.pop(index)
        finally:
            self.kill()
            for worker in self._processes:
                worker.join()
            for reader in readers:
                reader.close()


def _receive(readers: dict[Connection, int], done: dict[int, Any]) -> None:
    """Wait for the next result of any worker, and keep it in ``done``."""
    from multiprocessing.connection import wait

    if not readers:
        raise WorkerDied("every worker has ended")
    for reader in cast("list[Connection]", wait(list(readers))):
        try:
            ok, index, value = reader.recv()
        except (EOFError, OSError):  # the worker has ended: normally, once it sent all
            left = readers.pop(reader)
            reader.close()
            if left:
                raise WorkerDied("a worker ended before it sent all its results") from None
            continue
        if not ok:
            raise value
        done[index] = value
        readers[reader] -= 1


def _work(
    writer: Connection,
    parent: int,
    function: Callable[[Any], Any],
    pieces: Sequence[Any],
    indices: range,
    start: Callable[[int], None],
) -> None:
    """In a worker: each of its pieces' results, sent as it is done; an exception too."""
    start(parent)
    try:
        for index in indices:
            writer.send((True, index, function(pieces[index])))
    except BaseException as error:  # raised again in the parent
        try:
            writer.send((False, -1, error))
        except Exception:  # an exception that does not pickle: its words do
            writer.send((False, -1, RuntimeError(f"{type(error).__name__}: {error}")))
    writer.close()
