"""The facts the schema states, as typed Python: metrics, problem types, defaults, directions.

Nothing here is a second copy of the rules: every value is read from the schema's ``$defs``
(``MetricName`` with its ``x-metrics`` annotation, and one ``<ProblemType>MetricName``
definition per problem type, marked with ``x-problem-type``).

The records are NamedTuples, not frozen dataclasses (a dataclass costs about a millisecond of
start-up each), made without importing typing (base/records.py). A clean ``validate`` does
not import this module at all (its checker reads the generated plain data; the four classes cost 4 M
instructions): the first caller that needs a record does (tests/cli/test_start_up.py).
"""

from __future__ import annotations

import keyword
from collections.abc import Mapping
from functools import cache

from automl_objective.base.schema import Schema

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:  # the same classes, without importing typing (base/records.py)
    from automl_objective.base.records import NamedTuple

TABULAR_JOB_CONFIG = "TabularJobConfig"


class SchemaContentError(ValueError):
    """The schema does not have the shape this toolkit reads its facts from."""


class Metric(NamedTuple):
    name: str
    title: str
    direction: str  # "Maximize" or "Minimize", as AWS's AutoMLJobObjectiveType spells it
    description: str
    aliases: tuple[str, ...] = ()  # names AWS's prose uses that are not valid values

    def as_dict(self) -> dict[str, Any]:
        """The metric as ``metrics --format json`` gives it (without its problem types,
        which the catalog knows)."""
        return {
            "name": self.name,
            "title": self.title,
            "direction": self.direction,
            "description": self.description,
        }


class ProblemTypeRule(NamedTuple):
    name: str
    title: str
    job_config: str
    allowed: tuple[str, ...]
    default: str | None
    objective_used: bool
    definition: str  # the $defs key, e.g. "RegressionMetricName"

    def as_dict(self) -> dict[str, Any]:
        """The problem type as ``metrics --format json`` gives it."""
        return {
            "name": self.name,
            "job_config": self.job_config,
            "allowed": list(self.allowed),
            "default": self.default,
            "objective_used": self.objective_used,
        }

    @property
    def is_tabular(self) -> bool:
        return self.job_config == TABULAR_JOB_CONFIG


class AlgorithmRule(NamedTuple):
    """The algorithms AWS lets a problem-type config choose in AlgorithmsConfig, in one
    training mode (``None``: the config has no modes)."""

    job_config: str
    mode: str | None
    allowed: tuple[str, ...]


class Catalog(NamedTuple):
    metrics: tuple[Metric, ...]
    problem_types: tuple[ProblemTypeRule, ...]
    tabular_problem_types: tuple[str, ...]
    job_configs: tuple[str, ...]
    known_inconsistencies: tuple[str, ...]
    # (kind, members whose presence selects it), in the order the schema tries them
    document_kinds: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # $defs entries marked x-algorithm-config that list algorithms (an enum), schema order
    algorithms: tuple[AlgorithmRule, ...] = ()

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
        """The document kind the schema assigns to ``data`` (None: not an object, or none).
        (A checker tells it from the generated plain data: ``resolve.kind_by_members``, the
        same rule, tests/check/test_kind_memory.py.)"""
        if not isinstance(data, dict):
            return None
        for kind, keys in self.document_kinds:
            if not data.keys().isdisjoint(keys):
                return kind
        return None

    @property
    def metric_names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.metrics)

    @property
    def problem_type_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.problem_types)

    def unknown_problem_type(self, value: str) -> str:
        """The one line for a problem type the schema does not state: the one most likely
        meant (a near miss, a stem such as ``binary``, or a V2 config's name such as
        ``ImageClassificationJobConfig``), then every valid one."""
        from automl_objective.check.findings import suggest

        by_config = {rule.job_config: rule.name for rule in self.problem_types}
        guess = (
            None if value.strip() == "TabularJobConfig" else by_config.get(value.strip())
        ) or suggest(value, self.problem_type_names)
        meant = f" (did you mean {guess}?)" if guess else ""
        return f"unknown problem type {value!r}{meant}; choose from: " + ", ".join(
            self.problem_type_names
        )

    def metric_for_alias(self, alias: str) -> Metric | None:
        wanted = alias.strip().casefold()
        for metric in self.metrics:
            if any(a.casefold() == wanted for a in metric.aliases):
                return metric
        return None

    def problem_types_allowing(self, metric: str) -> tuple[str, ...]:
        return tuple(p.name for p in self.problem_types if metric in p.allowed)

    def algorithm_rules(self, job_config: str) -> tuple[AlgorithmRule, ...]:
        return tuple(rule for rule in self.algorithms if rule.job_config == job_config)

    def algorithm_names(self, job_config: str) -> tuple[str, ...]:
        """Every algorithm some list of ``job_config`` names, each once, in schema order."""
        rules = self.algorithm_rules(job_config)
        return tuple(dict.fromkeys(name for rule in rules for name in rule.allowed))

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


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise SchemaContentError(f"schema: {where} must be an object, not {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _repeated(values: list[str]) -> list[str]:
    """The values that occur more than once, sorted (linear: enums may be huge)."""
    seen: set[str] = set()
    twice: set[str] = set()
    for value in values:
        (twice if value in seen else seen).add(value)
    return sorted(twice)


def _names(value: Any, where: str, *, empty: bool = False) -> tuple[str, ...]:
    """A list of distinct strings (non-empty unless ``empty``)."""
    if not isinstance(value, list):
        raise SchemaContentError(f"schema: {where} must be a list, not {_kind(value)}")
    if not value and not empty:
        raise SchemaContentError(f"schema: {where} is empty")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item:
            raise SchemaContentError(
                f"schema: {where}/{index} must be a non-empty string, not {item!r:.60}"
            )
    duplicates = _repeated(value)
    if duplicates:
        raise SchemaContentError(f"schema: {where} repeats {', '.join(map(repr, duplicates))}")
    return tuple(value)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise SchemaContentError(f"schema: {where} must be a string, not {_kind(value)}")
    return value


def _identifier(value: Any, where: str) -> str:
    """Problem-type names become Python names (``RegressionMetric``) in generated code."""
    name = _text(value, where)
    if not (name.isascii() and name.isidentifier()) or keyword.iskeyword(name):
        raise SchemaContentError(
            f"schema: {where} {name!r:.60} must be an ASCII Python identifier (not a keyword)"
        )
    return name


def _document_kinds(schema: Schema) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The root's ``if``/``then``/``else`` chain as (kind, members that select it), in order.

    Each ``if`` must be a ``required`` (or an ``anyOf`` of them): a document is of the first
    kind one of whose members it has.
    """
    defs = schema.get("$defs", {})
    kinds = []
    node: Any = schema
    bad = SchemaContentError("schema: the root's if/then chain must select x-kind $defs")
    while isinstance(node, dict) and "if" in node:
        condition = node["if"]
        if not isinstance(condition, dict) or not isinstance(node.get("then", {}), dict):
            raise bad
        alternatives = condition.get("anyOf", [condition])
        if not isinstance(alternatives, list) or not all(isinstance(a, dict) for a in alternatives):
            raise bad
        keys = tuple(k for alt in alternatives for k in alt.get("required", ()))
        target = str(node.get("then", {}).get("$ref", "")).rsplit("/", 1)[-1]
        body = defs.get(target, {})
        kind = body.get("x-kind") if isinstance(body, dict) else None
        if not keys or kind is None or not all(isinstance(k, str) for k in keys):
            raise bad
        kinds.append((str(kind), keys))
        node = node.get("else")
    return tuple(kinds)


def _metrics(defs: Mapping[str, Any]) -> tuple[Metric, ...]:
    metric_def = _object(_require(defs, "MetricName", "$defs"), "$defs/MetricName")
    names = _names(_require(metric_def, "enum", "$defs/MetricName"), "$defs/MetricName/enum")
    facts = _object(metric_def.get("x-metrics", {}), "$defs/MetricName/x-metrics")
    metrics = []
    for name in names:
        where = f"$defs/MetricName/x-metrics/{name}"
        fact = _object(facts.get(name, {}), where)
        metrics.append(
            Metric(
                name=name,
                title=_text(fact.get("title", name), f"{where}/title"),
                direction=_text(fact.get("direction", ""), f"{where}/direction"),
                description=_text(fact.get("description", ""), f"{where}/description"),
                aliases=_names(fact.get("aliases", []), f"{where}/aliases", empty=True),
            )
        )
    return tuple(metrics)


def _rule(key: str, definition: Mapping[str, Any]) -> ProblemTypeRule:
    where = f"$defs/{key}"
    used = definition.get("x-objective") != "ignored"
    allowed = _names(_require(definition, "enum", where), f"{where}/enum") if used else ()
    default = definition.get("default") if used else None
    if used and default not in allowed:
        raise SchemaContentError(f"schema: {where}/default {default!r:.60} is not in its enum")
    return ProblemTypeRule(
        name=_identifier(definition["x-problem-type"], f"{where}/x-problem-type"),
        title=_text(definition.get("title", key), f"{where}/title"),
        job_config=_text(_require(definition, "x-job-config", where), f"{where}/x-job-config"),
        allowed=allowed,
        default=default,
        objective_used=used,
        definition=key,
    )


def _in_metric_order(rule: ProblemTypeRule, metrics: tuple[Metric, ...]) -> ProblemTypeRule:
    """Every list of metrics, everywhere (messages, tables, docs, `metrics`), in the one
    order of MetricName's enum, which is AWS's AutoMLMetricEnum order; a name MetricName
    lacks goes last, for catalog_problems to report."""
    rank = {metric.name: index for index, metric in enumerate(metrics)}
    ordered = tuple(sorted(rule.allowed, key=lambda name: rank.get(name, len(rank))))
    return rule._replace(allowed=ordered)


def _algorithm_rules(defs: Mapping[str, Any]) -> tuple[AlgorithmRule, ...]:
    rules = []
    for key, definition in defs.items():
        if not isinstance(definition, dict) or "enum" not in definition:
            continue
        if "x-algorithm-config" not in definition:
            continue
        where = f"$defs/{key}"
        mode = definition.get("x-training-mode")
        rules.append(
            AlgorithmRule(
                job_config=_text(definition["x-algorithm-config"], f"{where}/x-algorithm-config"),
                mode=None if mode is None else _text(mode, f"{where}/x-training-mode"),
                allowed=_names(definition["enum"], f"{where}/enum"),
            )
        )
    return tuple(rules)


def catalog_from_schema(schema: Schema) -> Catalog:
    """The schema's facts; ``SchemaContentError`` (one line, naming the place) when the schema
    lacks one or states it in a shape the generated code could not hold."""
    defs = _object(_require(_object(schema, "the root"), "$defs", "the root"), "$defs")
    metrics = _metrics(defs)
    rules = [
        _in_metric_order(_rule(key, definition), metrics)
        for key, definition in defs.items()
        if isinstance(definition, dict) and "x-problem-type" in definition
    ]
    repeated = _repeated([rule.name for rule in rules])
    if repeated:
        raise SchemaContentError(f"schema: more than one $defs rule for {', '.join(repeated)}")
    problem_type = _object(_require(defs, "ProblemType", "$defs"), "$defs/ProblemType")
    tabular = _names(_require(problem_type, "enum", "$defs/ProblemType"), "$defs/ProblemType/enum")
    union = _object(_require(defs, "AutoMLProblemTypeConfig", "$defs"), "union")
    names = _object(_require(union, "propertyNames", "union"), "union/propertyNames")
    job_configs = _names(_require(names, "enum", "union"), "union/propertyNames/enum")
    notes = schema.get("x-known-inconsistencies", [])
    return Catalog(
        metrics=metrics,
        problem_types=tuple(rules),
        tabular_problem_types=tabular,
        job_configs=job_configs,
        known_inconsistencies=_names(notes, "x-known-inconsistencies", empty=True),
        document_kinds=_document_kinds(schema),
        algorithms=_algorithm_rules(defs),
    )


@cache
def load_catalog() -> Catalog:
    """The catalog of the bundled schema, as ``generate`` read it from the schema into the
    generated package (``catalog_from_schema(load_schema())``, without parsing the schema),
    built once per process, for the first caller that asks."""
    from automl_objective_generated.catalog import build_catalog

    return build_catalog()


DIRECTIONS = ("Maximize", "Minimize")


def catalog_problems(catalog: Catalog) -> list[str]:
    """Gaps the schema must not have: placeholders left by ``sync --write``, rules that name
    unknown values. An empty list means every fact is filled in and consistent."""
    problems = []
    names = set(catalog.metric_names)
    for metric in catalog.metrics:
        if metric.direction not in DIRECTIONS:
            problems.append(
                f"metric {metric.name!r}: direction must be one of {DIRECTIONS} "
                f"(/$defs/MetricName/x-metrics/{metric.name}/direction)"
            )
        if not catalog.problem_types_allowing(metric.name):
            problems.append(
                f"metric {metric.name!r} is allowed for no problem type (add it to the enum "
                "of each /$defs/<ProblemType>MetricName that accepts it)"
            )
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
    return problems
