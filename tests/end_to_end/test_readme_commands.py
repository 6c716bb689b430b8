"""The README's commands, run as they stand: each sh line exits 0, each console block prints
what the README shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import ROOT, copy_project
from tests.support.readme import commands, suite_command

pytestmark = pytest.mark.slow  # see pyproject.toml's markers

README = ROOT / "README.md"


# The README's shell commands, run as they stand. Each runs in a copy of the project, so that
# the commands that write (`sync --write`, `generate`) change nothing here. pip reaches no
# network: it is pointed at the machine's local package index (file: URLs in pip's own
# configuration); a bare `pip` line runs with --dry-run, as it would otherwise change the
# environment running this suite, while a line that makes its own venv installs into it.
# Blocks marked `sh your-repository` are run from a user's repository instead, by
# tests/end_to_end/test_from_a_users_repository.py (this pattern leaves them out).


def test_readme_commands_run(tmp_path: Path) -> None:
    """Every command line of the README's sh and console blocks exits 0 (sh) or prints what
    the README shows (console). Set-up command 2, the whole suite, is the one not run here:
    it would run this test inside itself; .ci/run runs it word for word (checked above)."""
    copy = tmp_path / "project"
    copy_project(copy)
    base = {
        **{k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "NO_COLOR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    ran = 0
    for command, expected in commands():
        if command == suite_command():
            continue
        env = dict(base)
        if "-m venv" not in command:
            env["PIP_DRY_RUN"] = "1"
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            cwd=copy,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
            check=False,
        )
        if expected is None:
            assert done.returncode == 0, f"{command}\n{done.stdout}"
        else:
            assert done.stdout == expected, command
        ran += 1
    assert ran == len(commands()) - 1
