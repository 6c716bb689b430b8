"""The validators the benchmark compares with, installed as a user installs them, pinned.

    python -m benchmarks.peers install     # once; nothing is fetched after it
    python -m benchmarks.peers versions

Python peers (check-jsonschema, fastjsonschema, jsonschema-rs, and PyYAML for the one-process
drivers' YAML files) go into a virtual environment of their own, ``benchmarks/.venv-peers``,
by ``pip install --require-hashes -r benchmarks/requirements.txt`` (made from
requirements.in by ``pip-compile --generate-hashes``). Node.js peers (ajv-cli with the ajv it
runs, and sourcemeta's ``jsonschema`` CLI) go into ``benchmarks/node_modules`` by ``npm ci``
from the lock file. Each install runs again only when its pin file changed (its sha256 is
stamped inside what it installed).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements.txt"
LOCK = HERE / "package-lock.json"
VENV = HERE / ".venv-peers"
MODULES = HERE / "node_modules"
STAMP = ".automl-objective-pins-sha256"

PEER_PYTHON = VENV / "bin" / "python"
CHECK_JSONSCHEMA = VENV / "bin" / "check-jsonschema"
AJV = MODULES / ".bin" / "ajv"
SOURCEMETA = MODULES / ".bin" / "jsonschema"
# The distributions whose versions the report names, in each environment.
PYTHON_DISTRIBUTIONS = ("check-jsonschema", "fastjsonschema", "jsonschema-rs", "PyYAML")
NODE_PACKAGES = ("ajv-cli", "ajv", "@sourcemeta/jsonschema")


class PeerError(RuntimeError):
    """A peer cannot be installed or run; the message says which and why."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fresh(folder: Path, pins: Path) -> bool:
    stamp = folder / STAMP
    return stamp.is_file() and stamp.read_text().strip() == _sha256(pins)


def _run(command: list[str], cwd: Path = HERE) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise PeerError(f"{' '.join(command[:3])} ... failed: {last}")


def install_python_peers() -> None:
    if _fresh(VENV, REQUIREMENTS):
        return
    shutil.rmtree(VENV, ignore_errors=True)
    _run([sys.executable, "-m", "venv", str(VENV)])
    pip = [str(PEER_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, "--require-hashes", "--no-deps", "-r", str(REQUIREMENTS)])
    (VENV / STAMP).write_text(_sha256(REQUIREMENTS) + "\n")


def install_node_peers() -> None:
    if _fresh(MODULES, LOCK):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise PeerError("npm is not on PATH: install Node.js 20 or later to run the Node peers")
    _run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    (MODULES / STAMP).write_text(_sha256(LOCK) + "\n")


def python_peers_installed() -> bool:
    return _fresh(VENV, REQUIREMENTS)


def node_peers_installed() -> bool:
    return _fresh(MODULES, LOCK) and shutil.which("node") is not None


def python_peer_versions() -> dict[str, str]:
    if not python_peers_installed():
        return {}
    script = (
        "import json, sys\nfrom importlib.metadata import version\n"
        "print(json.dumps({name: version(name) for name in sys.argv[1:]}))"
    )
    done = subprocess.run(
        [str(PEER_PYTHON), "-c", script, *PYTHON_DISTRIBUTIONS],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, str] = json.loads(done.stdout)
    return found


def node_peer_versions() -> dict[str, str]:
    if not node_peers_installed():
        return {}
    found = {}
    for name in NODE_PACKAGES:
        manifest = json.loads((MODULES / name / "package.json").read_text("utf-8"))
        found[name] = str(manifest["version"])
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    found["Node.js"] = node.stdout.strip().removeprefix("v")
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["install"]:
        try:
            install_python_peers()
            install_node_peers()
        except PeerError as error:
            print(f"benchmarks.peers: {error}", file=sys.stderr)
            return 1
        args = ["versions"]
    if args == ["versions"]:
        for name, version in {**python_peer_versions(), **node_peer_versions()}.items():
            print(f"{name} {version}")
        return 0
    print("usage: python -m benchmarks.peers install|versions", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
