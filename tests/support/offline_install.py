"""Installing automl-objective as a user does, from a repository that is not this one, with no
network: the tests that paste the README's install lines, run the action's steps and play the
release workflow share this.

- A wheel built once per session (hatchling's builder, as `python -m build` runs it).
- This project as the Git repository a user's `pip install "automl-objective @ git+URL@vX.Y.Z"`
  reaches: a commit of the working tree tagged `v<version>`, which git is told to fetch in
  place of the project's address (`url.<local>.insteadOf`). The same folder is the action's
  own files (`github.action_path`).
- Fresh virtual environments; the packages the project depends on (and hatchling, to build from
  the Git repository) are already there, as in a user's environment: a folder of links to the
  ones this suite runs with, on `PYTHONPATH`. pip installs automl-objective itself and finds
  every dependency satisfied.
- pip is told to use no index (`PIP_NO_INDEX`, its configuration files ignored), git to use no
  protocol but `file`, and every proxy variable names a closed local port: whatever tried the
  network would fail at once, not pass by luck.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from automl_objective import __version__
from tests.support.paths import ROOT, copy_project

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
REPOSITORY: str = PROJECT["urls"]["Repository"]
TAG = f"v{__version__}"
CLOSED_PORT = "http://127.0.0.1:9"


def _closure(requirements: list[str]) -> dict[str, importlib.metadata.Distribution]:
    """The distributions these requirements need, transitively (extras and markers that do
    not apply here left out), as installed in the environment running the suite."""
    found: dict[str, importlib.metadata.Distribution] = {}
    pending = [Requirement(text) for text in requirements]
    while pending:
        requirement = pending.pop()
        key = canonicalize_name(requirement.name)
        if key in found or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        found[key] = importlib.metadata.distribution(requirement.name)
        pending.extend(Requirement(text) for text in found[key].requires or [])
    return found


def _link_dependencies(folder: Path) -> None:
    """Links to every file and folder of the runtime dependencies, and of hatchling."""
    folder.mkdir()
    for distribution in _closure([*PROJECT["dependencies"], "hatchling"]).values():
        base = Path(str(distribution.locate_file("")))
        tops = {Path(str(file)).parts[0] for file in distribution.files or []}
        for top in tops - {"..", "__pycache__"}:
            if not (folder / top).exists():
                (folder / top).symlink_to(base / top)


def _git(*args: str, cwd: Path) -> None:
    identity = ["-c", "user.name=release", "-c", "user.email=release@example.invalid"]
    subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True)


@dataclass(frozen=True)
class Offline:
    """What the tests install from, made once per session."""

    wheels: Path  # holds the one wheel: what `pip install automl-objective` finds
    dependencies: Path
    repository: Path  # this project's files, committed and tagged TAG
    scratch: Path

    @property
    def wheel(self) -> Path:
        (wheel,) = self.wheels.glob("*.whl")
        return wheel

    def env(self, first: Path | None = None) -> dict[str, str]:
        """The environment of a user's shell: ``first`` (a venv's bin) ahead on PATH, this
        suite's own interpreter off it; pip and git pointed at nothing but local files."""
        own = Path(sys.executable).parent
        path = [p for p in os.environ["PATH"].split(os.pathsep) if p and Path(p) != own]
        if first is not None:
            path.insert(0, str(first))
        kept = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PIP_", "PYTHON", "GIT_", "VIRTUAL_ENV"))
            and key.lower() not in {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
        }
        return {
            **kept,
            "PATH": os.pathsep.join(path),
            "PYTHONPATH": str(self.dependencies),
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(self.wheels),
            "PIP_CONFIG_FILE": os.devnull,
            "PIP_NO_BUILD_ISOLATION": "0",  # pip reads 0 as "do not isolate"
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_NO_INPUT": "1",
            "PIP_CACHE_DIR": str(self.scratch / "pip-cache"),
            # The project's address fetched from the local repository: git's configuration
            # through the environment, which pre-commit passes on to git (a global file it
            # would not).
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": f"url.{self.repository.as_uri()}.insteadOf",
            "GIT_CONFIG_VALUE_0": REPOSITORY,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_ALLOW_PROTOCOL": "file",
            "GIT_TERMINAL_PROMPT": "0",
            **{name: CLOSED_PORT for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")},
            **{name: CLOSED_PORT for name in ("http_proxy", "https_proxy", "all_proxy")},
            "NO_COLOR": "1",
        }


_MADE: list[Offline] = []


def offline(factory: pytest.TempPathFactory) -> Offline:
    """Made on first use in a session (a few seconds), then shared."""
    if not _MADE:
        _MADE.append(_make(factory.mktemp("offline-install")))
    return _MADE[0]


def _make(base: Path) -> Offline:
    from hatchling.builders.wheel import WheelBuilder

    wheels = base / "wheels"
    (built,) = WheelBuilder(str(ROOT)).build(directory=str(wheels), versions=["standard"])
    assert Path(built).parent == wheels
    dependencies = base / "site"
    _link_dependencies(dependencies)
    repository = base / "automl-objective"
    copy_project(repository)
    _git("init", "-q", "-b", "main", cwd=repository)
    _git("add", "-A", cwd=repository)
    _git("commit", "-q", "-m", "release", cwd=repository)
    _git("tag", TAG, cwd=repository)
    return Offline(wheels, dependencies, repository, base)


def fresh_venv(where: Path) -> Path:
    """A new virtual environment (pip included, nothing else); its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, capture_output=True)
    return where / "bin"


def bash(
    script: str, cwd: Path, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``script`` as GitHub Actions runs a bash step: ``bash --noprofile --norc -eo pipefail``."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


BAD_CALL = '''"""Starts the churn model's AutoML job."""

import boto3

sagemaker = boto3.client("sagemaker")
sagemaker.create_auto_ml_job_v2(
    AutoMLJobName="churn",
    AutoMLJobInputDataConfig=[
        {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://bucket/train/"}}}
    ],
    OutputDataConfig={"S3OutputPath": "s3://bucket/output/"},
    AutoMLProblemTypeConfig={
        "TabularJobConfig": {"TargetAttributeName": "churned", "ProblemType": "Regression"}
    },
    AutoMLJobObjective={"MetricName": "AUC"},
    RoleArn="arn:aws:iam::123456789012:role/SageMakerRole",
)
'''
# What validate says of that call: the one finding, where it is.
BAD_CALL_FINDING = (
    "jobs/train.py:15:39: error [metric-not-allowed] MetricName 'AUC' is not allowed for "
    "ProblemType 'Regression'; allowed: MSE, RMSE, R2, MAE"
)


def user_repository(where: Path) -> Path:
    """A user's own Git repository: a whole V2 request named by the convention (valid), a V1
    fragment naming a problem type without an objective (a warning), a Python file whose
    create_auto_ml_job_v2 call asks Regression for AUC (an error), and a package.json that is
    no AutoML document at all."""
    (where / "sagemaker").mkdir(parents=True)
    (where / "jobs").mkdir()
    shutil.copy(
        ROOT / "examples" / "create-auto-ml-job-v2.json",
        where / "sagemaker" / "churn.create-auto-ml-job-v2.json",
    )
    (where / "sagemaker" / "half.automl-objective.yaml").write_text("ProblemType: Regression\n")
    (where / "jobs" / "train.py").write_text(BAD_CALL)
    (where / "package.json").write_text('{"name": "web", "private": true}\n')
    subprocess.run(["git", "init", "-q", str(where)], check=True)
    return where
