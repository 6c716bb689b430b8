"""Notes on standard error about options that did not apply: the run goes on, its verdict
unchanged, and the reader learns why an option made no difference."""

from __future__ import annotations

from collections.abc import Sequence

from automl_objective.check.checker import OBJECTIVE
from automl_objective.check.results import FileResult
from automl_objective.cli.streams import say


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
