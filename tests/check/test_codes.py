"""The code registry: the README's table, the schema's x-codes and the reports agree with it."""

from __future__ import annotations

import json
from typing import Any

from automl_objective.base.codes import ABOUT, Code
from automl_objective.check.failures import Failure, code_for
from automl_objective.check.messages import RULE_CODES
from automl_objective_codegen.readme_table import render_codes_table
from tests.support.paths import ROOT


def test_every_code_says_its_severity_and_what_it_means() -> None:
    assert set(ABOUT) == set(Code)
    for code in Code:
        assert code.severity in ("error", "warning"), code
        assert code.description and "\n" not in code.description + code.details, code


def test_the_readme_table_is_rendered_from_the_codes() -> None:
    """Every code, with its severity and meaning, between the table's markers (generate
    writes it; generate --check fails when it is stale)."""
    text = (ROOT / "README.md").read_text("utf-8")
    table = render_codes_table()
    assert table in text
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(Code)
    for row, code in zip(rows, Code, strict=True):
        assert f"| {code.severity} |" in row and code.description in row


def test_reports_and_findings_use_the_codes_values() -> None:
    """A code is its value wherever a string is: in text, in JSON, compared with a str."""
    assert f"[{Code.METRIC_NOT_ALLOWED}]" == "[metric-not-allowed]"
    assert json.dumps({"code": Code.PARSE_ERROR}) == '{"code": "parse-error"}'
    assert Code("unknown-metric") is Code.UNKNOWN_METRIC


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
