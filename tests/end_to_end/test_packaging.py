"""What a wheel and an sdist carry: built with hatchling's own builders, offline."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.support.paths import ROOT

pytestmark = pytest.mark.slow  # see pyproject.toml's markers


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from hatchling.builders.sdist import SdistBuilder
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    (wheel,) = WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])
    (sdist,) = SdistBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])
    return Path(wheel), Path(sdist)


def _tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and not name.startswith(".git")]


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs a git checkout to compare with")
def test_the_sdist_holds_every_tracked_file(built: tuple[Path, Path]) -> None:
    """The suite runs from an unpacked sdist only if everything it reads is in it."""
    with tarfile.open(built[1]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    missing = [name for name in _tracked_files() if name not in names]
    assert missing == []


def test_the_wheel_carries_the_schemas_and_the_licence(built: tuple[Path, Path]) -> None:
    names = set(zipfile.ZipFile(built[0]).namelist())
    editor = [n for n in (ROOT / "generated" / "schema").iterdir()]
    assert editor
    for path in editor:
        assert f"automl_objective_generated/editor_schemas/{path.name}" in names
    assert "automl_objective_generated/automl_job_objective.schema.json" in names
    outputs = sorted((ROOT / "schema" / "outputs").glob("*.schema.json"))
    assert len(outputs) == 6
    for path in outputs:
        assert f"automl_objective/output_schemas/{path.name}" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "automl_objective/__main__.py" in names


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "automl_objective", "validate", "examples/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout
