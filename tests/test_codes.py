"""The code registry: the README's table, the schema's x-codes and the reports agree with it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from automl_objective.base.codes import Code
from automl_objective.check.failures import Failure, code_for
from automl_objective.check.messages import RULE_CODES

ROOT = Path(__file__).resolve().parents[1]


def _readme_codes() -> dict[str, str]:
    """code -> severity cell of the README's "Finding codes" table."""
    text = (ROOT / "README.md").read_text()
    table = text.split("Finding codes:", 1)[1].split("\n\n", 2)[1]
    rows: dict[str, str] = {}
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        for code in re.findall(r"`([a-z-]+)`", cells[0]):
            rows[code] = cells[1]
    return rows


def test_the_readme_table_lists_every_registered_code_with_its_severity() -> None:
    rows = _readme_codes()
    assert sorted(rows) == sorted(Code)
    for code in Code:
        assert code.severity in rows[code], code


def _x_codes(node: Any) -> set[str]:
    if isinstance(node, dict):
        own = {node["x-code"]} if isinstance(node.get("x-code"), str) else set()
        return own.union(*(_x_codes(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_x_codes(v) for v in node))
    return set()


def test_every_x_code_of_the_schema_is_a_rule_code() -> None:
    schema = json.loads((ROOT / "schema" / "automl_job_objective.schema.json").read_text())
    used = _x_codes(schema)
    assert used and used <= RULE_CODES


def test_every_generic_code_is_registered_with_a_message() -> None:
    for keyword in ("type", "enum", "const", "additionalProperties", "required", "minLength"):
        assert code_for(keyword, {}) in RULE_CODES, keyword


# The keyword and value a failure of each generic code comes from.
_GENERIC_FAILURES: dict[str, tuple[str, Any]] = {
    "missing-member": ("required", {}),
    "unknown-member": ("additionalProperties", {"A": 1, "B": 2}),
    "invalid-type": ("type", 5),
    "schema-violation": ("minLength", ""),
}


def test_a_failure_of_every_rule_code_gets_a_one_line_message() -> None:
    from automl_objective.check.catalog import load_catalog
    from automl_objective.check.messages import explain

    catalog = load_catalog()
    facts = {"x-problem-type": "Regression", "properties": ("A",), "required": ("A",)}
    for name in sorted(RULE_CODES):
        keyword, instance = _GENERIC_FAILURES.get(name, ("enum", "AUX"))
        failure = Failure(name, False, ("MetricName",), keyword, instance, ("AUC",), facts)
        said = explain(failure, catalog)
        assert said is not None and said.code == name and "\n" not in said.message, name
