"""The README says what the project does: its rules table, its examples, its commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from automl_objective.check.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def test_rules_table_matches_the_schema() -> None:
    text = README.read_text("utf-8")
    table = text.split("<!-- rules-table", 1)[1].split("<!-- /rules-table -->", 1)[0]
    rows = [line.split("|")[1:-1] for line in table.splitlines() if line.startswith("| ")]
    found = {cells[0].strip(): cells for cells in rows[2:]}  # past the header and its rule
    catalog = load_catalog()
    assert list(found) == list(catalog.problem_type_names)
    for rule in catalog.problem_types:
        cells = [c.strip() for c in found[rule.name]]
        if rule.objective_used:
            assert cells[2] == ", ".join(rule.allowed)
            assert cells[3] == rule.default
        else:
            assert cells[2].startswith("not used") and cells[3] == "-"
        assert f"`{rule.job_config}`" in cells[1] or (rule.is_tabular and "ProblemType" in cells[1])


def test_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = README.read_text("utf-8").split("```python\n")[1:]
    assert len(blocks) >= 2
    for block in blocks:
        exec(compile(block.split("```", 1)[0], "README.md", "exec"), {})


# The README's shell commands, run as they stand. Each runs in a copy of the project, so that
# the commands that write (`sync --write`, `generate`) change nothing here. pip reaches no
# network: it is pointed at the machine's local package index (file: URLs in pip's own
# configuration); a bare `pip` line runs with --dry-run, as it would otherwise change the
# environment running this suite, while a line that makes its own venv installs into it.
# Blocks marked `sh your-repository` are run from a user's repository instead, by
# tests/test_from_a_users_repository.py (this pattern leaves them out).

_BLOCK = re.compile(r"^```(sh|console)\n(.*?)^```", re.DOTALL | re.MULTILINE)
_IGNORED = shutil.ignore_patterns(
    ".git", ".venv*", "__pycache__", ".*_cache", "*.egg-info", "build", "dist"
)


def _command_blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(README.read_text("utf-8"))]


def _suite_command() -> str:
    """The line of .ci/run that installs the project and runs this whole suite."""
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    return next(line for line in ci if line.startswith("python3 -m venv .venv &&"))


def _commands() -> list[tuple[str, str | None]]:
    """(command, expected output or None) for every command line of every sh/console block."""
    found: list[tuple[str, str | None]] = []
    for language, body in _command_blocks():
        if language == "sh":
            lines = (line.strip() for line in body.splitlines())
            found.extend((line, None) for line in lines if line and not line.startswith("#"))
            continue
        for chunk in ("\n" + body).split("\n$ ")[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found


def test_every_readme_command_is_found() -> None:
    commands = [command for command, _ in _commands()]
    assert len(commands) >= 15
    assert _suite_command() in commands  # set-up command 2: .ci/run runs it, word for word
    assert not [c for c in commands if re.search(r"\[--|\b(TYPE|FILE|PATH)\b", c)]  # patterns


def test_readme_commands_run(tmp_path: Path) -> None:
    """Every command line of the README's sh and console blocks exits 0 (sh) or prints what
    the README shows (console). Set-up command 2, the whole suite, is the one not run here:
    it would run this test inside itself; .ci/run runs it word for word (checked above)."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=_IGNORED)
    base = {
        **{k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "NO_COLOR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    ran = 0
    for command, expected in _commands():
        if command == _suite_command():
            continue
        env = dict(base)
        if "-m venv" not in command:
            env["PIP_DRY_RUN"] = "1"
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            cwd=copy,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
            check=False,
        )
        if expected is None:
            assert done.returncode == 0, f"{command}\n{done.stdout}"
        else:
            assert done.stdout == expected, command
        ran += 1
    assert ran == len(_commands()) - 1


def test_readme_has_no_relative_links() -> None:
    """PyPI shows the README as the package description, where a relative link is broken."""
    text = README.read_text("utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r"<a [^>]*href=\"([^\"]+)\"", text)
    targets += re.findall(r"^\[[^\]]+\]:\s*(\S+)", text, re.MULTILINE)
    relative = [t for t in targets if not re.match(r"(https?|mailto):", t)]
    assert relative == []


def test_options_paragraph_names_every_validate_option_and_format() -> None:
    from automl_objective.cli.parser import OPTIONS, _parser
    from automl_objective.report import REPORTERS

    text = " ".join(README.read_text("utf-8").split())
    paragraph = text.split("Options of `validate`", 1)[1].split("### ", 1)[0]
    assert f"`--format {'|'.join(REPORTERS)}`" in paragraph
    _, commands = _parser()
    OPTIONS["validate"](commands["validate"])
    flags = {
        flag
        for action in commands["validate"]._actions
        for flag in action.option_strings
        if flag.startswith("--") and flag != "--help"
    }
    assert flags == set(re.findall(r"`(--[a-z-]+)", paragraph))


def test_set_up_names_the_python_that_pyproject_requires() -> None:
    import tomllib

    required = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    minimum = required["requires-python"].removeprefix(">=")
    set_up = README.read_text("utf-8").split("## Set-up", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"Python (3\.\d+) or newer", set_up) == [minimum]
