"""The VS Code extension (editors/vscode/) builds from its lock file and packages: npm ci,
the TypeScript compile and vsce package, as a release would run them; the .vsix holds the
compiled client and its runtime dependency, starts ``automl-objective lsp`` and offers the
settings the server reads."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from automl_objective.lsp.settings import CLIENT_SIDE, SECTION, SETTING_NAMES
from tests.support.paths import ROOT

pytestmark = pytest.mark.slow  # see pyproject.toml's markers: an npm build

EXTENSION = ROOT / "editors" / "vscode"


def _run(command: list[str], cwd: Path) -> None:
    executable = shutil.which(command[0])
    assert executable is not None, f"{command[0]} is not on PATH: install Node.js and npm"
    done = subprocess.run(
        [executable, *command[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"


def test_the_extension_compiles_and_packages(tmp_path: Path) -> None:
    build = tmp_path / "vscode"
    shutil.copytree(
        EXTENSION, build, ignore=shutil.ignore_patterns("node_modules", "out", "*.vsix")
    )
    _run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], build)
    _run(["npm", "run", "compile"], build)
    _run(["npm", "run", "package"], build)
    with zipfile.ZipFile(build / "automl-objective.vsix") as vsix:
        names = set(vsix.namelist())
        manifest = json.loads(vsix.read("extension/package.json"))
        client = vsix.read("extension/out/extension.js").decode()
    assert {
        "extension/out/extension.js",
        "extension/readme.md",
        "extension/node_modules/vscode-languageclient/package.json",
    } <= names
    assert not [name for name in names if name.endswith(".ts") or "/src/" in name]
    assert manifest["main"] == "./out/extension.js"
    assert '"lsp"' in client and f'"{SECTION}"' in client
    offered = {
        key.removeprefix(f"{SECTION}.")
        for key in manifest["contributes"]["configuration"]["properties"]
    }
    assert offered == set(SETTING_NAMES) | (CLIENT_SIDE - {"trace"})
    for name in SETTING_NAMES:
        assert f'"{name}"' in client  # handed to the server at start
