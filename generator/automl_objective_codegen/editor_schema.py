"""The editor copy of the schema: self-contained, narrowed for completion, worded for humans.

Completion in VS Code's JSON service and the YAML language server merges the ``enum`` of every
subschema that applies at a place, while validation ANDs them. The canonical schema states
every metric on ``MetricName`` and narrows them per problem type with ``if``/``then``: right
for validation, but both servers then offer every metric everywhere. Here exactly one
``enum`` applies at each place: the problem types' rules become one ``if``/``then``/``else``
chain, every metric in the last ``else``. The same chain carries VS Code's keywords
(``markdownDescription``, ``enumDescriptions``, ``errorMessage``, ``doNotSuggest``,
``defaultSnippets``) written from the
schema's own facts, and the schema's warnings (``x-warn``, which plain validators ignore) become
``deprecationMessage`` hints: the servers show them as warnings and still accept the document, as
the CLI does.

Defaults stay out of ``default`` (a validator that fills defaults would insert one and accept an
objective without ``MetricName``): they are named in the prose and in ``x-default``.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from automl_objective.base.schema import Schema
from automl_objective.check.catalog import Catalog, ProblemTypeRule
from automl_objective.check.checker import inline_local_refs
from automl_objective_codegen.editor_strict import strict_clean

EDITOR_SUFFIX = ".bundled.schema.json"
OBJECTIVE = "AutoMLJobObjective"
METRIC = "MetricName"
UNION = "AutoMLProblemTypeConfig"
# Keywords of VS Code's JSON service and the YAML language server this module writes; with
# every x-* keyword, the vocabulary another validator needs to load the editor schemas strictly.
EDITOR_KEYWORDS = (
    "markdownDescription",
    "enumDescriptions",
    "markdownEnumDescriptions",
    "errorMessage",
    "doNotSuggest",
    "deprecationMessage",
    "defaultSnippets",
)


def _listed(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(names)


def _metric_docs(names: tuple[str, ...], catalog: Catalog) -> dict[str, list[str]]:
    plain, markdown = [], []
    for name in names:
        metric = catalog.metric(name)
        types = _listed(catalog.problem_types_allowing(name))
        plain.append(f"{metric.title} ({metric.direction.lower()}d). {metric.description}")
        markdown.append(
            f"**{metric.title}**, {metric.direction.lower()}d. {metric.description}\n\n"
            f"Accepted for: {types}."
        )
    return {"enumDescriptions": plain, "markdownEnumDescriptions": markdown}


def _alias_note(names: tuple[str, ...], catalog: Catalog) -> str:
    notes = [
        f"{' and '.join(repr(a) for a in aliases)} "
        f"{'are' if len(aliases) > 1 else 'is'} AWS's prose for {n}"
        for n in names
        if (aliases := catalog.metric(n).aliases)
    ]
    return f" ({'; '.join(notes)})" if notes else ""


def _summary(rule: ProblemTypeRule) -> str:
    if not rule.objective_used:
        return f"**{rule.name}** does not use AutoMLJobObjective: AWS ignores one there."
    listed = ", ".join(f"`{m}`" + (" (default)" if m == rule.default else "") for m in rule.allowed)
    return f"Metrics AWS accepts for **{rule.name}**: {listed}."


def _all_metrics(base: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    """MetricName where no problem type narrows it: every metric, each explained."""
    names = catalog.metric_names
    per_type = "\n".join(f"- {_summary(rule)}" for rule in catalog.problem_types)
    return {
        "title": base.get("title", METRIC),
        "description": base["description"],
        "markdownDescription": f"{base['description']}\n\n{per_type}",
        "type": "string",
        "enum": list(names),
        **_metric_docs(names, catalog),
        "errorMessage": f"MetricName must be one of the {len(names)} metrics AWS defines: "
        f"{_listed(names)}{_alias_note(names, catalog)}.",
        "x-code": base.get("x-code", "unknown-metric"),
    }


def _narrowed(rule: ProblemTypeRule, definition: dict[str, Any], catalog: Catalog) -> Any:
    """MetricName under one problem type: its metrics only, its default as prose."""
    allowed = rule.allowed
    return {
        "title": definition.get("title", METRIC),
        "description": definition["description"] + f" Default: {rule.default}.",
        "markdownDescription": _summary(rule),
        "type": "string",
        "enum": list(allowed),
        **_metric_docs(allowed, catalog),
        "errorMessage": f"MetricName for {rule.name} must be one of: {_listed(allowed)} "
        f"(AWS's default: {rule.default}){_alias_note(allowed, catalog)}.",
        **{k: v for k, v in definition.items() if k.startswith("x-")},
        "x-default": rule.default,
    }


def _request_metrics(definition: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    """MetricName of a request without a problem type, where the request itself narrows it
    (``x-request``: V1 trains tabular problem types only): the metrics of the problem types its
    ``anyOf`` names, each explained, in one enum an editor can complete."""
    keys = [str(part.get("$ref", "")).removeprefix("#/$defs/") for part in definition["anyOf"]]
    rules = [rule for rule in catalog.problem_types if rule.definition in keys]
    names = [m for m in catalog.metric_names if any(m in rule.allowed for rule in rules)]
    per_type = "\n".join(f"- {_summary(rule)}" for rule in rules)
    return {
        "title": definition.get("title", METRIC),
        "description": definition["description"],
        "markdownDescription": f"{definition['description']}\n\n{per_type}",
        "type": "string",
        "enum": names,
        **_metric_docs(tuple(names), catalog),
        "errorMessage": f"MetricName of a {definition['x-request']} request must be one its "
        f"problem types ({_listed([r.name for r in rules])}) accept: {_listed(names)}.",
        "x-code": definition.get("x-code", "metric-not-allowed"),
    }


def _request_narrowing(entry: Any, defs: dict[str, Any]) -> str | None:
    """The ``x-request`` $defs key an allOf entry narrows MetricName to when the request
    names no problem type (its ``else``), if it does."""
    if not isinstance(entry, dict) or set(entry) - {"$comment"} != {"if", "else"}:
        return None
    try:
        ref = entry["else"]["properties"][OBJECTIVE]["properties"][METRIC]["$ref"]
    except (KeyError, TypeError):
        return None
    key = str(ref).removeprefix("#/$defs/")
    return key if "x-request" in defs.get(key, {}) else None


def _objective(
    base: dict[str, Any], metric: Any, rule: ProblemTypeRule | None, why: str = ""
) -> Any:
    """The AutoMLJobObjective object around one MetricName schema."""
    objective = {k: v for k, v in base.items() if k not in ("examples", "properties")}
    objective["properties"] = {METRIC: metric}
    objective["errorMessage"] = (
        'AutoMLJobObjective is an object with one member, MetricName: {"MetricName": "..."}.'
    )
    if rule is not None and rule.objective_used:
        objective["defaultSnippets"] = [
            {
                "label": f"AWS's default for {rule.name}",
                "description": f"MetricName {rule.default}",
                "body": {METRIC: rule.default},
            }
        ]
    if rule is not None and not rule.objective_used:
        objective["doNotSuggest"] = True
        objective["deprecationMessage"] = f"AutoMLJobObjective is ignored for {rule.name}. {why}"
    return objective


def _narrowing(entry: Any) -> str | None:
    """The problem-type $defs key an allOf entry narrows MetricName to, if it does."""
    if not isinstance(entry, dict) or set(entry) != {"if", "then"}:
        return None
    then = entry["then"]
    try:
        ref = then["properties"][OBJECTIVE]["properties"][METRIC]["$ref"]
    except (KeyError, TypeError):
        return None
    return str(ref).removeprefix("#/$defs/")


def _pair_hints(warn: dict[str, Any]) -> list[dict[str, Any]]:
    """A both-or-none warning (``dependentRequired``) as hints on the member given alone."""
    hints = []
    for member, needs in warn.get("dependentRequired", {}).items():
        for other in needs:
            message = (
                f"{member} is given without {other}: give both or neither "
                "(the SageMaker Python SDK rejects one without the other)."
            )
            hints.append(
                {
                    "if": {"required": [other]},
                    "else": {"properties": {member: {"deprecationMessage": message}}},
                }
            )
    return hints


def _request(definition: dict[str, Any], defs: dict[str, Any], catalog: Catalog) -> None:
    """Replace a request's per-problem-type rules by one chain with one enum per branch."""
    rules = {rule.definition: rule for rule in catalog.problem_types}
    base = defs[OBJECTIVE]
    kept: list[Any] = []
    branches: list[tuple[Any, Any]] = []
    fallback = defs[METRIC]
    for entry in definition.get("allOf", []):
        key = _narrowing(entry)
        request_key = _request_narrowing(entry, defs)
        if request_key is not None:
            fallback = _request_metrics(defs[request_key], catalog)
        elif key is not None and key in rules:
            rule = rules[key]
            metric = defs[key] if rule.objective_used else _all_metrics(defs[METRIC], catalog)
            why = str(defs[key].get("description", ""))
            branches.append((entry["if"], _objective(base, metric, rule, why)))
        elif isinstance(entry, dict) and "x-warn" in entry:
            kept.extend(_pair_hints(entry["x-warn"]))
        else:
            kept.append(entry)
    if not branches:
        return
    chain: Any = {"properties": {OBJECTIVE: _objective(base, fallback, None)}}
    for condition, objective in reversed(branches):
        chain = {"if": condition, "then": {"properties": {OBJECTIVE: objective}}, "else": chain}
    definition["allOf"] = [*kept, chain]
    definition.get("properties", {}).pop(OBJECTIVE, None)


def _union(definition: dict[str, Any]) -> None:
    """Exactly one member, said in words: each member present excludes the others."""
    members = list(definition.get("properties", {}))
    definition.pop("maxProperties", None)
    definition.pop("propertyNames", None)  # the same names as properties, closed
    definition["errorMessage"] = f"{UNION} is an object holding exactly one of: {_listed(members)}."
    definition["allOf"] = [
        {
            "if": {"required": [member]},
            "then": {
                "properties": {member: True},
                "additionalProperties": False,
                "errorMessage": f"{UNION} holds exactly one problem-type config, and it "
                f"already holds {member}: remove one.",
            },
        }
        for member in members
    ]


def _unknown_document(node: Any, catalog: Catalog) -> None:
    """The root chain's last else: a message both servers show. The YAML server ignores
    ``errorMessage`` on ``not``, and ajv refuses an empty ``enum``; every object fails
    ``const: null`` alike, and both servers word that failure with ``errorMessage``."""
    while isinstance(node, dict) and isinstance(node.get("else"), dict):
        node = node["else"]
    if isinstance(node, dict) and node.get("not") == {}:
        del node["not"]
        node["const"] = None
        node["errorMessage"] = (
            "Not an AutoMLJobObjective, CreateAutoMLJob or CreateAutoMLJobV2 document: it has "
            "none of the members that identify one, each with a value "
            f"({_listed(catalog.document_keys)})."
        )


def _problem_types(definition: dict[str, Any], catalog: Catalog) -> None:
    """Hovering over a ProblemType value shows the metrics it accepts."""
    rules = {rule.name: rule for rule in catalog.problem_types}
    summaries = [
        _summary(rules[name]) if name in rules else f"**{name}**: no metrics stated yet."
        for name in definition.get("enum", [])
    ]
    definition["enumDescriptions"] = [s.replace("`", "").replace("**", "") for s in summaries]
    definition["markdownEnumDescriptions"] = summaries


def without_defaults(node: Any, members: bool = False) -> Any:
    """The tree without x-warn (turned into hints already) and without ``default`` keywords
    (``members``: ``node`` maps member names to schemas, where "default" is only a name)."""
    if isinstance(node, list):
        return [without_defaults(item) for item in node]
    if not isinstance(node, dict):
        return node
    dropped = () if members else ("x-warn", "default")
    kept = {
        k: without_defaults(v, not members and k in ("properties", "$defs"))
        for k, v in node.items()
        if k not in dropped
    }
    if not members and kept.get("items") == {}:
        del kept["items"]  # held only a warning: `items: {}` adds nothing (sourcemeta lint)
    return kept


def editor_defs(schema: Schema, catalog: Catalog) -> dict[str, Any]:
    """The canonical $defs, rewritten for editors (references still local)."""
    defs: dict[str, Any] = copy.deepcopy(schema["$defs"])
    for rule in catalog.problem_types:
        if rule.objective_used:
            defs[rule.definition] = _narrowed(rule, defs[rule.definition], catalog)
    defs[METRIC] = _all_metrics(defs[METRIC], catalog)
    defs[OBJECTIVE]["properties"][METRIC] = defs[METRIC]
    for definition in defs.values():
        if isinstance(definition, dict) and "allOf" in definition:
            _request(definition, defs, catalog)
    _union(defs[UNION])
    _problem_types(defs["ProblemType"], catalog)
    return defs


def editor_document(schema: Schema, catalog: Catalog, comment: str) -> dict[str, Any]:
    """The bundled editor schema as data: self-contained, no ``$ref``."""
    defs = editor_defs(schema, catalog)
    bundled: dict[str, Any] = {"$comment": comment}
    for key, value in schema.items():
        if key not in ("$defs", "$comment"):
            bundled[key] = inline_local_refs(copy.deepcopy(value), defs)
    bundled["$id"] = str(schema["$id"]).removesuffix(".schema.json") + EDITOR_SUFFIX
    _unknown_document(bundled, catalog)
    result: dict[str, Any] = without_defaults(bundled)
    strict_clean(result)
    return result


def editor_schema(schema: Schema, catalog: Catalog, comment: str) -> str:
    """The text of the bundled editor schema."""
    return (
        json.dumps(editor_document(schema, catalog, comment), indent=2, ensure_ascii=False) + "\n"
    )
