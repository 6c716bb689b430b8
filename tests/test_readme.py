"""The README's rules table says what the schema says."""

from __future__ import annotations

from pathlib import Path

import pytest
from automl_objective.catalog import load_catalog

README = Path(__file__).resolve().parents[1] / "README.md"


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
