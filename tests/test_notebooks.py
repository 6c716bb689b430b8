"""Jupyter notebooks: code cells checked as one module, findings said with their cell."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from automl_objective.api import validate_file
from automl_objective.cli import main
from automl_objective.notebooks import neutralise
from automl_objective.reporters import JsonReporter, SarifReporter

NOTEBOOK = Path(__file__).parent / "fixtures" / "code" / "autopilot.ipynb"
SARIF_SCHEMA = Path(__file__).parent / "vendor" / "sarif-2.1.0-rtm.5.json"


def test_findings_say_the_cell_line_and_column() -> None:
    result = validate_file(NOTEBOOK)
    found = [(f.cell, f.line, f.column, f.code) for f in result.findings]
    assert found == [
        # bound in cell 3 (after a cell of %pip and !aws lines), sent from cell 5 (%%time)
        (3, 1, 28, "metric-not-allowed"),
        # line 2: the `files = !ls` line above it is neutralised, not removed
        (7, 2, 83, "metric-not-allowed"),
        # a cell that is not Python is said, and the other cells are still checked
        (8, 1, 22, "parse-error"),
    ]
    assert result.kind == "jupyter-notebook"


def test_text_output_names_the_cell_as_ruff_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(NOTEBOOK)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"{NOTEBOOK}:cell 3:1:28: error [metric-not-allowed] ")


def test_json_adds_cell_only_where_there_is_one() -> None:
    from automl_objective.api import validate_data

    out = io.StringIO()
    JsonReporter().report([validate_file(NOTEBOOK), validate_data({"MetricName": "x"})], out)
    files = json.loads(out.getvalue())["files"]
    assert [f["cell"] for f in files[0]["findings"]] == [3, 7, 8]
    assert set(files[1]["findings"][0]) == {
        "severity",
        "code",
        "pointer",
        "line",
        "column",
        "message",
    }


def test_sarif_carries_the_cell_and_stays_valid() -> None:
    out = io.StringIO()
    SarifReporter().report([validate_file(NOTEBOOK)], out)
    log = json.loads(out.getvalue())
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    assert not list(Draft4Validator(schema).iter_errors(log))
    results = log["runs"][0]["results"]
    assert [r["properties"]["cell"] for r in results] == [3, 7, 8]
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


@pytest.mark.parametrize(
    ("cell", "python"),
    [
        ("%matplotlib inline\nx = 1", "pass\nx = 1"),
        ("if True:\n    !ls\n    y = 2", "if True:\n    pass\n    y = 2"),
        ("files = !ls\nsm?\nsm.create??", "pass\npass\npass"),
        ("%%time\nx = 1", "\nx = 1"),
        ("%%bash\necho hi", None),
        ('x = 1  # why?\ns = "what?"', 'x = 1  # why?\ns = "what?"'),
    ],
)
def test_ipython_syntax_is_neutralised_line_for_line(cell: str, python: str | None) -> None:
    assert neutralise(cell) == python


def test_a_file_that_is_not_a_notebook_is_one_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": "sm.create_auto_ml_job()"}', encoding="utf-8")
    [finding] = validate_file(path).findings
    assert finding.code == "parse-error"
    assert finding.message.startswith("not a Jupyter notebook")


def test_a_notebook_without_automl_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "plain.ipynb"
    path.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', "utf-8")
    result = validate_file(path)
    assert result.valid and not result.findings


def test_github_annotates_the_notebook_and_says_the_cell_in_the_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["validate", "--format", "github", str(NOTEBOOK)])
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(
        f"::error file={NOTEBOOK},title=automl-objective metric-not-allowed::cell 3:1:28: "
    )
