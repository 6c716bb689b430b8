"""The facts the schema states, as typed Python: metrics, problem types, defaults, directions.

Nothing here is a second copy of the rules: every value is read from the schema's ``$defs``
(``MetricName`` with its ``x-metrics`` annotation, and one ``<ProblemType>MetricName``
definition per problem type, marked with ``x-problem-type``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from automl_objective.schema import Schema, load_schema

TABULAR_JOB_CONFIG = "TabularJobConfig"


class SchemaContentError(ValueError):
    """The schema does not have the shape this toolkit reads its facts from."""


@dataclass(frozen=True)
class Metric:
    name: str
    title: str
    direction: str  # "Maximize" or "Minimize", as AWS's AutoMLJobObjectiveType spells it
    description: str
    aliases: tuple[str, ...] = ()  # names AWS's prose uses that are not valid values


@dataclass(frozen=True)
class ProblemTypeRule:
    name: str
    title: str
    job_config: str
    allowed: tuple[str, ...]
    default: str | None
    objective_used: bool
    definition: str  # the $defs key, e.g. "RegressionMetricName"

    @property
    def is_tabular(self) -> bool:
        return self.job_config == TABULAR_JOB_CONFIG


@dataclass(frozen=True)
class Catalog:
    metrics: tuple[Metric, ...]
    problem_types: tuple[ProblemTypeRule, ...]
    tabular_problem_types: tuple[str, ...]
    job_configs: tuple[str, ...]
    known_inconsistencies: tuple[str, ...]
    document_keys: tuple[str, ...] = ()  # members whose presence tells the document's kind

    def metric(self, name: str) -> Metric:
        for metric in self.metrics:
            if metric.name == name:
                return metric
        raise KeyError(name)

    def problem_type(self, name: str) -> ProblemTypeRule:
        for rule in self.problem_types:
            if rule.name == name:
                return rule
        raise KeyError(name)

    @property
    def metric_names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.metrics)

    @property
    def problem_type_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.problem_types)

    def metric_for_alias(self, alias: str) -> Metric | None:
        wanted = alias.strip().casefold()
        for metric in self.metrics:
            if any(a.casefold() == wanted for a in metric.aliases):
                return metric
        return None

    def problem_types_allowing(self, metric: str) -> tuple[str, ...]:
        return tuple(p.name for p in self.problem_types if metric in p.allowed)

    def rule_for_job_config(self, job_config: str) -> ProblemTypeRule | None:
        """The problem type of a non-tabular V2 config (tabular ones name theirs)."""
        for rule in self.problem_types:
            if rule.job_config == job_config and not rule.is_tabular:
                return rule
        return None


def _require(mapping: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in mapping:
        raise SchemaContentError(f"schema: {where} has no {key!r}")
    return mapping[key]


def _identifying_keys(schema: Schema) -> tuple[str, ...]:
    """Every member named by a ``required`` in the root's ``if``/``else`` chain, in order."""
    keys: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            keys.extend(k for k in node.get("required", ()) if k not in keys)
            for child in node.get("anyOf", ()):
                collect(child)

    node: Any = schema
    while isinstance(node, dict) and "if" in node:
        collect(node["if"])
        node = node.get("else")
    return tuple(keys)


def catalog_from_schema(schema: Schema) -> Catalog:
    defs: Mapping[str, Any] = _require(schema, "$defs", "the root")
    metric_def = _require(defs, "MetricName", "$defs")
    names: list[str] = _require(metric_def, "enum", "$defs/MetricName")
    facts: Mapping[str, Any] = metric_def.get("x-metrics", {})
    metrics = []
    for name in names:
        fact = facts.get(name, {})
        metrics.append(
            Metric(
                name=name,
                title=str(fact.get("title", name)),
                direction=str(fact.get("direction", "")),
                description=str(fact.get("description", "")),
                aliases=tuple(fact.get("aliases", ())),
            )
        )
    rules = []
    for key, definition in defs.items():
        if not isinstance(definition, dict) or "x-problem-type" not in definition:
            continue
        used = definition.get("x-objective") != "ignored"
        rules.append(
            ProblemTypeRule(
                name=definition["x-problem-type"],
                title=str(definition.get("title", key)),
                job_config=str(_require(definition, "x-job-config", f"$defs/{key}")),
                allowed=tuple(definition.get("enum", ())) if used else (),
                default=definition.get("default") if used else None,
                objective_used=used,
                definition=key,
            )
        )
    tabular = tuple(_require(_require(defs, "ProblemType", "$defs"), "enum", "$defs/ProblemType"))
    union = _require(defs, "AutoMLProblemTypeConfig", "$defs")
    job_configs = tuple(_require(_require(union, "propertyNames", "union"), "enum", "union"))
    return Catalog(
        metrics=tuple(metrics),
        problem_types=tuple(rules),
        tabular_problem_types=tabular,
        job_configs=job_configs,
        known_inconsistencies=tuple(schema.get("x-known-inconsistencies", ())),
        document_keys=_identifying_keys(schema),
    )


@cache
def load_catalog() -> Catalog:
    """The catalog of the bundled schema."""
    return catalog_from_schema(load_schema())
