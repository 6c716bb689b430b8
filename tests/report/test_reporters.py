"""A new output format is one module with a Reporter and one line in report.REPORTERS: a toy
format registered here is offered by --format (its help too) and writes validate's output,
with nothing else changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

import pytest

from automl_objective.check.results import FileResult
from automl_objective.cli import main
from automl_objective.report import REPORTERS, Reporter
from tests.support.paths import EXAMPLES, FIXTURES


class CountReporter(Reporter):
    """One line: how many files, how many invalid."""

    name = "count"

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        out.write(f"{len(results)} files, {sum(not r.valid for r in results)} invalid\n")


@pytest.fixture
def with_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REPORTERS, CountReporter.name, CountReporter)  # the one registry line


def test_a_registered_format_writes_validates_output(
    with_count: None, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = FIXTURES / "invalid" / "v1-regression-auc.json"
    assert main(["validate", "--format", "count", str(EXAMPLES), str(bad)]) == 1
    assert capsys.readouterr().out == f"{len(list(EXAMPLES.iterdir())) + 1} files, 1 invalid\n"


def test_a_registered_format_is_offered_by_format_and_its_help(
    with_count: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--help"]) == 0
    assert "{text,json,github,junit,sarif,count}" in capsys.readouterr().out


def test_every_format_is_registered_by_its_own_name() -> None:
    assert list(REPORTERS) == ["text", "json", "github", "junit", "sarif"]
    assert all(cls.name == name for name, cls in REPORTERS.items())
