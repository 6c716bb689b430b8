"""A user's mypy sees this project's types: every shipped package carries ``py.typed``
(PEP 561), and ``mypy --strict`` on a user's own snippet, outside this repository, reads the
installed packages' annotations instead of refusing them as untyped."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.offline_install import fresh_venv, offline
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


def _mypy(folder: Path, *options: str, env: dict[str, str] | None = None) -> str:
    (folder / "snippet.py").write_text(SNIPPET, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *options, "snippet.py"],
        cwd=folder,  # the user's own folder: not this repository's configuration
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    return done.stdout


def _assert_types_seen(said: str) -> None:
    assert "py.typed" not in said, said  # no package refused as untyped
    assert "import-untyped" not in said and "import-not-found" not in said, said
    # each wrong annotation is caught, naming the type the package declares
    for line, declared in ((5, '"bool"'), (6, '"Path"'), (7, '"Mapping[Literal[')):
        expected = (
            f"snippet.py:{line}: error: Incompatible types in assignment (expression has type "
        )
        assert expected + declared in said, said
    assert said.rstrip().endswith("Found 3 errors in 1 file (checked 1 source file)")


def test_mypy_strict_on_a_users_snippet_sees_every_packages_types(tmp_path: Path) -> None:
    _assert_types_seen(_mypy(tmp_path))


@pytest.mark.slow
def test_mypy_strict_sees_the_types_of_the_installed_wheel(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The wheel installed in a user's fresh environment (offline), and mypy pointed at it."""
    setting = offline(tmp_path_factory)
    venv = fresh_venv(tmp_path / ".venv")
    env = setting.env(first=venv)
    installed = subprocess.run(
        [str(venv / "python"), "-m", "pip", "install", "automl-objective"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    where = subprocess.run(
        [str(venv / "python"), "-c", "import automl_objective; print(automl_objective.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(tmp_path / ".venv")), where.stdout + where.stderr
    _assert_types_seen(_mypy(tmp_path, "--python-executable", str(venv / "python"), env=env))


@pytest.mark.slow
def test_the_wheel_carries_py_typed_for_every_package(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    (wheel,) = WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [p for p in PACKAGES if f"{p}/py.typed" not in names] == []
