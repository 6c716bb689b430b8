"""``validate PATH...`` read without argparse means what argparse would read it as, and a
run of it never imports what only other command lines need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from automl_objective.cli.fast_path import plain_validate
from automl_objective.cli.parser import parse_arguments

UNNEEDED = ("argparse", "pathlib", "decimal")
"""Modules only other command lines need (options, the API's paths, plain data)."""

PLAIN = [
    ["validate", "job.json"],
    ["validate", "a.json", "b.yaml", "folder"],
    ["validate", "-"],
    ["validate", ""],
    ["validate", "x=1", "@file", "a b.json"],
]


@pytest.mark.parametrize("argv", PLAIN)
def test_plain_command_lines_read_as_argparse_reads_them(argv: list[str]) -> None:
    fast = plain_validate(argv)
    assert fast is not None
    assert vars(fast) == vars(parse_arguments(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["validate", "--strict", "a.json"],
        ["validate", "a.json", "--format", "json"],
        ["validate", "--", "--strict"],
        ["validate", "-h"],
        ["resolve", "a.json"],
        ["metrics"],
        [],
    ],
)
def test_any_other_command_line_is_left_to_argparse(argv: list[str]) -> None:
    assert plain_validate(argv) is None


def test_a_plain_validate_run_imports_neither_argparse_nor_pathlib_nor_decimal(
    tmp_path: Path,
) -> None:
    blocked = "".join(f"sys.modules[{name!r}] = None; " for name in UNNEEDED)
    program = f"import sys; {blocked}from automl_objective.cli import main; sys.exit(main())"
    (tmp_path / "objective.json").write_text('{"MetricName": "F1"}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", program, "validate", "objective.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("1 file checked: 1 valid")


def test_the_same_run_fails_where_argparse_is_imported(tmp_path: Path) -> None:
    """The test above can fail: with an option, argparse is needed and the run breaks."""
    blocked = "".join(f"sys.modules[{name!r}] = None; " for name in UNNEEDED)
    program = f"import sys; {blocked}from automl_objective.cli import main; sys.exit(main())"
    (tmp_path / "objective.json").write_text('{"MetricName": "F1"}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", program, "validate", "--strict", "objective.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and "argparse" in done.stderr
