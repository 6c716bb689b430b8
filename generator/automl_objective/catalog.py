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
    # (kind, members whose presence selects it), in the order the schema tries them
    document_kinds: tuple[tuple[str, tuple[str, ...]], ...] = ()

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
    def document_keys(self) -> tuple[str, ...]:
        return tuple(key for _, keys in self.document_kinds for key in keys)

    def kind_of(self, data: Any) -> str | None:
        """The document kind the schema assigns to ``data`` (None: not an object, or none)."""
        if not isinstance(data, dict):
            return None
        for kind, keys in self.document_kinds:
            if any(key in data for key in keys):
                return kind
        return None

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


def _document_kinds(schema: Schema) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The root's ``if``/``then``/``else`` chain as (kind, members that select it), in order.

    Each ``if`` must be a ``required`` (or an ``anyOf`` of them): a document is of the first
    kind one of whose members it has.
    """
    defs = schema.get("$defs", {})
    kinds = []
    node: Any = schema
    while isinstance(node, dict) and "if" in node:
        condition = node["if"]
        alternatives = condition.get("anyOf", [condition])
        keys = tuple(k for alt in alternatives for k in alt.get("required", ()))
        target = str(node.get("then", {}).get("$ref", "")).rsplit("/", 1)[-1]
        kind = defs.get(target, {}).get("x-kind")
        if not keys or kind is None:
            raise SchemaContentError("schema: the root's if/then chain must select x-kind $defs")
        kinds.append((str(kind), keys))
        node = node.get("else")
    return tuple(kinds)


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
        document_kinds=_document_kinds(schema),
    )


@cache
def load_catalog() -> Catalog:
    """The catalog of the bundled schema."""
    return catalog_from_schema(load_schema())


DIRECTIONS = ("Maximize", "Minimize")


def catalog_problems(catalog: Catalog) -> list[str]:
    """Gaps the schema must not have: placeholders left by ``sync --write``, rules that name
    unknown values. An empty list means every fact is filled in and consistent."""
    problems = []
    names = set(catalog.metric_names)
    for metric in catalog.metrics:
        if metric.direction not in DIRECTIONS:
            problems.append(f"metric {metric.name!r}: direction must be one of {DIRECTIONS}")
        if not catalog.problem_types_allowing(metric.name):
            problems.append(f"metric {metric.name!r} is allowed for no problem type")
    ruled = {r.name for r in catalog.problem_types if r.is_tabular}
    for name in catalog.tabular_problem_types:
        if name not in ruled:
            problems.append(f"ProblemType {name!r} has no $defs/{name}MetricName rule")
    covered = {r.job_config for r in catalog.problem_types}
    for config in catalog.job_configs:
        if config not in covered:
            problems.append(f"{config} has no problem-type rule in $defs")
    for rule in catalog.problem_types:
        if rule.job_config not in catalog.job_configs:
            problems.append(
                f"{rule.definition}: {rule.job_config} is not in AutoMLProblemTypeConfig"
            )
        if rule.is_tabular and rule.name not in catalog.tabular_problem_types:
            problems.append(f"{rule.definition}: {rule.name!r} is not a ProblemType value")
        unknown = [m for m in rule.allowed if m not in names]
        if unknown:
            problems.append(f"{rule.definition}: unknown metrics {', '.join(unknown)}")
        if rule.objective_used and rule.default not in rule.allowed:
            problems.append(f"{rule.definition}: default {rule.default!r} is not allowed")
    return problems
