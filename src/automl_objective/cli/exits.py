"""What each command's exit code means, and the one line a usage error says."""

from __future__ import annotations

from automl_objective.cli.streams import say

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
"""Also: standard output (or input, with ``-``) closed, full or failing, so no verdict
could reach the reader."""
EXIT_SIGINT = 130
EXIT_PIPE = 141
"""The reader of standard output went away (``| head``), as 128 + SIGPIPE in other tools."""
EXIT_SIGTERM = 143


def usage(message: str) -> int:
    """A usage error: one line on standard error; exit 2."""
    say(f"automl-objective: error: {message}")
    return EXIT_USAGE
