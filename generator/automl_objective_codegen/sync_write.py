"""``sync --write``: everything that follows from AWS's model, written into a copy of the schema.

- A removed value is pruned everywhere it is named: enums, defaults, examples, the ``$defs``
  rule of a removed problem type and every ``if``/``then`` block that selects that rule.
- A new problem type (a ProblemType value or an AutoMLProblemTypeConfig member) gets its
  ``$defs`` rule and, in every request definition, an ``if``/``then`` block cloned from a
  sibling's (the same shape with the sibling's names replaced), so no block is hand-written.
  Its metrics and default come from AWS's documentation when it states them.
- Only facts the model does not state are left as placeholders (strings starting with
  ``TODO``, which ``generate`` refuses, naming each by its JSON pointer): a new metric's
  direction and definition, a default nobody states; a new metric's problem types are
  those the documentation lists it for, else none (which ``generate`` refuses too).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from automl_objective.base.schema import Schema
from automl_objective.check.catalog import TABULAR_JOB_CONFIG
from automl_objective_codegen.aws_docs import DocumentationShapeError
from automl_objective_codegen.doc_drift import (
    SchemaRule,
    problem_type_for_job_config,
    read_documentation,
    schema_rules,
)
from automl_objective_codegen.sync import (
    METRIC_SHAPE,
    PLACEHOLDER,
    PROBLEM_TYPE_SHAPE,
    UNION_SHAPE,
    AwsValues,
    Drift,
)

REF_PREFIX = "#/$defs/"


def _mentions(node: Any, values: set[str]) -> bool:
    if isinstance(node, str):
        return node in values
    if isinstance(node, dict):
        return any(_mentions(v, values) for v in node.values())
    if isinstance(node, list):
        return any(_mentions(v, values) for v in node)
    return False


def _prune(node: Any, metrics: set[str], defaults: Mapping[str, str]) -> None:
    """Drop removed metrics from every enum and example under ``node``; a default that
    named one becomes the documented default (``defaults`` by definition) or a placeholder."""
    if isinstance(node, list):
        for child in node:
            _prune(child, metrics, defaults)
        return
    if not isinstance(node, dict):
        return
    if isinstance(node.get("enum"), list):
        node["enum"] = [v for v in node["enum"] if not _mentions(v, metrics)]
    if isinstance(node.get("examples"), list):
        node["examples"] = [e for e in node["examples"] if not _mentions(e, metrics)]
        if not node["examples"]:
            del node["examples"]
    if isinstance(node.get("default"), str) and node["default"] in metrics:
        node["default"] = defaults.get(str(node.get("x-problem-type")), PLACEHOLDER)
        if node.get("enum") == []:  # an emptied problem type: the error generate reports
            del node["default"]
    for key, child in node.items():
        if key not in ("enum", "examples"):
            _prune(child, metrics, defaults)


def _drop_blocks(node: Any, refs: set[str]) -> None:
    """Remove every ``allOf`` entry that refers to one of ``refs``."""
    if isinstance(node, list):
        for child in node:
            _drop_blocks(child, refs)
    elif isinstance(node, dict):
        if isinstance(node.get("allOf"), list):
            node["allOf"] = [b for b in node["allOf"] if not _mentions(b, refs)]
        for child in node.values():
            _drop_blocks(child, refs)


def _substituted(node: Any, names: Mapping[str, str]) -> Any:
    if isinstance(node, str):
        return names.get(node, node)
    if isinstance(node, dict):
        return {k: _substituted(v, names) for k, v in node.items()}
    if isinstance(node, list):
        return [_substituted(v, names) for v in node]
    return node


def _clone_blocks(node: Any, sibling: SchemaRule, names: Mapping[str, str]) -> None:
    """After each ``allOf`` entry that selects ``sibling``'s rule, add the same entry for the
    new rule (names replaced)."""
    ref = {REF_PREFIX + sibling.definition}
    if isinstance(node, list):
        for child in node:
            _clone_blocks(child, sibling, names)
    elif isinstance(node, dict):
        for child in node.values():
            _clone_blocks(child, sibling, names)
        blocks = node.get("allOf")
        if isinstance(blocks, list):
            grown = []
            for block in blocks:
                grown.append(block)
                if _mentions(block, ref):
                    grown.append(_substituted(copy.deepcopy(block), names))
            node["allOf"] = grown


class Writer:
    def __init__(self, schema: Schema, drift: Drift, aws: AwsValues) -> None:
        self.schema = copy.deepcopy(schema)
        self.defs: dict[str, Any] = self.schema["$defs"]
        self.drift = drift
        self.aws = aws
        self.notes: list[str] = []
        try:
            allowed, defaults, _ = read_documentation(
                aws.metric_documentation, schema, aws.problem_types, aws.job_configs
            )
        except DocumentationShapeError:  # reported as drift; nothing is taken from it
            allowed, defaults = {}, {}
        self.documented = allowed
        self.documented_default = {k: v[0] for k, v in defaults.items() if len(v) == 1}

    def _remove_rules(self, rules: list[SchemaRule]) -> None:
        for rule in rules:
            self.defs.pop(rule.definition, None)
        _drop_blocks(self.schema, {REF_PREFIX + r.definition for r in rules})

    def remove(self) -> None:
        metrics = set(self.drift.part(METRIC_SHAPE).removed)
        problem_types = set(self.drift.part(PROBLEM_TYPE_SHAPE).removed)
        configs = set(self.drift.part(UNION_SHAPE).removed)
        facts = self.defs["MetricName"].setdefault("x-metrics", {})
        for name in metrics:
            facts.pop(name, None)
        defaults = {k: v for k, v in self.documented_default.items() if v not in metrics}
        _prune(self.schema, metrics, defaults)
        rules = schema_rules(self.schema)
        self._remove_rules(
            [
                r
                for r in rules
                if (r.job_config == TABULAR_JOB_CONFIG and r.name in problem_types)
                or r.job_config in configs
            ]
        )
        self.defs[PROBLEM_TYPE_SHAPE]["enum"] = [
            v for v in self.defs[PROBLEM_TYPE_SHAPE]["enum"] if v not in problem_types
        ]
        union = self.defs[UNION_SHAPE]
        union["propertyNames"]["enum"] = [
            v for v in union["propertyNames"]["enum"] if v not in configs
        ]
        for name in configs:
            union.get("properties", {}).pop(name, None)

    def add_metrics(self) -> None:
        added = self.drift.part(METRIC_SHAPE).added
        self.defs["MetricName"]["enum"].extend(added)
        facts = self.defs["MetricName"].setdefault("x-metrics", {})
        for name in added:
            facts[name] = {
                "title": name,
                "direction": PLACEHOLDER,
                "description": f"{PLACEHOLDER}: added from botocore {self.aws.botocore_version}; "
                "write its definition.",
            }
            for rule in schema_rules(self.schema):
                if name in self.documented.get(rule.name, ()) and name not in rule.allowed:
                    self.defs[rule.definition]["enum"].append(name)
                    self.notes.append(f"{name}: added to {rule.name}")

    def _new_rule(self, name: str, job_config: str, sibling: SchemaRule | None) -> None:
        definition = f"{name}MetricName"
        known = set(self.defs["MetricName"]["enum"])
        allowed = [v for v in self.documented.get(name, ()) if v in known]
        default = self.documented_default.get(name)
        self.defs[definition] = {
            "title": f"MetricName for {name}",
            "description": f"{PLACEHOLDER}: added from botocore {self.aws.botocore_version}; "
            "describe the problem type.",
            "x-problem-type": name,
            "x-job-config": job_config,
            "x-code": "metric-not-allowed",
            "enum": allowed or [PLACEHOLDER],
            "default": default if default in allowed else PLACEHOLDER,
        }
        if allowed:
            stated = default if default in allowed else "not stated"
            self.notes.append(f"{name}: metrics {', '.join(allowed)}; default {stated}")
        if sibling is None:
            self.notes.append(f"{name}: no sibling rule to copy; write its if/then blocks")
            return
        names = {
            sibling.name: name,
            sibling.job_config: job_config,
            REF_PREFIX + sibling.definition: REF_PREFIX + definition,
        }
        _clone_blocks(self.schema, sibling, names)

    def add_problem_types(self) -> None:
        rules = [r for r in schema_rules(self.schema) if r.objective_used]
        tabular = next((r for r in rules if r.job_config == TABULAR_JOB_CONFIG), None)
        other = next((r for r in rules if r.job_config != TABULAR_JOB_CONFIG), None)
        for name in self.drift.part(PROBLEM_TYPE_SHAPE).added:
            self.defs[PROBLEM_TYPE_SHAPE]["enum"].append(name)
            self._new_rule(name, TABULAR_JOB_CONFIG, tabular)
        union = self.defs[UNION_SHAPE]
        for config in self.drift.part(UNION_SHAPE).added:
            union["propertyNames"]["enum"].append(config)
            union.setdefault("properties", {})[config] = {
                "type": "object",
                "additionalProperties": True,
            }
            if config != TABULAR_JOB_CONFIG:
                self._new_rule(problem_type_for_job_config(config), config, other)


def apply(schema: Schema, drift: Drift, aws: AwsValues) -> tuple[Schema, list[str]]:
    """A copy of ``schema`` with the value drift written in, and notes on what was taken
    from the documentation."""
    writer = Writer(schema, drift, aws)
    writer.remove()
    writer.add_metrics()
    writer.add_problem_types()
    return writer.schema, writer.notes
