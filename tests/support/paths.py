"""Where things are, for every test: the one definition of the project's root."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
"""Request documents with their expected findings (``valid/``, ``invalid/``), and code."""
CODE = FIXTURES / "code"
"""Python files, notebooks, pipeline definitions and state machines written as users do."""
BAD_INPUTS = TESTS / "bad_inputs"
VENDOR = TESTS / "vendor"
"""Published schemas the outputs are checked against, kept here (no network)."""
CORPUS = TESTS / "corpus"
EXAMPLES = ROOT / "examples"
README = ROOT / "README.md"
SCHEMA = ROOT / "schema" / "automl_job_objective.schema.json"
GENERATED = ROOT / "generated"

COPY_IGNORED = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "__pycache__",
    ".*_cache",
    "*.egg-info",
    "build",
    "dist",
    ".hypothesis",
    "node_modules",  # the editor tests' npm packages: 110 MB no copy needs
    ".install.lock",
)
"""What a copy of the project leaves out: environments, caches, builds, npm packages."""


def copy_project(destination: Path) -> Path:
    """A copy of the project's files (no Git history, environment or cache), to run in."""
    shutil.copytree(ROOT, destination, ignore=COPY_IGNORED)
    return destination
