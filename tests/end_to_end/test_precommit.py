"""The pre-commit hooks: their patterns follow the input kinds' registry, and pre-commit itself
runs them on a temporary repository, offline.

pre-commit would normally install the hooks' own virtualenv from the package index; offline,
the tests run each manifest hook as a local `language: system` hook (the package is already
installed here) with every other field taken from .pre-commit-hooks.yaml unchanged (or
overridden as a user's configuration would), so pre-commit's file selection, the entry and
the exit codes are the real ones.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from identify.identify import tags_from_filename

from automl_objective.inputs import registry
from automl_objective.inputs.globs import Globs
from tests.support.offline_install import BAD_CALL, BAD_CALL_FINDING
from tests.support.paths import FIXTURES, ROOT

pytestmark = pytest.mark.slow  # see pyproject.toml's markers

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
REQUESTS, CODE = "automl-objective", "automl-objective-code"


def _hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text())}


def test_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(MANIFEST))}
    assert set(hooks) == {REQUESTS, CODE}
    for hook in hooks.values():
        assert hook["entry"] == "automl-objective validate --skip-unknown --force-exclude"
        assert hook["require_serial"] is True  # one run, one summary


def _samples() -> list[str]:
    """File names to hold the patterns against: every kind's globs and hook globs, in a
    folder and with an upper-case extension, and names that are none of them."""
    globs = {g for k in registry.KINDS for g in (*k.globs, *(k.hook_globs or ()))}
    names = {glob.replace("*", "job") for glob in globs}
    names |= {f"deep/folder/{name}" for name in names}
    names |= {name[: name.rfind(".")] + name[name.rfind(".") :].upper() for name in names}
    return sorted(
        names
        | {
            "create-auto-ml-job.json",
            "a.create-auto-ml-job.json.bak",
            "job.create-auto-ml-job-v3.json",
            "job.pyi",
            "job.txt",
            "Makefile",
            "package.json",
        }
    )


def _selects(hook: dict[str, Any], name: str, files: str | None = None) -> bool:
    """Whether pre-commit hands ``name`` to ``hook`` (with its ``files`` overridden)."""
    tags = tags_from_filename(name)
    pattern = hook["files"] if files is None else files
    return (
        re.search(pattern, name) is not None
        and bool(tags & set(hook["types_or"]))
        and not tags & set(hook.get("exclude_types", ()))
    )


def _claimed(hook: str, name: str) -> bool:
    """Whether the registry says ``hook`` reads ``name`` by default."""
    for kind in registry.KINDS:
        globs = kind.globs if kind.hook_globs is None else kind.hook_globs
        if kind.hook == hook and globs and Globs(globs)(name):
            return bool(tags_from_filename(name) & set(kind.hook_types))
    return False


def test_each_hooks_types_are_its_kinds_types() -> None:
    for hook_id, hook in _hooks().items():
        types = [t for k in registry.KINDS if k.hook == hook_id for t in k.hook_types]
        assert hook["types_or"] == list(dict.fromkeys(types)), hook_id


@pytest.mark.parametrize("name", _samples())
def test_each_hook_reads_by_default_what_its_kinds_say(name: str) -> None:
    for hook_id, hook in _hooks().items():
        assert _selects(hook, name) == _claimed(hook_id, name), hook_id


@pytest.mark.parametrize("name", _samples())
def test_overriding_files_never_hands_a_file_to_both_hooks(name: str) -> None:
    """Whatever `files` a user sets, a notebook (tagged json too) goes to the code hook
    alone, and a file of any other kind to one hook at most."""
    selecting = [h for h, hook in _hooks().items() if _selects(hook, name, files="")]
    assert len(selecting) <= 1, selecting
    kind = registry.claim(name)
    if kind is not None and selecting:
        assert selecting == [kind.hook]


# pre-commit itself, on a temporary repository.


def _repo(tmp_path: Path, **overrides: dict[str, Any]) -> Path:
    """A Git repository whose configuration runs both hooks (``overrides`` by hook id)."""
    repo = tmp_path / "repo"
    (repo / "sagemaker").mkdir(parents=True)
    (repo / "web").mkdir()
    shutil.copy(
        FIXTURES / "valid" / "v2-image-accuracy.json",
        repo / "sagemaker" / "image.create-auto-ml-job-v2.json",
    )
    (repo / "web" / "package.json").write_text('{"name": "not a request"}\n')
    (repo / "web" / "app.py").write_text("print('no AutoML here')\n")
    hooks = [
        {**hook, "language": "system", **overrides.get(hook_id, {})}
        for hook_id, hook in _hooks().items()
    ]
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def _run(repo: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never", *extra],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_hooks_pass_good_files_and_ignore_unrelated_ones(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    done = _run(repo, tmp_path, "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("Passed") == 2
    assert "1 file checked: 1 valid" in done.stdout  # the request file
    assert "package.json" not in done.stdout


@pytest.mark.parametrize("fixture", ["v1-regression-auc.json", "v2-unknown-config.json"])
def test_the_request_hook_fails_on_a_bad_request(tmp_path: Path, fixture: str) -> None:
    repo = _repo(tmp_path)
    shutil.copy(FIXTURES / "invalid" / fixture, repo / "sagemaker" / "job.create-auto-ml-job.json")
    done = _run(repo, tmp_path)
    assert done.returncode == 1
    assert "Failed" in done.stdout
    assert "sagemaker/job.create-auto-ml-job.json:" in done.stdout and ": error [" in done.stdout
    assert "package.json" not in done.stdout


def test_the_code_hook_fails_on_a_bad_call_whatever_the_files_name(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "jobs").mkdir()
    (repo / "jobs" / "train.py").write_text(BAD_CALL)
    done = _run(repo, tmp_path)
    assert done.returncode == 1
    assert BAD_CALL_FINDING in done.stdout
    assert done.stdout.count(BAD_CALL_FINDING) == 1


def test_a_notebook_is_read_by_the_code_hook_alone_whatever_files_the_request_hook_has(
    tmp_path: Path,
) -> None:
    """identify tags a notebook json too: with the request hook's `files` widened to every
    file, the notebook is still read once."""
    repo = _repo(tmp_path, **{REQUESTS: {"files": ""}})
    shutil.copy(FIXTURES / "code" / "autopilot.ipynb", repo / "autopilot.ipynb")
    done = _run(repo, tmp_path)
    assert done.returncode == 1
    assert done.stdout.count("autopilot.ipynb:cell 3:1:28: error [metric-not-allowed]") == 1


def test_overridden_files_read_many_files_in_one_run_with_one_summary(tmp_path: Path) -> None:
    """pre-commit splits a hook's files over parallel runs unless it is serial: each run
    printed its own summary line."""
    repo = _repo(tmp_path, **{REQUESTS: {"files": r"^sagemaker/.*\.(json|ya?ml)$"}})
    for index in range(12):
        shutil.copy(
            FIXTURES / "valid" / "v2-image-accuracy.json", repo / "sagemaker" / f"j{index}.json"
        )
    done = _run(repo, tmp_path, "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    summaries = [line for line in done.stdout.splitlines() if " checked: " in line]
    assert summaries == [
        "13 files checked: 13 valid, 0 invalid (0 errors, 0 warnings)",  # the request hook
        "1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings)",  # the code hook: app.py
    ]


def test_widened_files_skip_json_that_is_no_automl_document(tmp_path: Path) -> None:
    """With `files` set to a folder, files there that are none of the known kinds
    (hyperparameters, an array) pass, reported as skipped."""
    repo = _repo(tmp_path, **{REQUESTS: {"files": "^sagemaker/"}})
    (repo / "sagemaker" / "hyperparameters.json").write_text('{"epochs": "3"}\n')
    (repo / "sagemaker" / "ranges.yaml").write_text("- 1\n- 2\n")
    done = _run(repo, tmp_path, "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 files checked: 1 valid, 0 invalid, 2 skipped" in done.stdout


def test_widened_files_still_fail_a_broken_file(tmp_path: Path) -> None:
    repo = _repo(tmp_path, **{REQUESTS: {"files": "^sagemaker/"}})
    (repo / "sagemaker" / "hyperparameters.json").write_text('{"epochs": 3,}\n')
    done = _run(repo, tmp_path)
    assert done.returncode == 1
    assert "sagemaker/hyperparameters.json:1:13: error [parse-error]" in done.stdout


def test_hook_args_exclude_the_files_pre_commit_names(tmp_path: Path) -> None:
    """pre-commit names each file; with --force-exclude in the entry, --exclude applies."""
    repo = _repo(tmp_path, **{REQUESTS: {"args": ["--exclude", "legacy"]}})
    (repo / "sagemaker" / "legacy").mkdir()
    bad = FIXTURES / "invalid" / "v1-regression-auc.json"
    shutil.copy(bad, repo / "sagemaker" / "legacy" / "old.create-auto-ml-job.json")
    done = _run(repo, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    shutil.copy(bad, repo / "sagemaker" / "job.create-auto-ml-job.json")
    done = _run(repo, tmp_path)
    assert done.returncode == 1
    assert "sagemaker/job.create-auto-ml-job.json:" in done.stdout and "legacy" not in done.stdout
