"""generate's background worker: its result, its errors, and never a wait on a dead worker."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from automl_objective_codegen.background import WorkerDied, in_background


def _double(value: int) -> int:
    return 2 * value


def _fail() -> None:
    raise ValueError("from the worker")


def _die() -> None:
    os._exit(3)


def test_the_result_comes_back() -> None:
    with in_background(_double, 21) as result:
        assert result() == 42


def test_what_the_worker_raises_is_raised_here() -> None:
    with in_background(_fail) as result, pytest.raises(ValueError, match="from the worker"):
        result()


def test_a_worker_that_dies_before_it_answers_is_an_error_not_a_wait() -> None:
    with in_background(_die) as result, pytest.raises(WorkerDied):
        result()


def test_leaving_early_while_the_worker_writes_a_large_result_never_hangs() -> None:
    """The failure this module exists for: the worker killed half-way through writing its
    result. With concurrent.futures the executor's reading thread then waited for the rest
    of the message for ever (seen: generate hung in CI-like runs). Many rounds, each in a
    process of its own with a deadline, so a regression fails here instead of hanging."""
    script = textwrap.dedent(
        """
        import time
        from automl_objective_codegen.background import in_background

        def big() -> str:
            return "x" * 30_000_000

        for delay in (0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2) * 3:
            try:
                with in_background(big):
                    time.sleep(delay)
                    raise RuntimeError("the work here failed")
            except RuntimeError:
                pass
        print("done")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "done\n", "")
