"""The README's rules table is rendered by `generate` from the schema: a stale table makes
`generate --check` fail with its diff, and `generate` rewrites it (only between its markers)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from automl_objective.catalog import load_catalog
from automl_objective.cli import main
from automl_objective_codegen.readme_table import END, START, render_table

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_holds_the_rendered_table() -> None:
    assert render_table(load_catalog()) in (ROOT / "README.md").read_text("utf-8")


def test_a_stale_table_fails_check_and_generate_rewrites_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    rule = load_catalog().problem_types[0]
    stale = render_table(load_catalog()).replace(f"| {rule.name} |", "| ZzOldName |")
    readme = tmp_path / "README.md"
    readme.write_text(f"# before\n\n{stale}\n\nafter\n", "utf-8")
    schema = str(ROOT / "schema" / "automl_job_objective.schema.json")
    args = ["generate", "--schema", schema, "--output", str(tmp_path / "generated")]
    assert main([*args, "--check"]) == 1
    out, err = capsys.readouterr()
    assert "-| ZzOldName |" in out and f"+| {rule.name} |" in out and "is stale" in err
    assert main(args) == 0
    capsys.readouterr()
    text = readme.read_text("utf-8")
    assert text == f"# before\n\n{render_table(load_catalog())}\n\nafter\n"
    assert text.count(START) == text.count(END) == 1
    assert main([*args, "--check"]) == 0
