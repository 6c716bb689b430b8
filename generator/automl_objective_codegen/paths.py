"""Where generate and sync look by default, run from the project root. A module of its own so
that `sync`, which needs only botocore, does not import jinja2 to learn a path."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SCHEMA = Path("schema") / "automl_job_objective.schema.json"
DEFAULT_OUTPUT = Path("generated")

EXTRA_MODULES = ("datamodel_code_generator", "jinja2", "botocore")
"""The modules of the ``codegen`` extra's packages (pyproject.toml; a test keeps the two
together), imported up front so that a missing one is named before any work starts."""


def require_extra() -> None:
    """Raise ModuleNotFoundError (with ``name``) for the first missing module of the extra."""
    import importlib

    for name in EXTRA_MODULES:
        importlib.import_module(name)
