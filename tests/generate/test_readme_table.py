"""The README's rules table is rendered by `generate` from the schema: a stale table makes
`generate --check` fail with its diff, and `generate` rewrites it (only between its markers)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from automl_objective.check.catalog import load_catalog
from automl_objective.cli import main
from automl_objective_codegen.readme_table import END, START, render_table
from tests.support.paths import ROOT


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


# --- a README that is hostile, linked or not a file: one line and nothing written, or left alone


TABLE = render_table(load_catalog())
BODY = TABLE.removeprefix(START).removesuffix(END)
SCHEMA = str(ROOT / "schema" / "automl_job_objective.schema.json")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and "__pycache__" not in p.parts
    }


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """A copy of generated/ made stale, so that a generate that goes ahead writes into it."""
    folder = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", folder, ignore=shutil.ignore_patterns("__pycache__"))
    tables = folder / "automl_objective_generated" / "tables.py"
    tables.write_text(tables.read_text() + "# stale\n")
    return folder


def _generate(output: Path, *extra: str) -> int:
    return main(["generate", "--schema", SCHEMA, "--output", str(output), *extra])


HOSTILE_READMES: dict[str, tuple[str | bytes, str]] = {
    "markers in the wrong order": (f"a\n{END}\n{BODY}\n{START}\nb\n", "end marker comes before"),
    "the start marker twice": (f"{START}\n{TABLE}\n", "found 2 and 1"),
    "the end marker twice": (f"{TABLE}\n{END}\n", "found 1 and 2"),
    "two tables": (f"{TABLE}\n\n{TABLE}\n", "found 2 and 2"),
    "no end marker": (f"# x\n\n{START}\n| old |\n", "found 1 and 0"),
    "no start marker": (f"# x\n\n| old |\n{END}\n", "found 0 and 1"),
    "not UTF-8": (b"\xff\n" + TABLE.encode(), "not UTF-8 text at byte 0"),
}


@pytest.mark.parametrize("check", [False, True], ids=["generate", "generate --check"])
@pytest.mark.parametrize("case", sorted(HOSTILE_READMES))
def test_a_readme_with_misplaced_markers_is_one_line_and_nothing_is_written(
    case: str, check: bool, output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, message = HOSTILE_READMES[case]
    readme = output.parent / "README.md"
    readme.write_bytes(text if isinstance(text, bytes) else text.encode())
    before = _tree(output.parent)
    code = _generate(output, *(["--check"] * check))
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert err.startswith(f"automl-objective: {readme}: ") and err.count("\n") == 1, err
    assert message in err
    assert _tree(output.parent) == before


@pytest.mark.parametrize("hops", [1, 2], ids=["a link", "a link to a link"])
def test_a_readme_that_is_a_symbolic_link_is_rewritten_through_it(
    hops: int, output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = output.parent / "docs"
    docs.mkdir()
    target = docs / "README.md"
    target.write_text(f"# kept\n\n{TABLE.replace('| --- |', '| -- |', 1)}\n\nafter\n")
    links = [docs / "hop.md", output.parent / "README.md"][-hops:]
    previous = target
    for link in links:
        link.symlink_to(previous)
        previous = link
    assert _generate(output, "--check") == 1
    assert "+| --- |" in capsys.readouterr().out
    assert _generate(output) == 0
    capsys.readouterr()
    assert all(link.is_symlink() for link in links)
    assert target.read_text() == f"# kept\n\n{TABLE}\n\nafter\n"
    assert sorted(p.name for p in docs.iterdir()) == sorted(
        ["README.md", *(["hop.md"] * (hops > 1))]
    )
    assert _generate(output, "--check") == 0


def test_a_hard_linked_readme_is_refused_when_stale_before_anything_is_written(
    output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = output.parent / "README.md"
    readme.write_text(f"{TABLE.replace('| --- |', '| -- |', 1)}\n")
    os.link(readme, output.parent / "copy.md")
    before = _tree(output.parent)
    assert _generate(output) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{readme}: has 2 hard links" in err
    assert _tree(output.parent) == before  # the stale tree too: refused before writing
    assert _generate(output, "--check") == 1  # --check writes nothing, so it reports
    capsys.readouterr()
    readme.write_text(f"{TABLE}\n")  # in place: still hard-linked, now current
    assert _generate(output) == 0  # nothing to rewrite there: nothing refused
    assert os.path.samefile(readme, output.parent / "copy.md")


@pytest.mark.parametrize("kind", ["dangling link", "fifo", "folder", "no markers"])
def test_a_readme_that_holds_no_table_is_left_alone(
    kind: str, output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = output.parent / "README.md"
    if kind == "dangling link":
        readme.symlink_to(output.parent / "missing.md")
    elif kind == "fifo":
        os.mkfifo(readme)  # reading it would block forever
    elif kind == "folder":
        readme.mkdir()
    else:
        readme.write_bytes(b"\xff not UTF-8, and no table\n")
    assert _generate(output) == 0
    assert capsys.readouterr().out.endswith(": 0 added, 1 changed, 0 removed\n")
    assert readme.is_symlink() or readme.exists()
