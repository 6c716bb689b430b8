"""The compiled checks pass ``mypy --strict``: generate's own output (generated/) is in the
project's strict mypy run, and so is what the compiler renders for a schema made of the forms
that once failed it (an enum tested after a type, a pattern's remembered values, a map that
names no member)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from automl_objective.check.messages import RULE_CODES
from automl_objective_codegen.compiler import compile_checks, render_checks
from tests.support.paths import ROOT

SCHEMA = {
    "type": "object",
    "properties": {
        # an enum after its type: a string, so never DYNAMIC, where the enum is tested
        "Metric": {"type": "string", "enum": ["F1", "MSE"]},
        "Name": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$", "maxLength": 32},
        # a map naming no member: its known names are an empty frozenset
        "Tags": {"type": "object", "additionalProperties": {"type": "string", "enum": ["a"]}},
        "Mode": {"type": "object", "properties": {"Kind": {"type": "string", "enum": ["x"]}}},
    },
    "additionalProperties": False,
}


def test_the_project_runs_mypy_on_the_generated_package() -> None:
    """Only imported, generated/ would be found through the editable install's .pth file,
    as an installed package is: mypy silences the errors of those."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert "generated/automl_objective_generated" in config["files"]


def test_what_the_compiler_renders_passes_mypy_strict(tmp_path: Path) -> None:
    package = tmp_path / "compiled"
    package.mkdir()
    (package / "__init__.py").write_text("", "utf-8")
    texts = render_checks(compile_checks(SCHEMA, [], RULE_CODES), "# compiled in a test")
    for name in ("checks.py", "explainers.py"):
        (package / name).write_text(texts[name], "utf-8")
    command = [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.11"]
    done = subprocess.run(
        [*command, "--cache-dir", str(tmp_path / "cache"), "-p", "compiled"],
        cwd=tmp_path,  # not this repository's configuration
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.stdout.startswith("Success: no issues found"), done.stdout
