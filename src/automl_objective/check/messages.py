"""The words of each code: one message function per rule code, said in AutoML terms.

The compiled checks and the jsonschema adapter both produce :class:`Failure` records; each
record's code (from the schema's ``x-code``, or the keyword's generic code) picks its message
function here (:data:`MESSAGES`). What each code is and means is stated once, in
:class:`~automl_objective.base.codes.Code`; the codes of reading a file have no message
function here: the reader words them. A schema's ``x-code`` must be one of
:data:`RULE_CODES` (``generate`` refuses another).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping

from automl_objective.base.codes import Code
from automl_objective.base.dynamic import OpenObject
from automl_objective.base.quoting import json_type, shown, shown_name
from automl_objective.check.catalog import Catalog
from automl_objective.check.failures import Failure, library_message
from automl_objective.check.findings import (
    Located,
    Path,
    as_list,
    hint,
    member_name,
    suggest,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for the type checker: a finding's process never imports typing
    from typing import Any

    from automl_objective.base.codes import Severity

Explainer = Callable[[Failure, Catalog], "Located | None"]


def _severity(failure: Failure) -> Severity:
    return "warning" if failure.warn else "error"


SCHEMA_TYPE_WORDS = {  # a JSON Schema type as a message says it
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}


def _invalid_type(failure: Failure, catalog: Catalog) -> Located:
    path, instance = failure.path, failure.instance
    expected = as_list(failure.value)
    wanted = " or ".join(SCHEMA_TYPE_WORDS.get(t, t) for t in expected)
    subject = member_name(path, {}) if path else "the document"
    message = f"{subject} must be {wanted}, not {json_type(instance)}"
    hint_ = _map_hint(failure) or _type_hint(subject, expected, instance, catalog)
    return Located(_severity(failure), Code.INVALID_TYPE, path, message + hint_)


def _map_hint(failure: Failure) -> str:
    """The shape a value of the wrong type belongs in, where AWS's shape is a map of maps
    (a Filling's column to its fill methods), written with the user's own names."""
    if (
        len(failure.path) < 2
        or failure.path[-2] != "Filling"
        or "propertyNames" not in failure.facts
    ):
        return ""
    column, method = failure.path[-1], failure.instance
    shown_method = method if isinstance(method, str) and method.isidentifier() else "mean"
    example = f'{{"{column}": {{"middlefill": "{shown_method}"}}}}'
    return f"; Filling maps each column name to its fill methods, e.g. {example}"


def _type_hint(subject: str, expected: list[Any], instance: Any, catalog: Catalog) -> str:
    """The likely fix for a value of the wrong type."""
    if "integer" in expected and isinstance(instance, float) and instance.is_integer():
        return f"; write {int(instance)} (botocore rejects a number with a decimal point)"
    if "string" in expected and isinstance(instance, bool):
        return "; in YAML, unquoted no, yes, on, off, true and false are booleans: quote the value"
    if subject == "MetricName" and "string" in expected:
        return "; valid: " + ", ".join(catalog.metric_names)
    return ""


def _unknown_metric(failure: Failure, catalog: Catalog) -> Located:
    instance = failure.instance
    alias = catalog.metric_for_alias(instance) if isinstance(instance, str) else None
    if alias is not None:
        tail = f"; it is AWS's prose name for {alias.name!r}: use {alias.name!r}"
    elif isinstance(instance, str) and suggest(instance, catalog.metric_names):
        tail = hint(instance, catalog.metric_names)
    else:
        tail = hint(instance, ()) + "; valid: " + ", ".join(catalog.metric_names)
    message = f"MetricName {shown(instance)} is not a valid metric{tail}"
    return Located(_severity(failure), Code.UNKNOWN_METRIC, failure.path, message)


def _metric_not_allowed(failure: Failure, catalog: Catalog) -> Located:
    instance = failure.instance
    if "x-request" in failure.facts:
        return _metric_not_in_request(failure, catalog)
    rule = catalog.problem_type(failure.facts["x-problem-type"])
    context = (
        f"ProblemType {rule.name!r}"
        if rule.is_tabular
        else f"problem type {rule.name!r} ({rule.job_config})"
    )
    guess = suggest(str(instance), rule.allowed)
    tail = f"; did you mean {guess!r}?" if guess and guess != instance else ""
    message = (
        f"MetricName {shown(instance)} is not allowed for {context}; "
        f"allowed: {', '.join(rule.allowed)}{tail}"
    )
    return Located(_severity(failure), Code.METRIC_NOT_ALLOWED, failure.path, message)


def _metric_not_in_request(failure: Failure, catalog: Catalog) -> Located:
    """A V1 request's metric that no V1 (tabular) problem type takes: the problem types that
    do take it, and the request that trains them."""
    instance, request = failure.instance, failure.facts["x-request"]
    tabular = catalog.tabular_problem_types
    takers = [
        catalog.problem_type(name)
        for name in catalog.problem_types_allowing(str(instance))
        if name not in tabular
    ]
    if takers:
        names = " or ".join(repr(rule.name) for rule in takers)
        configs = " or ".join(rule.job_config for rule in takers)
        where = f"is a metric of {names}"
        fix = f": use CreateAutoMLJobV2 with {configs}"
    else:
        where, fix = "is not allowed", ""
    message = (
        f"MetricName {shown(instance)} {where}; {request} (V1) trains tabular problem types "
        f"only ({', '.join(tabular)}){fix}"
    )
    return Located(_severity(failure), Code.METRIC_NOT_ALLOWED, failure.path, message)


def _algorithm_not_allowed(failure: Failure, catalog: Catalog) -> Located:
    """An algorithm the config's list lacks (for tabular jobs, the list of the Mode given);
    a tabular algorithm check with no mode of its own (``x-training-mode``) is the one of
    every mode: an algorithm no tabular training mode takes."""
    instance, facts = failure.instance, failure.facts
    config, mode = str(facts.get("x-algorithm-config", "")), facts.get("x-training-mode")
    if mode == "AUTO":
        return _algorithms_in_auto_mode(failure, catalog)
    rules = catalog.algorithm_rules(config)
    chosen = [rule for rule in rules if rule.mode == mode]
    problem = catalog.rule_for_job_config(config)
    if chosen and mode is None:
        subject = f"{problem.name if problem else config} takes"
    elif chosen:
        mode_member = "AutoMLJobConfig.Mode" if "AutoMLJobConfig" in failure.path else "Mode"
        subject = f"tabular jobs take in {mode_member} {mode!r}"
    elif rules:
        subject = "tabular jobs take in any training mode"
    else:
        subject = f"{config or 'the job'} takes"
    if chosen:
        allowed = ", ".join(chosen[0].allowed)
    else:
        allowed = "; ".join(f"{rule.mode}: {', '.join(rule.allowed)}" for rule in rules)
    message = (
        f"{shown(instance)} is not an algorithm {subject}"
        + (f"; allowed: {allowed}" if allowed else "")
        + _algorithm_hint(instance, config, chosen, catalog)
    )
    return Located(_severity(failure), Code.ALGORITHM_NOT_ALLOWED, failure.path, message)


def _algorithms_in_auto_mode(failure: Failure, catalog: Catalog) -> Located:
    """An algorithm one tabular training mode takes and another does not, with Mode AUTO:
    Autopilot picks the mode, and AWS says AlgorithmsConfig should not be set then (advice:
    a warning in the schema)."""
    instance = failure.instance
    rules = catalog.algorithm_rules(str(failure.facts.get("x-algorithm-config", "")))
    taking = [str(rule.mode) for rule in rules if instance in rule.allowed]
    modes = " or ".join(str(rule.mode) for rule in rules)
    mode_member = "AutoMLJobConfig.Mode" if "AutoMLJobConfig" in failure.path else "Mode"
    message = (
        f"{shown(instance)} is an algorithm only {' and '.join(taking)} takes, and with "
        f"{mode_member} 'AUTO' Autopilot picks {modes} by the dataset's size (AWS: "
        f"AlgorithmsConfig should not be set in AUTO mode); set {mode_member} to "
        f"{' or '.join(map(repr, taking))}, or remove AlgorithmsConfig"
    )
    return Located(_severity(failure), Code.ALGORITHM_NOT_ALLOWED, failure.path, message)


def _algorithm_hint(instance: Any, config: str, chosen: list[Any], catalog: Catalog) -> str:
    """Where a refused algorithm belongs (another training mode, another config), or the
    one most likely meant (``XGBoost``: ``xgboost``)."""
    if not isinstance(instance, str):
        return ""
    for rule in catalog.algorithms:
        if rule in chosen or instance not in rule.allowed:
            continue
        if rule.job_config != config:
            return f"; {shown(instance)} is an algorithm of {rule.job_config}"
        if chosen:
            return f"; {shown(instance)} is one {rule.mode} takes"
    candidates = chosen[0].allowed if chosen else catalog.algorithm_names(config)
    guess = suggest(instance, candidates)
    return f"; did you mean {guess!r}?" if guess and guess != instance else ""


def _objective_ignored(failure: Failure, catalog: Catalog) -> Located:
    message = (
        f"MetricName {shown(failure.instance)} has no effect for problem type "
        f"{failure.facts.get('x-problem-type', '?')!r}, which does not use AutoMLJobObjective; "
        "remove it"
    )
    return Located(_severity(failure), Code.OBJECTIVE_IGNORED, failure.path, message)


def _unknown_problem_type(failure: Failure, catalog: Catalog) -> Located:
    valid = catalog.tabular_problem_types
    instance = failure.instance
    message = (
        f"ProblemType {shown(instance)} is not valid (valid: {', '.join(valid)})"
        f"{hint(instance, valid)}"
    )
    return Located(_severity(failure), Code.UNKNOWN_PROBLEM_TYPE, failure.path, message)


def _unknown_job_config(failure: Failure, catalog: Catalog) -> Located:
    configs = catalog.job_configs
    instance = failure.instance
    message = (
        f"AutoMLProblemTypeConfig has no member {shown(instance)} (valid: {', '.join(configs)})"
        f"{hint(instance, configs)}"
    )
    path = (*failure.path, str(instance))
    return Located(_severity(failure), Code.UNKNOWN_JOB_CONFIG, path, message, at_key=True)


def _problem_type_config(failure: Failure, catalog: Catalog) -> Located:
    instance = failure.instance
    held_configs = list(instance) if isinstance(instance, dict) else []
    held = ", ".join(shown_name(k) for k in held_configs[:5])
    held += ", ..." if held_configs[5:] else ""
    what = f"{len(held_configs)}: {held}" if held_configs else "none"
    message = f"AutoMLProblemTypeConfig must hold exactly one problem-type config; it holds {what}"
    return Located(_severity(failure), Code.PROBLEM_TYPE_CONFIG, failure.path, message)


def _add_default(problem_type: Any, catalog: Catalog) -> str:
    """How to complete a pair whose problem type is given: the objective AWS uses anyway."""
    if problem_type not in catalog.problem_type_names:
        return ""
    default = catalog.problem_type(problem_type).default
    if default is None:
        return ""
    return (
        f': add AutoMLJobObjective {{"MetricName": "{default}"}} (the default for '
        f"{problem_type}), or remove the problem type"
    )


_BOTH = "give both or neither"
_SDK = "(the SageMaker Python SDK rejects one without the other)"


def _incomplete_pair(failure: Failure, catalog: Catalog) -> Located:
    severity, path, instance = _severity(failure), failure.path, failure.instance
    if failure.keyword == "dependentRequired" and isinstance(instance, dict):  # V1, top level
        return _incomplete_v1(severity, path, instance, catalog)
    if path and path[-1] == "TabularJobConfig":  # V2: the objective is there, ProblemType not
        message = f"AutoMLJobObjective is given but TabularJobConfig.ProblemType is not; {_BOTH}"
        return Located(severity, Code.INCOMPLETE_PAIR, path, message)
    problem_type: Any = instance
    for member in ("AutoMLProblemTypeConfig", "TabularJobConfig", "ProblemType"):
        problem_type = problem_type.get(member) if isinstance(problem_type, dict) else None
    return Located(
        severity,
        Code.INCOMPLETE_PAIR,
        (*path, "AutoMLProblemTypeConfig", "TabularJobConfig", "ProblemType"),
        f"TabularJobConfig.ProblemType {shown(problem_type)} is given without AutoMLJobObjective; "
        f"{_BOTH}{_add_default(problem_type, catalog)}",
    )


def _incomplete_v1(
    severity: Severity, path: Path, instance: dict[str, Any], catalog: Catalog
) -> Located:
    if "ProblemType" in instance:
        given = instance["ProblemType"]
        return Located(
            severity,
            Code.INCOMPLETE_PAIR,
            (*path, "ProblemType"),
            f"ProblemType {shown(given)} is given without AutoMLJobObjective; "
            f"{_BOTH}{_add_default(given, catalog)} {_SDK}",
        )
    return Located(
        severity,
        Code.INCOMPLETE_PAIR,
        (*path, "AutoMLJobObjective"),
        f"AutoMLJobObjective is given without ProblemType; {_BOTH} {_SDK}",
    )


def _unknown_document(failure: Failure, catalog: Catalog) -> Located:
    keys = catalog.document_keys
    instance = failure.instance
    # The first near miss among the first members: a document of 100,000 members must not
    # cost a suggestion search each.
    members = itertools.islice(instance if isinstance(instance, dict) else (), 100)
    near = [
        f"{shown(k)} looks like {guess!r}"
        for k in members
        if (guess := suggest(str(k), keys)) is not None
    ][:1]
    message = (
        "not an AutoMLJobObjective, CreateAutoMLJob or CreateAutoMLJobV2 document: it has "
        f"none of the members that identify one ({', '.join(keys)})"
        + (f"; {near[0]}" if near else "")
    )
    return Located(_severity(failure), Code.UNKNOWN_DOCUMENT, failure.path, message)


def _lacking_guess(key: str, known: list[str], instance: dict[str, Any]) -> str | None:
    """The member an unknown one most likely stands for: one the object lacks first."""
    return suggest(key, [k for k in known if k not in instance])


def unknown_members(failure: Failure) -> list[Located]:
    """One finding per unknown member of a closed object, with the likely intended name:
    a member the object lacks; when the only near name is already there, to remove it."""
    path, schema, instance = failure.path, failure.facts, failure.instance
    name = member_name(path, schema)
    known = list(schema.get("properties", ()))
    required = as_list(schema.get("required", []))
    found = []
    for key in (k for k in instance if k not in known):
        message = f"unknown member {shown(key)} in {name} (allowed: {', '.join(known)})"
        guess = _lacking_guess(key, known, instance)
        message += hint(key, [guess] if guess is not None else [])
        present = suggest(key, known) if guess is None else None
        if present is not None and present != key:
            message += f"; {name} has {present} already: remove {shown_name(key)}"
        if guess in required and type(instance) is not OpenObject:  # else it may be there
            message += f" ({guess} is required and missing)"
        found.append(Located(_severity(failure), Code.UNKNOWN_MEMBER, (*path, key), message, True))
    return found


def missing_members(failure: Failure) -> list[Located]:
    """One finding per missing member, but none for a member an unknown one misspells: the
    unknown member's finding names it (and a finding at 1:1 would only repeat it)."""
    path, schema, instance = failure.path, failure.facts, failure.instance
    name = member_name(path, schema)
    known = list(schema.get("properties", ()))
    closed = schema.get("additionalProperties") is False  # else other members are no typos
    unknown = [key for key in instance if key not in known] if closed else []
    misspelt = {_lacking_guess(key, known, instance) for key in unknown}
    return [
        Located(
            _severity(failure),
            Code.MISSING_MEMBER,
            path,
            f"{name} is missing required member {key!r}",
        )
        for key in as_list(schema.get("required", []))
        if key not in instance and key not in misspelt
    ]


def _pattern_message(
    name: str, instance: Any, schema: Mapping[str, Any], pattern: Any = None
) -> str:
    """What an AWS pattern allows, in words where the schema has them, else AWS's pattern."""
    allowed = schema.get("x-pattern-description")
    rule = f"AWS allows {allowed}" if allowed else f"AWS's pattern is {schema['x-aws-pattern']}"
    plain = _percentile(name, instance, pattern)
    if plain is not None:
        rule = f"quantiles are written p1 to p99 ({rule}): did you mean {plain!r}?"
    return f"{name} {shown(instance)} is not valid: {rule}{hint(instance, ())}"


def _percentile(name: str, instance: Any, pattern: Any) -> str | None:
    """A quantile written as a fraction (``'0.1'``) in the form AWS's pattern takes
    (``'p10'``), if that form passes the pattern; else None."""
    if name != "ForecastQuantiles" or not isinstance(instance, str):
        return None
    try:
        fraction = float(instance)
    except ValueError:
        return None
    if not 0 < fraction < 1:
        return None
    written = f"p{round(fraction * 100)}"
    return written if isinstance(pattern, str) and re.search(pattern, written) else None


def _generic(failure: Failure, catalog: Catalog) -> Located | None:
    """The generic codes (unknown-member, missing-member, invalid-value, schema-violation):
    said by the keyword that failed, with the node's member names, enum or pattern words."""
    severity, path, instance, keyword = (
        _severity(failure),
        failure.path,
        failure.instance,
        failure.keyword,
    )
    name = member_name(path, failure.facts)
    if keyword in ("additionalProperties", "required") and isinstance(instance, dict):
        found = unknown_members(failure) if keyword != "required" else missing_members(failure)
        return found[0] if found else None
    if keyword == "enum" and isinstance(failure.value, (list, tuple)):
        values = [str(v) for v in failure.value]
        message = (
            f"{name} {shown(instance)} is not valid (valid: {', '.join(values)})"
            f"{hint(instance, values)}"
        )
        return Located(severity, Code.INVALID_VALUE, path, message)
    if keyword in ("enum", "const"):
        return Located(severity, Code.INVALID_VALUE, path, f"{name}: {library_message(failure)}")
    if keyword in ("pattern", "x-unicode-pattern") and "x-aws-pattern" in failure.facts:
        message = _pattern_message(name, instance, failure.facts, failure.value)
        return Located(severity, Code.SCHEMA_VIOLATION, path, message, says_most=True)
    return Located(severity, Code.SCHEMA_VIOLATION, path, f"{name}: {library_message(failure)}")


PLAIN_CODES: dict[tuple[str, str], Code] = {
    (code, keyword): Code.SCHEMA_VIOLATION
    for code in (Code.SCHEMA_VIOLATION.value, Code.INVALID_VALUE.value)
    for keyword in ("minProperties", "maxProperties", "minItems", "maxItems")
}
"""The failures (code, keyword) whose words (:func:`_generic`'s) are one finding at the
failure's own path, neither at its key nor saying most, of the code given here, and quote
an object or array: what that finding is, but its message, is known before it is worded,
and wording it costs. The wording words such a failure only if one-per-cause keeps its
finding (an object with one member too many in a request is also a problem-type-config
finding, which says it better; quoting the object was a fifth of the wording's cost on
the 70% corpus). The tests hold every such failure of the fixtures to it."""

PLAIN_KEYWORDS = frozenset(keyword for _, keyword in PLAIN_CODES)
"""The keywords of :data:`PLAIN_CODES` (most failures are of none: told by one lookup)."""

MESSAGES: dict[Code, Explainer] = {
    Code.METRIC_NOT_ALLOWED: _metric_not_allowed,
    Code.ALGORITHM_NOT_ALLOWED: _algorithm_not_allowed,
    Code.UNKNOWN_METRIC: _unknown_metric,
    Code.UNKNOWN_PROBLEM_TYPE: _unknown_problem_type,
    Code.INCOMPLETE_PAIR: _incomplete_pair,
    Code.OBJECTIVE_IGNORED: _objective_ignored,
    Code.PROBLEM_TYPE_CONFIG: _problem_type_config,
    Code.UNKNOWN_JOB_CONFIG: _unknown_job_config,
    Code.UNKNOWN_MEMBER: _generic,
    Code.MISSING_MEMBER: _generic,
    Code.INVALID_VALUE: _generic,
    Code.SCHEMA_VIOLATION: _generic,
    Code.INVALID_TYPE: _invalid_type,
    Code.UNKNOWN_DOCUMENT: _unknown_document,
}
"""How each rule code's message is said."""

RULE_CODES = frozenset(MESSAGES)
"""Codes a schema rule (x-code) may name: those with a message for a failure."""


def said_by_another(keyword: str, facts: Mapping[str, Any]) -> bool:
    """Whether a failure of ``keyword`` at a node of these facts has no words of its own:
    an object's unknown members where its member names are checked (the ``propertyNames``
    failure names the unknown key itself)."""
    return keyword == "additionalProperties" and "propertyNames" in facts


def explain(failure: Failure, catalog: Catalog) -> Located | None:
    """One failure, said in AutoML terms; None when another failure says it better."""
    if said_by_another(failure.keyword, failure.facts):
        return None
    return _explainer(failure)(failure, catalog)


def _explainer(failure: Failure) -> Explainer:
    code = _code(failure.code)
    return MESSAGES.get(code, _generic) if code is not None else _generic


def _code(value: str) -> Code | None:
    """The code a failure names (an ``x-code`` no rule has a message for: None)."""
    try:
        return Code(value)
    except ValueError:
        return None


def explain_all(failure: Failure, catalog: Catalog) -> list[Located]:
    """Every finding one failure holds: an ``additionalProperties`` failure covers all the
    unknown (a ``required`` one all the missing) members of an object, each its own finding.

    The explainer is chosen once: the generic one of an object's unknown or missing members
    lists them all here, not once for its first finding and again for all of them."""
    if said_by_another(failure.keyword, failure.facts):
        return []
    explainer = _explainer(failure)
    if explainer is _generic and isinstance(failure.instance, dict):
        if failure.keyword == "additionalProperties":
            return unknown_members(failure)
        if failure.keyword == "required":
            return missing_members(failure)
    first = explainer(failure, catalog)
    return [] if first is None else [first]
