"""The GitHub Action (action.yml): valid action metadata, documented as it is, and its steps
run with inputs substituted in a user's repository, offline (tests/support/action_runner.py)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, validators

from automl_objective import __version__
from tests.support.action_runner import ActionRun, action, run_action
from tests.support.ci import vendored_schema
from tests.support.offline_install import (
    BAD_CALL_FINDING,
    Offline,
    fresh_venv,
    offline,
    user_repository,
)
from tests.support.paths import ROOT

pytestmark = pytest.mark.slow  # see pyproject.toml's markers

README = (ROOT / "README.md").read_text("utf-8")
ANNOTATION = (
    "::error file=./jobs/train.py,line=15,col=39,title=automl-objective metric-not-allowed::"
)


def test_action_matches_githubs_schema_of_action_metadata() -> None:
    schema = vendored_schema("github-actions.json")
    cls = validators.validator_for(schema, default=Draft7Validator)
    assert list(cls(schema).iter_errors(action(typed=True))) == []
    assert action()["runs"]["using"] == "composite"


def test_no_input_is_pasted_into_a_script() -> None:
    """Inputs reach the shell as environment variables only: `${{ inputs.x }}` inside `run:`
    would let an input's text run as code."""
    for step in action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]


def _readme_inputs() -> dict[str, str]:
    section = README.split("Its inputs, all optional:", 1)[1].split("\n\n", 2)[1]
    rows = [line.split(" | ") for line in section.splitlines()[2:]]
    return {row[0].strip("| `"): row[1] for row in rows}


def test_the_readme_documents_every_input_with_its_default() -> None:
    declared = action()["inputs"]
    documented = _readme_inputs()
    assert set(documented) == set(declared)
    for name, default in documented.items():
        quoted = re.fullmatch(r"`([^`]*)`", default)
        assert declared[name]["default"] == (quoted.group(1) if quoted else ""), name
    assert set(action()["outputs"]) == {"exit-code"}
    assert "Its output `exit-code` is `validate`'s exit code" in README


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Offline:
    return offline(tmp_path_factory)


@pytest.fixture(scope="module")
def installed(
    setting: Offline, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, dict[str, str]]]:
    """The action's first two steps, run once in a user's repository with the defaults: the
    Python found, automl-objective installed from the action's own files."""
    repo = user_repository(tmp_path_factory.mktemp("installed") / "repo")
    temp = repo.parent / "runner-temp"
    run = run_action(repo, {}, setting.env(), setting.repository, temp, steps=["python", "install"])
    assert run.failed is None, run.stdout + run.stderr
    return temp, run.outputs


def _validate(
    setting: Offline,
    installed: tuple[Path, dict[str, dict[str, str]]],
    tmp_path: Path,
    inputs: dict[str, str],
) -> tuple[Path, ActionRun]:
    repo = user_repository(tmp_path / "repo")
    temp, outputs = installed
    run = run_action(repo, inputs, setting.env(), setting.repository, temp, ["validate"], outputs)
    return repo, run


def test_by_default_it_installs_its_own_ref_and_annotates_the_pull_request(
    setting: Offline, tmp_path: Path
) -> None:
    repo = user_repository(tmp_path / "repo")
    run = run_action(repo, {}, setting.env(), setting.repository, tmp_path / "temp")
    assert [name for name, _ in run.ran] == [
        "Find Python 3.11 or newer",
        "Install automl-objective",
        "Validate",
    ]
    assert run.skipped == ["Set up Python (none found)"]
    assert run.outputs["install"]["bin"].startswith(str(tmp_path / "temp"))
    assert f"automl-objective {__version__}\n" in run.stdout
    assert run.failed == "Validate"
    assert run.action_outputs == {"exit-code": "1"}
    assert ANNOTATION in run.stdout
    assert "package.json" not in run.stdout  # --skip-unknown, the default args


def test_a_version_installs_that_release_from_the_index(setting: Offline, tmp_path: Path) -> None:
    repo = user_repository(tmp_path / "repo")
    inputs = {"version": __version__, "paths": "sagemaker"}
    run = run_action(repo, inputs, setting.env(), tmp_path / "no-action-files", tmp_path / "temp")
    assert run.failed is None, run.stdout + run.stderr
    assert run.action_outputs == {"exit-code": "0"}
    assert "::warning file=sagemaker/half.automl-objective.yaml" in run.stdout


def test_a_version_no_index_holds_fails_the_install_step(setting: Offline, tmp_path: Path) -> None:
    repo = user_repository(tmp_path / "repo")
    inputs = {"version": "0.0.1"}
    run = run_action(repo, inputs, setting.env(), setting.repository, tmp_path / "temp")
    assert run.failed == "Install automl-objective"
    assert "automl-objective==0.0.1" in run.stderr
    assert run.action_outputs == {"exit-code": ""}


def test_without_python_311_it_sets_one_up_for_itself_only(
    setting: Offline, tmp_path: Path
) -> None:
    repo = user_repository(tmp_path / "repo")
    empty = tmp_path / "bin"
    empty.mkdir()
    for tool in ("bash", "cat", "dirname"):
        found = shutil.which(tool)
        assert found is not None
        (empty / tool).symlink_to(found)
    env = {**setting.env(), "PATH": str(empty)}
    run = run_action(repo, {}, env, setting.repository, tmp_path / "temp")
    assert run.outputs["python"] == {"path": ""}
    assert run.would_use == (
        "actions/setup-python@v5",
        {"python-version": "3.12", "update-environment": "false"},
    )


@pytest.mark.parametrize(
    ("inputs", "code", "expected"),
    [
        ({"paths": "sagemaker"}, "0", "::warning file=sagemaker/half.automl-objective.yaml"),
        ({"paths": "sagemaker", "strict": "true"}, "1", "::error file=sagemaker/half."),
        ({"args": "--skip-unknown --exclude 'jobs'"}, "0", "3 files checked"),
        (
            {"paths": "jobs/train.py\nsagemaker/half.automl-objective.yaml"},
            "1",
            "file=jobs/train.py",
        ),
        ({"format": "text", "paths": "jobs"}, "1", BAD_CALL_FINDING),
    ],
)
def test_inputs_reach_validate(
    setting: Offline,
    installed: tuple[Path, dict[str, dict[str, str]]],
    tmp_path: Path,
    inputs: dict[str, str],
    code: str,
    expected: str,
) -> None:
    _, run = _validate(setting, installed, tmp_path, inputs)
    assert run.action_outputs == {"exit-code": code}, run.stdout + run.stderr
    assert expected in run.stdout


def test_paths_are_split_as_a_shell_splits_them(
    setting: Offline, installed: tuple[Path, dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    repo = user_repository(tmp_path / "repo")
    (repo / "jobs").rename(repo / "my jobs")
    temp, outputs = installed
    inputs = {"paths": "'my jobs/train.py' sagemaker", "format": "text"}
    run = run_action(repo, inputs, setting.env(), setting.repository, temp, ["validate"], outputs)
    assert run.action_outputs == {"exit-code": "1"}
    assert "my " + BAD_CALL_FINDING in run.stdout
    assert "3 files checked" in run.stdout


def test_sarif_goes_to_the_output_file(
    setting: Offline, installed: tuple[Path, dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    inputs = {"format": "sarif", "output-file": "results.sarif"}
    repo, run = _validate(setting, installed, tmp_path, inputs)
    assert run.action_outputs == {"exit-code": "1"}
    report: dict[str, Any] = json.loads((repo / "results.sarif").read_text("utf-8"))
    assert report["version"] == "2.1.0"
    results = report["runs"][0]["results"]
    assert sorted((r["ruleId"], r["level"]) for r in results) == [
        ("incomplete-pair", "warning"),
        ("metric-not-allowed", "error"),
    ]


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        (
            {"strict": "yes"},
            "::error title=automl-objective::input strict: true or false, not 'yes'",
        ),
        (
            {"args": "--exclude 'jobs"},
            "::error title=automl-objective::input args: No closing quotation",
        ),
        (
            {"paths": ""},
            "automl-objective validate: error: the following arguments are required: PATH",
        ),
    ],
)
def test_a_bad_input_is_an_error_naming_it_and_exit_2(
    setting: Offline,
    installed: tuple[Path, dict[str, dict[str, str]]],
    tmp_path: Path,
    inputs: dict[str, str],
    message: str,
) -> None:
    _, run = _validate(setting, installed, tmp_path, inputs)
    assert run.failed == "Validate"
    assert message in run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert run.ran[-1][1].returncode == 2


def test_the_job_python_is_left_as_it_was(setting: Offline, tmp_path: Path) -> None:
    """The action installs into a virtual environment of its own: the job's python3 still has
    no automl_objective after it ran."""
    repo = user_repository(tmp_path / "repo")
    venv = fresh_venv(tmp_path / "job-python")
    env = setting.env(first=venv)
    run = run_action(repo, {"paths": "sagemaker"}, env, setting.repository, tmp_path / "temp")
    assert run.outputs["python"]["path"] == str(venv / "python3")
    assert run.action_outputs == {"exit-code": "0"}
    assert not list((venv.parent / "lib").glob("python*/site-packages/automl_objective"))
