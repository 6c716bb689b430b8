"""The command line as a separate process: for what only a process shows (signals, closed or
full streams, exit statuses)."""

from __future__ import annotations

import shlex
import subprocess
import sys

CLI = [sys.executable, "-m", "automl_objective.cli"]


def shell(command: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the CLI under sh, so a test can close or redirect its standard streams."""
    return subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, timeout=timeout, check=False
    )


def cli_command(*args: str) -> str:
    return " ".join(shlex.quote(a) for a in [*CLI, *args])
