"""Checking Python source text in a test, through the same stages a file goes through."""

from __future__ import annotations

from automl_objective.check.checker import default_checker
from automl_objective.check.results import FileResult
from automl_objective.inputs.python_files import read_text
from automl_objective.runner import CheckOptions, check


def check_python_text(display: str, text: str) -> FileResult:
    """The result ``validate`` gives a ``.py`` file holding ``text``; raises LoadError (as
    the reader does) for text that is not Python."""
    return check(default_checker(), read_text(display, text), CheckOptions())
