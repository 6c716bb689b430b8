"""The README says what the project does: its rules table, its examples, its options, and
the commands that tests/end_to_end/test_readme_commands.py runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from automl_objective.check.catalog import load_catalog
from tests.support.paths import ROOT
from tests.support.readme import commands, suite_command

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


def test_algorithms_table_matches_the_schema() -> None:
    text = README.read_text("utf-8")
    table = text.split("<!-- algorithms-table", 1)[1].split("<!-- /algorithms-table -->", 1)[0]
    algorithms = load_catalog().algorithms
    assert algorithms
    for rule in algorithms:
        assert f"| {rule.mode or '-'} | {', '.join(rule.allowed)} |" in table
    assert "| AUTO or not given |" in table


def test_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = README.read_text("utf-8").split("```python\n")[1:]
    assert len(blocks) >= 2
    for block in blocks:
        exec(compile(block.split("```", 1)[0], "README.md", "exec"), {})


def test_every_readme_command_is_found() -> None:
    found = [command for command, _ in commands()]
    assert len(found) >= 15
    assert suite_command() in found  # set-up command 2: .ci/run runs it, word for word
    assert not [c for c in found if re.search(r"\[--|\b(TYPE|FILE|PATH)\b", c)]  # patterns


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
