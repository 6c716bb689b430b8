"""The command line as a separate process: for what only a process shows (signals, closed or
full streams, exit statuses)."""

from __future__ import annotations

import contextlib
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator

CLI = [sys.executable, "-m", "automl_objective.cli"]


def shell(command: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the CLI under sh, so a test can close or redirect its standard streams."""
    return subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, timeout=timeout, check=False
    )


def cli_command(*args: str) -> str:
    return " ".join(shlex.quote(a) for a in [*CLI, *args])


@contextlib.contextmanager
def interruptible_children() -> Iterator[None]:
    """Children started inside get SIGINT as a terminal gives it, even when this suite runs
    with SIGINT ignored (a background job of a shell without job control, nohup): a child
    inherits an ignored SIGINT, and the CLI rightly leaves an ignored SIGINT ignored."""
    previous = signal.getsignal(signal.SIGINT)
    if previous == signal.SIG_IGN:  # a handler of ours is reset to the default by exec
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
