""".ci/find-python finds an interpreter of a version wherever the usual installers put it
(PATH, pyenv, uv, GitHub's tool cache), trusting none it has not run: each case below builds
that layout in a temporary folder around this suite's own interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import ROOT

WANT = f"{sys.version_info.major}.{sys.version_info.minor}"
REAL = Path(os.path.realpath(sys.executable))


def _find(want: str, path: list[Path], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "/bin/bash" if Path("/bin/bash").exists() else "bash",
            str(ROOT / ".ci" / "find-python"),
            want,
        ],
        env={"PATH": os.pathsep.join(map(str, path)), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _link(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(REAL)
    return path


@pytest.fixture
def broken_shim(tmp_path: Path) -> Path:
    """A folder on PATH holding a `pythonX.Y` that fails, as pyenv's shims do for a version
    that is not activated."""
    shims = tmp_path / "shims"
    shims.mkdir()
    shim = shims / f"python{WANT}"
    shim.write_text("#!/bin/sh\necho 'pyenv: version not installed' >&2\nexit 127\n")
    shim.chmod(0o755)
    return shims


@pytest.mark.parametrize(
    ("layout", "variables"),
    [
        (f"pyenv/versions/{WANT}.99/bin/python{WANT}", {"PYENV_ROOT": "pyenv"}),
        (f"home/.pyenv/versions/{WANT}.1/bin/python{WANT}", {"HOME": "home"}),
        (f"uv/cpython-{WANT}.4-linux-x86_64-gnu/bin/python{WANT}", {"UV_PYTHON_INSTALL_DIR": "uv"}),
        (
            f"home/.local/share/uv/python/cpython-{WANT}.4-linux-x86_64-gnu/bin/python{WANT}",
            {"HOME": "home"},
        ),
        (f"toolcache/Python/{WANT}.2/x64/bin/python{WANT}", {"RUNNER_TOOL_CACHE": "toolcache"}),
    ],
    ids=["pyenv", "pyenv-in-home", "uv", "uv-in-home", "github-tool-cache"],
)
def test_found_where_an_installer_puts_it_past_a_broken_shim(
    tmp_path: Path, broken_shim: Path, layout: str, variables: dict[str, str]
) -> None:
    expected = _link(tmp_path / layout)
    env = {name: str(tmp_path / value) for name, value in variables.items()}
    env.setdefault("HOME", str(tmp_path / "empty-home"))
    done = _find(WANT, [broken_shim], env)
    assert (done.returncode, done.stdout) == (0, f"{expected}\n"), done.stderr


def test_found_on_path_as_python3_when_that_is_the_version(
    tmp_path: Path, broken_shim: Path
) -> None:
    expected = _link(tmp_path / "bin" / "python3")
    done = _find(WANT, [broken_shim, tmp_path / "bin"], {"HOME": str(tmp_path)})
    assert (done.returncode, done.stdout) == (0, f"{expected}\n")


def test_a_python3_of_another_version_is_not_taken(tmp_path: Path) -> None:
    _link(tmp_path / "bin" / "python3")
    done = _find("3.99", [tmp_path / "bin"], {"HOME": str(tmp_path)})
    assert (done.returncode, done.stdout) == (1, "")
