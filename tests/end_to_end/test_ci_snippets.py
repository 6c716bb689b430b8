"""The README's CI jobs are valid for their CI systems, and their commands pass on valid
request files (tests/end_to_end/test_from_a_users_repository.py runs them, with the action,
as a user does: installed from the wheel, in a repository of the user's own)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator, validators

from tests.support.ci import vendored_schema
from tests.support.paths import ROOT

pytestmark = pytest.mark.slow  # see pyproject.toml's markers

README = (ROOT / "README.md").read_text("utf-8")


def yaml_blocks() -> list[Any]:
    """The README's YAML blocks, read as CI systems read them: YAML 1.2, where `on` is a key
    and not the boolean PyYAML's 1.1 rules make of it (BaseLoader: every scalar a string)."""
    blocks = README.split("```yaml\n")[1:]
    return [yaml.load(block.split("```", 1)[0], Loader=yaml.BaseLoader) for block in blocks]


def github_workflows() -> list[dict[str, Any]]:
    return [b for b in yaml_blocks() if isinstance(b, dict) and "jobs" in b]


def gitlab_job() -> dict[str, Any]:
    return next(b for b in yaml_blocks() if isinstance(b, dict) and "automl-objective" in b)


def _snippets() -> list[tuple[dict[str, Any], str]]:
    found = [(workflow, "github-workflows.json") for workflow in github_workflows()]
    return [*found, (gitlab_job(), "gitlab-ci.json")]


@pytest.mark.parametrize(("job", "schema"), _snippets())
def test_snippets_match_their_ci_schema(job: dict[str, Any], schema: str) -> None:
    document = vendored_schema(schema)
    cls = validators.validator_for(document, default=Draft7Validator)
    assert list(cls(document).iter_errors(job)) == []


def test_there_are_three_workflows_and_a_gitlab_job() -> None:
    assert len(github_workflows()) == 3


def commands() -> list[str]:
    found = [
        step["run"]
        for workflow in github_workflows()
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "run" in step
    ]
    found += gitlab_job()["automl-objective"]["script"]
    return [c for c in found if c.startswith("automl-objective")]


@pytest.mark.parametrize("command", commands())
def test_snippet_commands_pass(command: str, tmp_path: Path) -> None:
    program, redirect = command, None
    if " > " in command:
        program, redirect = command.split(" > ")
    argv = shlex.split(program)
    argv[0] = str(Path(sys.executable).parent / argv[0])
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    # A repository holding valid request files (the examples) and a file that is none.
    shutil.copytree(ROOT / "examples", tmp_path / "requests")
    (tmp_path / "package.json").write_text('{"name": "web"}\n')
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    if redirect is not None:
        assert done.stdout.startswith('<?xml version="1.0"')
