"""A user's mypy sees this project's types: every shipped package carries ``py.typed``
(PEP 561), and ``mypy --strict`` on a user's own snippet, outside this repository, reads the
installed packages' annotations instead of refusing them as untyped."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.paths import ROOT

PACKAGES = ("automl_objective", "automl_objective_generated", "automl_objective_codegen")

SNIPPET = """\
from automl_objective.api import validate_data
from automl_objective_codegen.paths import DEFAULT_SCHEMA
from automl_objective_generated import ALLOWED_METRICS

valid: str = validate_data({}).valid
schema: int = DEFAULT_SCHEMA
allowed: int = ALLOWED_METRICS
"""


def test_mypy_strict_on_a_users_snippet_sees_every_packages_types(tmp_path: Path) -> None:
    (tmp_path / "snippet.py").write_text(SNIPPET, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "snippet.py"],
        cwd=tmp_path,  # the user's own folder: not this repository's configuration
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "py.typed" not in done.stdout, done.stdout  # no package refused as untyped
    assert "import-untyped" not in done.stdout, done.stdout
    # each wrong annotation is caught, naming the type the package declares
    for line, declared in ((5, '"bool"'), (6, '"Path"'), (7, '"Mapping[Literal[')):
        expected = (
            f"snippet.py:{line}: error: Incompatible types in assignment (expression has type "
        )
        assert expected + declared in done.stdout, done.stdout
    assert done.stdout.rstrip().endswith("Found 3 errors in 1 file (checked 1 source file)")


@pytest.mark.slow
def test_the_wheel_carries_py_typed_for_every_package(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    (wheel,) = WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [p for p in PACKAGES if f"{p}/py.typed" not in names] == []
