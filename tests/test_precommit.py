"""The pre-commit hook, run by pre-commit itself on a temporary repository, offline.

pre-commit would normally install the hook's own virtualenv from the package index; offline,
the test runs the manifest's hook as a local `language: system` hook (the package is already
installed here) with every other field taken from .pre-commit-hooks.yaml unchanged, so
pre-commit's file selection, the entry and the exit codes are the real ones.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
FIXTURES = Path(__file__).parent / "fixtures"


def test_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(MANIFEST))
    assert hook["id"] == "automl-objective"
    assert hook["entry"] == "automl-objective validate --skip-unknown --force-exclude"


def _repo(tmp_path: Path, args: list[str] | None = None) -> Path:
    repo = tmp_path / "repo"
    (repo / "sagemaker").mkdir(parents=True)
    (repo / "web").mkdir()
    shutil.copy(FIXTURES / "valid" / "v2-image-accuracy.json", repo / "sagemaker" / "good.json")
    (repo / "web" / "package.json").write_text('{"name": "not a request"}\n')
    (hook,) = yaml.safe_load(MANIFEST.read_text())
    local: dict[str, Any] = {**hook, "language": "system"}
    if args is not None:
        local["args"] = args
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def _run(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_hook_passes_good_files_and_ignores_unrelated_json(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    done = _run(repo, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "automl-objective" in done.stdout and "Passed" in done.stdout


@pytest.mark.parametrize("fixture", ["v1-regression-auc.json", "v2-unknown-config.json"])
def test_hook_fails_on_a_bad_request(tmp_path: Path, fixture: str) -> None:
    repo = _repo(tmp_path)
    shutil.copy(FIXTURES / "invalid" / fixture, repo / "sagemaker" / "job.json")
    done = _run(repo, tmp_path)
    assert done.returncode == 1
    assert "Failed" in done.stdout
    assert "sagemaker/job.json:" in done.stdout and ": error [" in done.stdout
    assert "package.json" not in done.stdout


def test_hook_skips_json_under_sagemaker_that_is_no_automl_document(tmp_path: Path) -> None:
    """The default pattern matches any path mentioning sagemaker; files there that are none
    of the known kinds (hyperparameters, an array) pass, reported as skipped."""
    repo = _repo(tmp_path)
    (repo / "sagemaker" / "hyperparameters.json").write_text('{"epochs": "3"}\n')
    (repo / "sagemaker" / "ranges.yaml").write_text("- 1\n- 2\n")
    done = _run(repo, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_hook_still_fails_a_broken_file_under_sagemaker(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "sagemaker" / "hyperparameters.json").write_text('{"epochs": 3,}\n')
    done = _run(repo, tmp_path)
    assert done.returncode == 1
    assert "sagemaker/hyperparameters.json:1:13: error [parse-error]" in done.stdout


def test_hook_args_exclude_the_files_pre_commit_names(tmp_path: Path) -> None:
    """pre-commit names each file; with --force-exclude in the entry, --exclude applies."""
    repo = _repo(tmp_path, args=["--exclude", "legacy"])
    (repo / "sagemaker" / "legacy").mkdir()
    shutil.copy(FIXTURES / "invalid" / "v1-regression-auc.json", repo / "sagemaker" / "legacy")
    done = _run(repo, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    shutil.copy(FIXTURES / "invalid" / "v1-regression-auc.json", repo / "sagemaker" / "job.json")
    done = _run(repo, tmp_path)
    assert done.returncode == 1
    assert "sagemaker/job.json:" in done.stdout and "legacy" not in done.stdout
