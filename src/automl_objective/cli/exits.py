"""What each command's exit code means, and the one line a usage error says."""

from __future__ import annotations

from collections.abc import Sequence

from automl_objective.check.checker import OBJECTIVE
from automl_objective.check.results import FileResult
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


def note_problem_type_ignored(problem_type: str | None, results: Sequence[FileResult]) -> None:
    """One line on standard error when ``--problem-type`` was given and some documents are
    requests or responses, which state their own problem type: the option did not apply."""
    if problem_type is None:
        return
    ignored = [r.path for r in results if r.kind not in (None, OBJECTIVE)]
    if ignored:
        also = f" and {len(ignored) - 1} more" if len(ignored) > 1 else ""
        say(
            f"automl-objective: note: --problem-type {problem_type} is ignored for {ignored[0]}"
            f"{also}: requests and responses state their own problem type (it applies to "
            "objectives only)"
        )


def usage(message: str) -> int:
    """A usage error: one line on standard error; exit 2."""
    say(f"automl-objective: error: {message}")
    return EXIT_USAGE
