"""This repository's own workflows: ci.yml (the suite on every push and pull request) and
release.yml (on a version tag). Both valid for GitHub Actions; ci.yml runs the README's test
command; release.yml's run steps played offline in a copy of the project tagged for release
(build, twine check, the wheel installed in a fresh venv validating the examples, the notes,
the GitHub release through a stand-in `gh`, the series tag pushed to a local origin)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator, validators

from automl_objective import __version__
from tests.support.ci import vendored_schema
from tests.support.offline_install import REPOSITORY, TAG, Offline, bash, offline
from tests.support.paths import ROOT, copy_project

pytestmark = pytest.mark.slow  # see pyproject.toml's markers

WORKFLOWS = ROOT / ".github" / "workflows"
README = (ROOT / "README.md").read_text("utf-8")


class _Yaml12(yaml.SafeLoader):
    """YAML as GitHub reads it (1.2): `true` and `false` are booleans, `on` and `yes` strings."""


_Yaml12.yaml_implicit_resolvers = {
    first: [(tag, rule) for tag, rule in rules if tag != "tag:yaml.org,2002:bool"]
    for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def workflow(name: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.load((WORKFLOWS / name).read_text("utf-8"), Loader=_Yaml12)
    return document


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_the_workflow_matches_githubs_schema(name: str) -> None:
    schema = vendored_schema("github-workflows.json")
    cls = validators.validator_for(schema, default=Draft7Validator)
    assert list(cls(schema).iter_errors(workflow(name))) == []


def _readme_command_2() -> str:
    set_up = README.split("## Set-up", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return next(
        line
        for line in set_up.splitlines()
        if line.startswith("python3 -m venv .venv &&") and "[dev]" in line
    )


def test_ci_runs_the_readme_test_command_on_311_and_313_with_node() -> None:
    ci = workflow("ci.yml")
    assert set(ci["on"]) >= {"push", "pull_request"}
    assert ci["on"]["push"] == {"branches": ["**"]}  # every branch; tags are releases
    [job] = ci["jobs"].values()
    assert job["strategy"]["matrix"]["python"] == ["3.11", "3.13"]
    uses = {step["uses"].split("@")[0]: step for step in job["steps"] if "uses" in step}
    assert uses["actions/setup-python"]["with"]["python-version"] == "${{ matrix.python }}"
    assert "actions/setup-node" in uses
    [run] = [step["run"] for step in job["steps"] if "run" in step]
    assert run == _readme_command_2()
    ci_run = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert run in ci_run  # .ci/run runs the same command, word for word


def _github_glob(pattern: str, ref: str) -> bool:
    """GitHub's filter pattern for these tags: `[0-9]` a digit, `+` one or more of what
    precedes, `.` itself."""
    return re.fullmatch(pattern.replace(".", r"\."), ref) is not None


def test_release_runs_on_version_tags_only() -> None:
    release = workflow("release.yml")
    assert set(release["on"]) == {"push"}
    [pattern] = release["on"]["push"]["tags"]
    assert _github_glob(pattern, TAG)
    for tag in ("v0.2.0", "v1.10.3"):
        assert _github_glob(pattern, tag)
    for tag in ("v0.2", "v1", "0.2.0", "v0.2.0rc1", "latest"):
        assert not _github_glob(pattern, tag)


def test_release_publishes_by_trusted_publishing_from_an_environment() -> None:
    release = workflow("release.yml")
    assert release["permissions"] == {"contents": "read"}
    jobs = release["jobs"]
    publish = jobs["publish"]
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    assert [step["uses"] for step in publish["steps"]][
        -1
    ] == "pypa/gh-action-pypi-publish@release/v1"
    assert "password" not in str(publish)  # no token: PyPI trusts the workflow
    assert jobs["github-release"]["needs"] == "publish"  # nothing on GitHub before PyPI has it
    assert jobs["github-release"]["permissions"] == {"contents": "write"}
    assert "permissions" not in jobs["build"]


# Playing the release: the run steps of `build` and `github-release`, in a copy of the project
# committed and tagged as the README's release steps say. Skipped: `uses:` steps (checkout is
# the copy itself; artifacts pass through its dist/), and the pip step (it reaches the index).


def _run_steps(job: str) -> list[tuple[str, str]]:
    steps = workflow("release.yml")["jobs"][job]["steps"]
    return [
        (step["name"], step["run"])
        for step in steps
        if "run" in step and not step["run"].startswith("python -m pip install")
    ]


def _git(*args: str, cwd: Path) -> str:
    identity = ["-c", "user.name=release", "-c", "user.email=release@example.invalid"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=cwd, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def _project(tmp_path: Path, dated: str | None = __version__) -> Path:
    """The project, its CHANGELOG's Unreleased section turned into ``dated``'s, committed,
    tagged TAG and pushed to a local origin."""
    project = tmp_path / "project"
    copy_project(project)
    changelog = project / "CHANGELOG.md"
    if dated is not None:
        text = changelog.read_text("utf-8")
        assert text.count("\n## [Unreleased]\n") == 1
        changelog.write_text(
            text.replace("\n## [Unreleased]\n", f"\n## [Unreleased]\n\n## [{dated}] - 2026-12-07\n")
        )
    _git("init", "-q", "-b", "main", cwd=project)
    _git("add", "-A", cwd=project)
    _git("commit", "-q", "-m", "Release", cwd=project)
    _git("tag", TAG, cwd=project)
    origin = tmp_path / "origin.git"
    _git("clone", "-q", "--bare", str(project), str(origin), cwd=tmp_path)
    _git("remote", "add", "origin", str(origin), cwd=project)
    return project


def _env(
    setting: Offline, project: Path, tmp_path: Path, tag: str = TAG, repository: str = REPOSITORY
) -> dict[str, str]:
    server, _, name = repository.rpartition("/")
    server, _, owner = server.rpartition("/")
    temp = tmp_path / "runner-temp"
    temp.mkdir(exist_ok=True)
    bin_folder = tmp_path / "tools"
    bin_folder.mkdir(exist_ok=True)
    gh = bin_folder / "gh"
    gh.write_text('#!/bin/sh\nfor arg in "$@"; do printf "%s\\n" "$arg"; done > "$GH_RECORD"\n')
    gh.chmod(0o755)
    env = setting.env(first=Path(sys.executable).parent)  # python: the one with build and twine
    env["PATH"] = f"{bin_folder}{os.pathsep}{env['PATH']}"
    return {
        **env,
        "GITHUB_REF_NAME": tag,
        "GITHUB_SERVER_URL": server,
        "GITHUB_REPOSITORY": f"{owner}/{name}",
        "GITHUB_WORKSPACE": str(project),
        "RUNNER_TEMP": str(temp),
        "GH_RECORD": str(tmp_path / "gh-arguments"),
    }


def _play(job: str, project: Path, env: dict[str, str]) -> tuple[str, str]:
    """Each run step of ``job`` in turn, as Actions runs them; (the failing step's name or "",
    everything printed)."""
    printed = ""
    for name, script in _run_steps(job):
        done = bash(script, cwd=project, env=env)
        printed += done.stdout + done.stderr
        if done.returncode != 0:
            return name, printed
    return "", printed


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Offline:
    return offline(tmp_path_factory)


def test_a_release_plays_through(setting: Offline, tmp_path: Path) -> None:
    project = _project(tmp_path)
    env = _env(setting, project, tmp_path)
    failed, printed = _play("build", project, env)
    assert failed == "", printed
    built = sorted(path.name for path in (project / "dist").iterdir())
    assert built == [
        f"automl_objective-{__version__}-py3-none-any.whl",
        f"automl_objective-{__version__}.tar.gz",
    ]
    assert "PASSED" in printed  # twine check, once per file
    assert "4 files checked: 4 valid" in printed  # the examples, by the installed wheel
    assert "automl_objective_generated/editor_schemas/catalog.json" in printed

    failed, printed = _play("github-release", project, env)
    assert failed == "", printed
    arguments = Path(env["GH_RECORD"]).read_text("utf-8").splitlines()
    notes = Path(env["RUNNER_TEMP"]) / "notes.md"
    assert arguments[:8] == [
        "release", "create", TAG, "--verify-tag",
        "--title", f"automl-objective {__version__}", "--notes-file", str(notes),
    ]  # fmt: skip
    schemas = sorted(
        f"generated/schema/{p.name}" for p in (ROOT / "generated" / "schema").glob("*.json")
    )
    assert sorted(arguments[8:]) == sorted([f"dist/{name}" for name in built] + schemas)
    changelog = (project / "CHANGELOG.md").read_text("utf-8")
    section = changelog.split(f"## [{__version__}] - 2026-12-07\n", 1)[1].split(
        "\n[Unreleased]: ", 1
    )[0]
    assert notes.read_text("utf-8").strip() == section.strip()
    assert "### Added" in section
    series = (
        "v0." + __version__.split(".")[1]
        if __version__.startswith("0.")
        else "v" + __version__.split(".")[0]
    )
    origin = tmp_path / "origin.git"
    assert _git("rev-parse", f"{series}^{{commit}}", cwd=origin) == _git(
        "rev-parse", f"{TAG}^{{commit}}", cwd=origin
    )


@pytest.mark.parametrize(
    ("tag", "existing", "moved"),
    [
        ("v0.3.0", [], "v0.3"),
        ("v0.3.2", ["v0.3.1", "v0.2.9"], "v0.3"),
        ("v0.3.2", ["v0.3.10"], None),  # an older patch released later: v0.3 stays on 0.3.10
        ("v1.4.2", ["v1.4.1", "v2.0.0"], "v1"),
        ("v10.0.0", ["v1.9.9"], "v10"),
    ],
)
def test_the_series_tag_moves_to_the_newest_release_of_its_series(
    tmp_path: Path, tag: str, existing: list[str], moved: str | None
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    _git("init", "-q", "-b", "main", cwd=project)
    (project / "a").write_text("1")
    _git("add", "a", cwd=project)
    _git("commit", "-q", "-m", "one", cwd=project)
    for other in existing:
        _git("tag", other, cwd=project)
    (project / "a").write_text("2")
    _git("commit", "-q", "-am", "two", cwd=project)
    _git("tag", tag, cwd=project)
    origin = tmp_path / "origin.git"
    _git("clone", "-q", "--bare", str(project), str(origin), cwd=tmp_path)
    _git("remote", "add", "origin", str(origin), cwd=project)
    [(_, script)] = [step for step in _run_steps("github-release") if "series" in step[0]]
    done = bash(script, cwd=project, env={**os.environ, "GITHUB_REF_NAME": tag})
    assert done.returncode == 0, done.stdout + done.stderr
    series = _git("tag", "--list", "v*", cwd=origin).split()
    if moved is None:
        assert "stays" in done.stdout
        assert not [name for name in series if name.count(".") < 2]
    else:
        assert _git("rev-parse", f"{moved}^{{commit}}", cwd=origin) == _git(
            "rev-parse", "HEAD", cwd=project
        )


def test_a_tag_that_is_not_the_packages_version_is_refused(
    setting: Offline, tmp_path: Path
) -> None:
    project = _project(tmp_path, dated="9.9.9")
    failed, printed = _play("build", project, _env(setting, project, tmp_path, tag="v9.9.9"))
    assert failed == "Check them, and that they are the tag's version"
    wheel = "dist/automl_objective-9.9.9-py3-none-any.whl"
    assert f"::error::no {wheel}: the tag v9.9.9 is not the package's version" in printed


def test_a_version_without_a_dated_changelog_section_is_refused(
    setting: Offline, tmp_path: Path
) -> None:
    project = _project(tmp_path, dated=None)
    failed, printed = _play("build", project, _env(setting, project, tmp_path))
    assert failed == "The tag releases this repository, and CHANGELOG.md dates the version"
    assert f"::error::CHANGELOG.md has no '## [{__version__}] - YYYY-MM-DD' section" in printed
    assert not (project / "dist").exists()


def test_a_release_from_another_repository_is_refused(setting: Offline, tmp_path: Path) -> None:
    """A fork's tag, or the placeholder address left in pyproject.toml, publishes nothing."""
    project = _project(tmp_path)
    env = _env(
        setting, project, tmp_path, repository="https://github.com/someone-else/automl-objective"
    )
    failed, printed = _play("build", project, env)
    assert failed == "The tag releases this repository, and CHANGELOG.md dates the version"
    assert (
        f"pyproject.toml names the repository {REPOSITORY}, not https://github.com/someone-else/automl-objective"
        in printed
    )
