"""Forked workers: results in order, a worker's exception raised here, and a worker that
dies, even in the middle of sending a result, ends the run with WorkerDied, never a wait."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from automl_objective.worker_pool import Workers


def _square(piece: int) -> int:
    return piece * piece


def _no_start(parent: int) -> None:
    pass


def _fail_on_seven(piece: int) -> int:
    if piece == 7:
        raise ValueError("seven")
    return piece


def test_results_come_in_the_pieces_order() -> None:
    pieces = list(range(23))
    assert list(Workers(_square, pieces, 3, _no_start).results()) == [p * p for p in pieces]


def test_more_workers_than_pieces() -> None:
    assert list(Workers(_square, [2, 3], 8, _no_start).results()) == [4, 9]


def test_an_exception_in_a_worker_is_raised_here_and_every_worker_is_reaped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forked = []
    fork = os.fork

    def recorded_fork() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded_fork)
    pool = Workers(_fail_on_seven, list(range(12)), 2, _no_start)
    with pytest.raises(ValueError, match="seven"):
        list(pool.results())
    assert len(forked) == 2
    for pid in forked:  # reaped: no longer a child of this process
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


DIES = """
import os, signal, sys, threading
from automl_objective.worker_pool import WorkerDied, Workers

def no_start(parent):
    pass

def dies(piece):
    if piece == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return piece

def dies_while_sending(piece):
    if piece == 3:  # killed while the pipe holds part of a 64 MB result
        threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGKILL)).start()
        return b"x" * (64 << 20)
    return piece

for function in (dies, dies_while_sending):
    try:
        list(Workers(function, list(range(10)), 2, no_start).results())
    except WorkerDied:
        print("died", function.__name__)
"""


def test_a_worker_that_dies_ends_the_results_not_in_a_wait() -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(DIES)],
        capture_output=True,
        text=True,
        timeout=120,  # a wait for ever fails here
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n") == ["died dies", "died dies_while_sending", ""]


def test_kill_is_safe_before_and_after_the_workers_run() -> None:
    pool = Workers(_square, [1, 2, 3], 2, _no_start)
    pool.kill()  # nothing started yet
    assert list(pool.results()) == [1, 4, 9]
    pool.kill()  # all reaped already
    assert list(Workers(_square, [4], 1, _no_start).results()) == [16]
