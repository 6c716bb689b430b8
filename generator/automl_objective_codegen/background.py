"""Run one function in a forked process while this one works, and take its result after.

A plain forked process and a one-way pipe, not ``concurrent.futures``: an executor reads
results in a thread of its own, and a worker killed while writing its result (generate kills
it when the work in this process fails) leaves half a message in the pipe, which that thread
then waits on for ever, and ``shutdown`` with it. Here only this process reads, only when it
wants the result, and it holds no copy of the pipe's writing end: a worker that dies before it
has written everything is an end of file, never a wait.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")


class WorkerDied(RuntimeError):
    """The background process ended before it sent its result."""


def _run(writer: Connection, parent: int, function: Callable[..., Any], args: Any) -> None:
    from automl_objective.runner import start_worker

    start_worker(parent)
    try:
        outcome: tuple[bool, Any] = (True, function(*args))
    except BaseException as error:  # sent to the parent, which raises it there
        outcome = (False, error)
    try:
        writer.send(outcome)
    except Exception as error:  # an exception that does not pickle: its words do
        writer.send((False, RuntimeError(f"{type(error).__name__}: {error}")))
    writer.close()


@contextlib.contextmanager
def in_background(function: Callable[..., T], *args: Any) -> Iterator[Callable[[], T]]:
    """Start ``function(*args)`` in a forked process where the platform forks; the yielded
    callable waits for its result and returns it, or raises what the function raised (or
    :class:`WorkerDied`). Where the platform does not fork, it computes the result here.

    The worker dies with this process, even if that is killed, and leaving the block early
    (an error, an interrupt) kills it: nothing is left behind, and nothing waits on it.
    """
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: function(*args)
        return
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    worker = context.Process(target=_run, args=(writer, os.getpid(), function, args))
    worker.start()
    writer.close()  # the worker holds the only writing end: its death is an end of file

    def result() -> T:
        try:
            ok, value = reader.recv()
        except (EOFError, OSError):
            raise WorkerDied("the background worker ended before it sent its result") from None
        if not ok:
            raise value
        returned: T = value
        return returned

    try:
        yield result
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        reader.close()
