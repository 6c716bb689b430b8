"""One function over many pieces of work, in forked processes, the results in order.

Plain forked processes (``os.fork``), each with a one-way pipe (``os.pipe``), not
``concurrent.futures``: an executor reads results in a thread of its own, and a worker killed
while it writes (an interrupt, the out-of-memory killer) leaves half a message in the pipe,
which that thread then waits on for ever, and shutting the pool down with it. Here only this
process reads, and it holds no writing end of any pipe: a worker that dies is an end of file,
never a wait. (generate's ``automl_objective_codegen.background`` works the same way.)

Not :mod:`multiprocessing` either: its processes, connections and their framing cost each
worker and this process time that a large run's results, a few pickled messages, do not
need; importing it registers an ``atexit`` handler, which makes the command's exit tear down
every object one by one; and a worker here ends with ``os._exit`` once its results are
written, without its copy of the interpreter's teardown or of this process's buffered output.
Each result is one frame: a header (whether the function returned or raised, the piece's
index, the length) and the pickled value.
"""

from __future__ import annotations

import os
import struct

try:  # the C pickler itself: what pickle.dumps and pickle.loads are, without the pure
    # Python pickler that the pickle module defines too (and the look for Jython it makes)
    from _pickle import dumps, loads
except ImportError:  # an interpreter without it
    from pickle import dumps, loads

TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal
    from collections.abc import Callable, Iterator, Sequence
    from typing import Any
else:  # the C module that `signal` wraps, without the enums `signal` builds at import
    import _signal as signal

_HEADER = struct.Struct("<?qQ")
"""A frame's header: returned (not raised), the piece's index, the pickled value's length."""
_PROTOCOL = -1
"""The pickle protocol of the results: a negative one is the highest this Python knows."""
_READ = 1 << 20
"""Bytes asked of a pipe at a time (a pipe gives what it holds, up to this)."""
_STOPPED = (signal.SIGINT, signal.SIGTERM)
"""Blocked while a worker is forked: until the worker has set its own handlers, one of
these would run this process's handler (which kills the workers) in the worker."""


class WorkerDied(RuntimeError):
    """A worker ended before it sent all its results (killed, out of memory)."""


class Workers:
    """``function(piece)`` for each piece, computed by ``count`` forked processes (piece
    ``i`` by worker ``i % count``), each of which first calls ``start(parent pid)``.

    :meth:`start` forks them (:meth:`results` does, if not yet done): this process can work
    on something of its own while they run, then take their results."""

    def __init__(
        self,
        function: Callable[[Any], Any],
        pieces: Sequence[Any],
        count: int,
        start: Callable[[int], None],
    ) -> None:
        self._function, self._pieces, self._count, self._start = function, pieces, count, start
        self._pids: list[int] = []  # the workers forked and not yet reaped
        self._readers: dict[int, _Reader] = {}  # each worker's pipe -> what it still owes
        self._started = False

    def kill(self) -> None:
        """Kill every worker now (safe in a signal handler, and more than once)."""
        for pid in list(self._pids):
            try:  # not contextlib.suppress: a split run imports no contextlib
                os.kill(pid, signal.SIGKILL)
            except OSError:  # gone already
                continue

    def start(self) -> None:
        """Fork the workers (once); each writes its results to its own pipe as it goes."""
        if self._started:
            return
        self._started = True
        parent = os.getpid()
        for first in range(min(self._count, len(self._pieces))):
            indices = range(first, len(self._pieces), self._count)
            reading, writing = os.pipe()
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPED)
            try:
                pid = os.fork()
                if pid == 0:  # the worker: it never returns from here
                    _work(self, indices, (reading, writing), parent, blocked)
            except BaseException:
                os.close(reading)
                raise
            finally:  # in this process only: the worker ends in _work
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                os.close(writing)  # the worker holds the only writing end
            self._pids.append(pid)
            self._readers[reading] = _Reader(len(indices))

    def results(self) -> Iterator[Any]:
        """The results in the pieces' order, as they come. Raises :class:`WorkerDied`, or
        what ``function`` raised in a worker. However it ends (early, by an error or an
        interrupt), the workers are killed and reaped and the pipes closed."""
        try:
            self.start()
            done: dict[int, Any] = {}
            for index in range(len(self._pieces)):
                while index not in done:
                    self._receive(done)
                yield done.pop(index)
            while self._readers:  # each worker is ending: its end of file, then reaped
                self._receive(done)
        finally:
            self.close()

    def close(self) -> None:
        """Kill the workers still running, reap every one, close the pipes (idempotent).
        (After all the results, every pipe has been read to its end: the workers have
        ended of themselves, and are not cut short in their exit.)"""
        self.kill()
        while self._pids:
            _reap(self._pids[-1])
            self._pids.pop()
        while self._readers:
            os.close(self._readers.popitem()[0])

    def _receive(self, done: dict[int, Any]) -> None:
        """Wait for more bytes from any worker, and keep the results they complete in
        ``done``."""
        import select  # built in: nothing to load

        if not self._readers:
            raise WorkerDied("every worker has ended")
        poll = select.poll()
        for descriptor in self._readers:
            poll.register(descriptor, select.POLLIN)
        for descriptor, _ in poll.poll():
            reader = self._readers[descriptor]
            chunk = os.read(descriptor, _READ)
            if not chunk:  # the worker has ended: normally, once it sent all
                del self._readers[descriptor]
                os.close(descriptor)
                if reader.owed:
                    raise WorkerDied("a worker ended before it sent all its results")
                continue
            for ok, index, value in reader.frames(chunk):
                if not ok:
                    raise value
                done[index] = value


def _reap(pid: int) -> None:
    """Wait for a worker to end (it may have been reaped already)."""
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        return


class _Reader:
    """The bytes read from one worker's pipe, cut into frames."""

    __slots__ = ("buffer", "owed")

    def __init__(self, owed: int) -> None:
        self.buffer, self.owed = bytearray(), owed

    def frames(self, chunk: bytes) -> Iterator[tuple[bool, int, Any]]:
        """Each whole frame the bytes so far complete: (returned, index, value)."""
        buffer = self.buffer
        buffer += chunk
        start = 0
        while len(buffer) - start >= _HEADER.size:
            ok, index, length = _HEADER.unpack_from(buffer, start)
            end = start + _HEADER.size + length
            if len(buffer) < end:
                break
            value = loads(memoryview(buffer)[start + _HEADER.size : end])
            start = end
            self.owed -= 1
            yield ok, index, value
        del buffer[:start]


def _work(pool: Workers, indices: range, pipe: tuple[int, int], parent: int, blocked: Any) -> None:
    """In a worker: each of its pieces' results, written as it is done; an exception too;
    then the process ends, never returning into the parent's code."""
    status = 0
    try:
        reading, writing = pipe
        for descriptor in (*pool._readers, reading):  # the reading ends are the parent's
            os.close(descriptor)
        pool._start(parent)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        try:
            for index in indices:
                _send(writing, True, index, pool._function(pool._pieces[index]))
        except BaseException as error:  # raised again in the parent
            try:
                _send(writing, False, -1, error)
            except Exception:  # an exception that does not pickle: its words do
                _send(writing, False, -1, RuntimeError(f"{type(error).__name__}: {error}"))
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _send(writing: int, ok: bool, index: int, value: Any) -> None:
    data = dumps(value, _PROTOCOL)
    frame = memoryview(_HEADER.pack(ok, index, len(data)) + data)
    while frame:
        frame = frame[os.write(writing, frame) :]
