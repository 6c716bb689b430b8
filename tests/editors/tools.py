"""The pinned npm packages, installed once per checkout, and runners for the Node-side tools.

``npm ci`` runs only when node_modules/ is missing or was installed from another lock file (its
sha256 is stamped inside node_modules/), so reruns cost nothing.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LOCK = HERE / "package-lock.json"
MODULES = HERE / "node_modules"
STAMP = MODULES / ".automl-objective-lock-sha256"
YAML_SERVER = MODULES / "yaml-language-server" / "bin" / "yaml-language-server"
SOURCEMETA = MODULES / ".bin" / "jsonschema"


class ToolError(RuntimeError):
    """A tool the suite drives is missing or failed; the message says which and how."""


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ToolError(f"{name} is not on PATH: install Node.js (.ci/run does, with apt)")
    return found


def node() -> str:
    return _tool("node")


def ensure_installed() -> Path:
    """node_modules/ from the lock file, installing with ``npm ci`` only when it is stale.
    One process at a time (pytest-xdist's workers each ask): the others wait for it."""
    with open(HERE / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _install()


def _install() -> Path:
    wanted = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text().strip() == wanted:
        return MODULES
    done = subprocess.run(
        [_tool("npm"), "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ToolError(f"npm ci in {HERE} failed: {last}")
    STAMP.write_text(wanted + "\n")
    return MODULES


def json_service(request: dict[str, Any]) -> dict[str, Any]:
    """Run json_service.js (VS Code's JSON language service and ajv) on one batch."""
    done = subprocess.run(
        [node(), str(HERE / "json_service.js")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise ToolError(f"json_service.js failed: {done.stderr.strip()[-2000:]}")
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def _json_values(text: str) -> list[dict[str, Any]]:
    """The JSON objects printed one after another."""
    decoder = json.JSONDecoder()
    values: list[dict[str, Any]] = []
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            return values
        value, index = decoder.raw_decode(text, index)
        values.append(value)


def sourcemeta_verdicts(schema: Path, instances: list[Path]) -> list[bool]:
    """``jsonschema validate`` (sourcemeta) on each instance, in order."""
    done = subprocess.run(
        [str(SOURCEMETA), "validate", "--json", "--continue", str(schema), *map(str, instances)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    verdicts = [bool(v["valid"]) for v in _json_values(done.stdout)]
    if len(verdicts) != len(instances):
        raise ToolError(f"jsonschema validate {schema.name}: {done.stderr.strip()[-500:]}")
    return verdicts


def sourcemeta_lint(schema: Path) -> list[str]:
    """The rule ids ``jsonschema lint`` (sourcemeta) reports on ``schema``."""
    done = subprocess.run(
        [str(SOURCEMETA), "lint", "--json", str(schema)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise ToolError(f"jsonschema lint {schema.name}: {done.stderr.strip()[-500:]}") from None
    return sorted({str(e["id"]) for e in report.get("errors", [])})
