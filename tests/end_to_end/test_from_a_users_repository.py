"""Every user-facing snippet of the README, pasted as a user pastes it, in a Git repository of
the user's own (not this one): the install lines, the command after them, the GitHub workflows
(the action's steps run by tests/support/action_runner.py), the GitLab job, the pre-commit
configuration and the editor settings. Offline (tests/support/offline_install.py): the project's
address is fetched from a local copy tagged as the README says, the package index is a folder
holding the wheel built from this checkout."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
import yaml

from automl_objective import __version__
from tests.support.action_runner import run_action
from tests.support.offline_install import (
    BAD_CALL_FINDING,
    PROJECT,
    REPOSITORY,
    TAG,
    Offline,
    bash,
    fresh_venv,
    offline,
    user_repository,
)
from tests.support.paths import ROOT

pytestmark = pytest.mark.slow  # see pyproject.toml's markers

README = (ROOT / "README.md").read_text("utf-8")
OWNER = REPOSITORY.removeprefix("https://github.com/").removesuffix("/automl-objective")
RAW = f"https://raw.githubusercontent.com/{OWNER}/automl-objective/{TAG}/"


def _blocks(info: str) -> list[str]:
    return re.findall(rf"^```{re.escape(info)}\n(.*?)^```", README, re.DOTALL | re.MULTILINE)


def _your_repository_commands() -> list[str]:
    """The command lines of the README's blocks marked `sh your-repository`."""
    lines = [line.strip() for block in _blocks("sh your-repository") for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def _installs() -> list[str]:
    return [c for c in _your_repository_commands() if c.startswith("pip install")]


def _after_install() -> list[str]:
    return [c for c in _your_repository_commands() if not c.startswith("pip install")]


def test_the_readme_has_both_install_lines_and_the_command_after_them() -> None:
    assert _installs() == [
        f'pip install "automl-objective @ git+{REPOSITORY}@{TAG}"',
        "pip install automl-objective",
    ]
    assert _after_install() == ["automl-objective validate --skip-unknown ."]


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Offline:
    return offline(tmp_path_factory)


def _shell(
    command: str, repo: Path, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=repo,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("install", _installs(), ids=["from-git-at-the-tag", "from-the-index"])
def test_an_install_line_then_validate_as_pasted(
    setting: Offline, tmp_path: Path, install: str
) -> None:
    repo = user_repository(tmp_path / "repo")
    venv = fresh_venv(repo / ".venv")  # the user's environment, activated
    env = setting.env(first=venv)
    done = _shell(install, repo, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Successfully installed automl-objective-{__version__}" in done.stdout
    where = _shell(
        "python -c 'import automl_objective; print(automl_objective.__file__)'", repo, env
    )
    assert where.stdout.startswith(str(repo / ".venv")), where.stdout + where.stderr
    urls = _shell(
        "python -c 'import importlib.metadata as m; "
        'print("\\n".join(m.metadata("automl-objective").get_all("Project-URL")))\'',
        repo,
        env,
    )
    assert urls.stdout.splitlines() == [f"{key}, {url}" for key, url in PROJECT["urls"].items()]

    [command] = _after_install()
    done = _shell(command, repo, env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == "./" + BAD_CALL_FINDING
    assert done.stdout.splitlines()[-1] == (
        "4 files checked: 2 valid, 1 invalid, 1 skipped as none of the known kinds "
        "(1 error, 1 warning)"
    )
    train = repo / "jobs" / "train.py"
    train.write_text(train.read_text().replace('"AUC"', '"MSE"'))
    done = _shell(command, repo, env)
    assert done.returncode == 0, done.stdout + done.stderr


# The CI snippets, run as their CI systems would run them in the user's repository.


def _yaml_blocks() -> list[Any]:
    return [yaml.load(block, Loader=yaml.BaseLoader) for block in _blocks("yaml")]


def _workflows() -> list[dict[str, Any]]:
    return [b for b in _yaml_blocks() if isinstance(b, dict) and "jobs" in b]


def _play_workflow(
    workflow: dict[str, Any], setting: Offline, repo: Path, tmp_path: Path
) -> tuple[list[str], str]:
    """The job's steps in turn, as GitHub runs them: after a failure, only `if: always()`
    steps. (the steps that ran and how each ended, everything printed)."""
    [job] = workflow["jobs"].values()
    env = setting.env()
    ended: list[str] = []
    printed = ""
    failed = False
    for step in job["steps"]:
        if failed and step.get("if") != "always()":
            continue
        uses = step.get("uses", "")
        if uses == "actions/checkout@v4":
            ended.append("checkout")  # the repository is the working folder
        elif uses == "actions/setup-python@v5":
            env = setting.env(
                first=fresh_venv(tmp_path / f"python-{step['with']['python-version']}")
            )
            ended.append("setup-python")
        elif uses == f"{OWNER}/automl-objective@v0.2":
            inputs = step.get("with", {})
            run = run_action(repo, inputs, env, setting.repository, tmp_path / "runner-temp")
            printed += run.stdout + run.stderr
            failed = failed or run.failed is not None
            ended.append(f"action: exit-code {run.action_outputs['exit-code']}")
        elif uses == "github/codeql-action/upload-sarif@v3":
            sarif = json.loads((repo / step["with"]["sarif_file"]).read_text("utf-8"))
            ended.append(f"upload-sarif: {len(sarif['runs'][0]['results'])} results")
        elif "run" in step:
            done = bash(step["run"], cwd=repo, env=env)
            printed += done.stdout + done.stderr
            failed = failed or done.returncode != 0
            ended.append(f"run: {done.returncode}")
        else:
            raise AssertionError(f"a step this test cannot play: {step}")
    return ended, printed


ANNOTATION = (
    "::error file=./jobs/train.py,line=15,col=39,title=automl-objective metric-not-allowed::"
)


@pytest.mark.parametrize(
    ("index", "ended"),
    [
        (0, ["checkout", "action: exit-code 1"]),
        (1, ["checkout", "action: exit-code 1", "upload-sarif: 2 results"]),
        (2, ["checkout", "setup-python", "run: 0", "run: 1"]),
    ],
    ids=["action", "action-sarif", "pip"],
)
def test_a_github_workflow_as_pasted(
    setting: Offline, tmp_path: Path, index: int, ended: list[str]
) -> None:
    repo = user_repository(tmp_path / "repo")
    played, printed = _play_workflow(_workflows()[index], setting, repo, tmp_path)
    assert played == ended, printed
    if "sarif" not in str(_workflows()[index]):
        assert ANNOTATION in printed


def test_the_gitlab_job_as_pasted(setting: Offline, tmp_path: Path) -> None:
    [job] = [b["automl-objective"] for b in _yaml_blocks() if "automl-objective" in b]
    assert job["image"] == "python:3.12"
    repo = user_repository(tmp_path / "repo")
    env = setting.env(first=fresh_venv(tmp_path / "image-python"))  # the image's python
    codes = []
    for line in job["script"]:
        done = bash(line, cwd=repo, env=env)
        codes.append(done.returncode)
        if done.returncode != 0:
            break  # GitLab stops the script at the first failing line
    assert codes == [0, 1]
    assert job["artifacts"]["when"] == "always"
    report = ElementTree.parse(repo / job["artifacts"]["reports"]["junit"]).getroot()
    failures = [
        case.get("name") for case in report.iter("testcase") if case.find("failure") is not None
    ]
    assert failures == ["./jobs/train.py"]


def test_the_pre_commit_configuration_as_pasted(setting: Offline, tmp_path: Path) -> None:
    """pre-commit fetches the hook from the README's `repo:` at its `rev:` (the local copy,
    tagged so), installs it in an environment of its own and runs it."""
    [config] = [b for b in _yaml_blocks() if isinstance(b, dict) and "repos" in b]
    [hook_repo] = config["repos"]
    assert (hook_repo["repo"], hook_repo["rev"]) == (REPOSITORY, TAG)
    repo = user_repository(tmp_path / "repo")
    block = next(b for b in _blocks("yaml") if b.startswith("repos:"))
    (repo / ".pre-commit-config.yaml").write_text(block)
    broken = repo / "sagemaker" / "broken.create-auto-ml-job.json"
    broken.write_text(
        '{"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "AUC"}}\n'
    )
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    env = {**setting.env(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        "sagemaker/broken.create-auto-ml-job.json:1:68: error [metric-not-allowed] MetricName "
        "'AUC' is not allowed for ProblemType 'Regression'"
    ) in done.stdout
    assert BAD_CALL_FINDING in done.stdout  # the code hook, on jobs/train.py


# The editor settings: addresses of files that exist at the tag, matching the convention.


def _at_the_tag(setting: Offline, url: str) -> str:
    assert url.startswith(RAW), url
    path = url.removeprefix(RAW)
    return subprocess.run(
        ["git", "show", f"{TAG}:{path}"],
        cwd=setting.repository,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_vs_code_settings_as_pasted(setting: Offline) -> None:
    [settings] = [json.loads(b) for b in _blocks("json") if '"json.schemas"' in b]
    catalog = json.loads((ROOT / "generated" / "schema" / "catalog.json").read_text("utf-8"))
    matches = {entry["url"].removeprefix("./"): entry["fileMatch"] for entry in catalog["schemas"]}
    seen = set()
    for entry in settings["json.schemas"]:
        name = entry["url"].rsplit("/", 1)[-1]
        schema = json.loads(_at_the_tag(setting, entry["url"]))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert entry["fileMatch"] == [m for m in matches[name] if m.endswith(".json")]
        seen.add(name)
    for url, patterns in settings["yaml.schemas"].items():
        name = url.rsplit("/", 1)[-1]
        json.loads(_at_the_tag(setting, url))
        assert patterns == [m for m in matches[name] if not m.endswith(".json")]
    assert seen == set(settings_names := {u.rsplit("/", 1)[-1] for u in settings["yaml.schemas"]})
    assert settings_names == set(matches)


def test_the_yaml_modeline_as_pasted(setting: Offline) -> None:
    [modeline] = [b for b in _blocks("text") if b.startswith("# yaml-language-server:")]
    url = modeline.strip().removeprefix("# yaml-language-server: $schema=")
    assert json.loads(_at_the_tag(setting, url))["title"]
