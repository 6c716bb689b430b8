"""``python -m automl_objective.cli``: the same command line as ``automl-objective``."""

from automl_objective.cli import entry

entry()
