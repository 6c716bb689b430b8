"""Example requests for the docs, with the findings the validator really gives for them.

The examples are built from the catalog (one valid and one invalid request per problem type),
and their findings come from validating them against the schema being generated, so the docs
can never show a message the tool does not print.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from automl_objective.base.schema import Schema
from automl_objective.check.catalog import Catalog, ProblemTypeRule
from automl_objective.check.checker import Checker
from automl_objective.inputs.syntax import parse_text

EXAMPLE_PATH = "job.json"


@dataclass(frozen=True)
class Example:
    title: str
    text: str
    findings: tuple[str, ...]  # text-format lines; empty when the example is valid

    @property
    def valid(self) -> bool:
        return not any(": error [" in line for line in self.findings)


def _v2(rule: ProblemTypeRule, metric: str | None) -> dict[str, Any]:
    config: dict[str, Any] = {"ProblemType": rule.name} if rule.is_tabular and metric else {}
    document: dict[str, Any] = {"AutoMLProblemTypeConfig": {rule.job_config: config}}
    if metric is not None:
        document["AutoMLJobObjective"] = {"MetricName": metric}
    return document


def _example(checker: Checker, title: str, document: dict[str, Any]) -> Example:
    text = json.dumps(document, indent=2) + "\n"
    result = checker.validate(parse_text(EXAMPLE_PATH, text))
    lines = tuple(
        f"{EXAMPLE_PATH}:{f.line}:{f.column}: {f.severity} [{f.code}] {f.message}"
        for f in result.findings
    )
    return Example(title, text, lines)


def examples(schema: Schema, catalog: Catalog) -> list[Example]:
    checker = Checker(schema, catalog)
    shown = []
    for rule in catalog.problem_types:
        if not rule.objective_used:
            shown.append(_example(checker, f"{rule.name}: no objective", _v2(rule, None)))
            fallback = catalog.metrics[0].name
            shown.append(
                _example(checker, f"{rule.name}: an objective is ignored", _v2(rule, fallback))
            )
            continue
        chosen = rule.allowed[-1]
        shown.append(_example(checker, f"{rule.name} with {chosen}", _v2(rule, chosen)))
        wrong = next(m.name for m in catalog.metrics if m.name not in rule.allowed)
        shown.append(_example(checker, f"{rule.name} with {wrong}", _v2(rule, wrong)))
    tabular = catalog.problem_type(catalog.tabular_problem_types[0])
    half = _v2(tabular, None)
    half["AutoMLJobObjective"] = {"MetricName": tabular.allowed[0]}
    shown.append(_example(checker, "Tabular objective without ProblemType", half))
    return shown
