"""Where the schema's per-problem-type rules disagree with what AWS's documentation of
``AutoMLJobObjective.MetricName`` states (read by aws_docs).

The schema is read raw (not through the catalog), so that a schema ``sync --write`` has
just left placeholders in can still be compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from automl_objective.base.schema import Schema
from automl_objective.check.catalog import TABULAR_JOB_CONFIG
from automl_objective_codegen.aws_docs import DocumentedRules, documented_rules, map_aliases


@dataclass(frozen=True)
class SchemaRule:
    name: str
    definition: str
    job_config: str
    allowed: tuple[str, ...]
    default: str | None
    objective_used: bool


def schema_rules(schema: Schema) -> list[SchemaRule]:
    rules = []
    for key, body in schema.get("$defs", {}).items():
        if not isinstance(body, dict) or not isinstance(body.get("x-problem-type"), str):
            continue
        enum = body.get("enum", [])
        default = body.get("default")
        rules.append(
            SchemaRule(
                name=body["x-problem-type"],
                definition=key,
                job_config=str(body.get("x-job-config", "")),
                allowed=tuple(v for v in enum if isinstance(v, str)),
                default=default if isinstance(default, str) else None,
                objective_used=body.get("x-objective") != "ignored",
            )
        )
    return rules


def metric_aliases(schema: Schema) -> dict[str, str]:
    """{casefolded prose name: metric}, from the schema's ``x-metrics`` ``aliases``."""
    facts = schema.get("$defs", {}).get("MetricName", {}).get("x-metrics", {})
    return {
        alias.casefold(): name
        for name, fact in facts.items()
        if isinstance(fact, dict)
        for alias in fact.get("aliases", [])
        if isinstance(alias, str)
    }


def problem_type_for_job_config(job_config: str) -> str:
    """``RankingJobConfig`` -> ``Ranking``: how AWS names a V2 problem type's member."""
    return job_config.removesuffix("JobConfig")


def candidate_names(
    rules: list[SchemaRule], problem_types: tuple[str, ...], job_configs: tuple[str, ...]
) -> list[str]:
    """Every problem-type name the documentation may use: the schema's, AWS's ProblemType
    values and the non-tabular job configs' stems."""
    stems = [problem_type_for_job_config(c) for c in job_configs if c != TABULAR_JOB_CONFIG]
    return list(dict.fromkeys([*(r.name for r in rules), *problem_types, *stems]))


@dataclass(frozen=True)
class Disagreement:
    problem_type: str
    fact: str
    documentation: tuple[str, ...]
    schema: tuple[str, ...]
    message: str


def read_documentation(
    html: str, schema: Schema, problem_types: tuple[str, ...], job_configs: tuple[str, ...]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], DocumentedRules]:
    """(allowed, defaults, raw) with AWS's prose names mapped to metric values."""
    names = candidate_names(schema_rules(schema), problem_types, job_configs)
    raw = documented_rules(html, names)
    aliases = metric_aliases(schema)
    allowed = {k: tuple(map_aliases(v, aliases)) for k, v in raw.allowed.items()}
    defaults = {k: tuple(map_aliases(v, aliases)) for k, v in raw.defaults.items()}
    return allowed, defaults, raw


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(values) if values else "none"


def _compare_rule(
    rule: SchemaRule,
    allowed: Mapping[str, tuple[str, ...]],
    defaults: Mapping[str, tuple[str, ...]],
    raw: DocumentedRules,
) -> list[Disagreement]:
    name, where = rule.name, f"/$defs/{rule.definition}"
    if not rule.objective_used:
        if name in allowed:
            return [
                Disagreement(
                    name,
                    "objective",
                    allowed[name],
                    (),
                    f"{name}: the documentation lists metrics ({_listed(allowed[name])}); "
                    f"the schema says the objective is not used ({where}/x-objective)",
                )
            ]
        return []
    if name not in allowed:
        said = "says it takes no objective" if name in raw.named else "states no metric list"
        return [
            Disagreement(
                name,
                "allowed",
                (),
                rule.allowed,
                f"{name}: the documentation {said}; the schema allows "
                f"{_listed(rule.allowed)} ({where}/enum)",
            )
        ]
    found = []
    documented = allowed[name]
    if set(documented) != set(rule.allowed):
        only_doc = tuple(v for v in documented if v not in rule.allowed)
        only_schema = tuple(v for v in rule.allowed if v not in documented)
        found.append(
            Disagreement(
                name,
                "allowed",
                documented,
                rule.allowed,
                f"{name}: only the documentation allows {_listed(only_doc)}; only the schema "
                f"allows {_listed(only_schema)} ({where}/enum)",
            )
        )
    stated = defaults.get(name, ())
    if stated != ((rule.default,) if rule.default else ()):
        found.append(
            Disagreement(
                name,
                "default",
                stated,
                (rule.default,) if rule.default else (),
                f"{name}: the documentation's default is {_listed(stated)}; the schema's is "
                f"{rule.default or 'none'} ({where}/default)",
            )
        )
    return found


def disagreements(
    html: str,
    schema: Schema,
    metrics: tuple[str, ...],
    problem_types: tuple[str, ...],
    job_configs: tuple[str, ...],
) -> list[Disagreement]:
    """Every disagreement between the documentation and the schema's rules. ``metrics`` are
    AWS's AutoMLMetricEnum values: a documented name that is none of them is reported too."""
    allowed, defaults, raw = read_documentation(html, schema, problem_types, job_configs)
    rules = schema_rules(schema)
    found = [d for rule in rules for d in _compare_rule(rule, allowed, defaults, raw)]
    ruled = {rule.name for rule in rules}
    for name, values in allowed.items():
        if name not in ruled:
            found.append(
                Disagreement(
                    name,
                    "allowed",
                    values,
                    (),
                    f"{name}: the documentation lists {_listed(values)}; the schema has no "
                    "$defs rule for it",
                )
            )
    stated = {v: k for k, vs in (*allowed.items(), *defaults.items()) for v in vs}
    for value, name in stated.items():
        if value not in metrics:
            found.append(
                Disagreement(
                    name,
                    "unknown-value",
                    (value,),
                    (),
                    f"{name}: the documentation names {value!r}, which is not an "
                    "AutoMLMetricEnum value (a prose name? add it to that metric's aliases)",
                )
            )
    found.extend(
        Disagreement(
            "",
            "unplaced",
            (),
            (),
            f"the documentation lists metrics under {label!r}, which names no problem type",
        )
        for label in raw.unplaced
    )
    return found
