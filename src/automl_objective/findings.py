"""Findings: what is wrong, where, and how to say it in the user's terms.

A failure speaks about keywords; a finding speaks about AutoML. The schema marks each rule
with an ``x-code`` annotation, so the code of a finding comes from the rule that failed, and the
message is written for that code here.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from automl_objective.catalog import Catalog
from automl_objective.failures import WARN_KEYWORD, Failure, library_message
from automl_objective.quoting import shown, shown_name

Severity = Literal["error", "warning"]
Path = tuple[str | int, ...]

__all__ = ["WARN_KEYWORD"]

# Codes a user can rely on (README lists them).
INVALID_TYPE = "invalid-type"
UNKNOWN_METRIC = "unknown-metric"
METRIC_NOT_ALLOWED = "metric-not-allowed"
UNKNOWN_PROBLEM_TYPE = "unknown-problem-type"
UNKNOWN_MEMBER = "unknown-member"
MISSING_MEMBER = "missing-member"
INCOMPLETE_PAIR = "incomplete-pair"
OBJECTIVE_IGNORED = "objective-ignored"
PROBLEM_TYPE_CONFIG = "problem-type-config"
UNKNOWN_JOB_CONFIG = "unknown-job-config"
UNKNOWN_DOCUMENT = "unknown-document"
INVALID_VALUE = "invalid-value"
SCHEMA_VIOLATION = "schema-violation"
INTERNAL_ERROR = "internal-error"

# Every code, with the one-line description reports (SARIF rules) give it.
CODES = {
    METRIC_NOT_ALLOWED: "a valid metric that the job's problem type does not accept",
    UNKNOWN_METRIC: "not one of the valid MetricName values",
    UNKNOWN_PROBLEM_TYPE: "ProblemType is not one of the valid values",
    INCOMPLETE_PAIR: "ProblemType and AutoMLJobObjective must be given together or not at all",
    OBJECTIVE_IGNORED: "text generation (LLM fine-tuning) does not use the objective",
    PROBLEM_TYPE_CONFIG: "AutoMLProblemTypeConfig does not hold exactly one config",
    UNKNOWN_JOB_CONFIG: "an unknown member of AutoMLProblemTypeConfig",
    UNKNOWN_MEMBER: "an unknown member (AWS rejects them)",
    MISSING_MEMBER: "a required member is missing",
    INVALID_TYPE: "a value of the wrong JSON type",
    UNKNOWN_DOCUMENT: "not an AutoMLJobObjective, CreateAutoMLJob or CreateAutoMLJobV2 document",
    INVALID_VALUE: "a value outside an enum of AWS's service model",
    SCHEMA_VIOLATION: "a value breaking a length, range or pattern of AWS's service model",
    "parse-error": "not valid JSON or YAML",
    "duplicate-key": "a member name repeats in one object",
    "empty-document": "the document is empty",
    "encoding": "not UTF-8 text",
    "too-large": "larger than the size limit",
    "unreadable": "the file cannot be read",
    INTERNAL_ERROR: "the checker failed on this file (a bug: please report it)",
}

# A finding with the key code at a pointer makes these codes at the same pointer redundant.
_SUPERSEDES = {
    UNKNOWN_METRIC: {METRIC_NOT_ALLOWED, OBJECTIVE_IGNORED},
}

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    type(None): "null",
}
_SCHEMA_TYPES = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    pointer: str
    line: int | None
    column: int | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


def json_pointer(path: Iterable[str | int]) -> str:
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in path)


def json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def suggest(value: str, candidates: Sequence[str]) -> str | None:
    """The candidate a user most likely meant, or None.

    A value far longer than every candidate is no typo of one: it gets no suggestion, so a
    10 MB string costs nothing here (difflib is quadratic in it).
    """
    if len(value) > 2 * max(map(len, candidates), default=0) + 10:
        return None
    return _suggest(value, tuple(candidates))


@functools.lru_cache(maxsize=1024)
def _suggest(value: str, candidates: tuple[str, ...]) -> str | None:
    """:func:`suggest`, remembered: a request repeating one wrong value asks many times."""
    import difflib  # only findings need it: keep it off the start-up path

    folded = {c.casefold(): c for c in candidates}
    plain = value.strip().casefold()
    if plain in folded:
        return folded[plain]
    # "F1" for a multiclass job means "F1macro": a stem of a candidate is a strong hint.
    stems = sorted((c for c in folded if len(plain) > 1 and c.startswith(plain)), key=len)
    if stems:
        return folded[stems[0]]
    close = difflib.get_close_matches(value.strip(), candidates, n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(plain, list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


# Characters a name never holds: anything but printable ASCII other than the space.
_ODD = re.compile(r"[^!-~]")


def _hint(value: Any, candidates: Sequence[str]) -> str:
    """Why a near-valid string is wrong (stray whitespace, a look-alike letter) and the fix."""
    if not isinstance(value, str):
        return ""
    parts = []
    if value != value.strip():
        parts.append("it has leading or trailing whitespace")
    odd = _ODD.search(value.strip())
    if odd:
        char = odd.group()
        kind = "a lone surrogate" if unicodedata.category(char) == "Cs" else "a control character"
        name = unicodedata.name(char, kind)
        parts.append(f"it contains {name} (U+{ord(char):04X})")
    guess = suggest(value, candidates)
    if guess is not None and guess != value:
        parts.append(f"did you mean {guess!r}?")
    return "; " + "; ".join(parts) if parts else ""


def _name(path: Path, schema: Mapping[str, Any]) -> str:
    for token in reversed(path):
        if isinstance(token, str):
            return shown_name(token)
    return str(schema.get("title", "the document")) if path == () else "an item"


@dataclass(frozen=True)
class Located:
    """A finding before its position is looked up: the path and whether to point at the key."""

    severity: Severity
    code: str
    path: Path
    message: str
    at_key: bool = False


def explain(failure: Failure, catalog: Catalog) -> Located | None:
    """One failure, said in AutoML terms; None when another failure says it better."""
    path: Path = failure.path
    severity: Severity = "warning" if failure.warn else "error"
    schema = failure.facts
    instance = failure.instance
    keyword = failure.keyword
    if keyword == "additionalProperties" and "propertyNames" in schema:
        return None  # the propertyNames error names the unknown key itself
    code = failure.code
    name = _name(path, schema)

    if code == INVALID_TYPE:
        expected = failure.value
        wanted = " or ".join(_SCHEMA_TYPES.get(t, t) for t in _as_list(expected))
        subject = _name(path, {}) if path else "the document"
        return Located(
            severity,
            code,
            path,
            f"{subject} must be {wanted}, not {json_type(instance)}"
            + _type_hint(subject, _as_list(expected), instance, catalog),
        )
    if code == UNKNOWN_METRIC:
        alias = catalog.metric_for_alias(instance) if isinstance(instance, str) else None
        if alias is not None:
            tail = f"; it is AWS's prose name for {alias.name!r}: use {alias.name!r}"
        elif isinstance(instance, str) and suggest(instance, catalog.metric_names):
            tail = _hint(instance, catalog.metric_names)
        else:
            tail = _hint(instance, ()) + "; valid: " + ", ".join(catalog.metric_names)
        return Located(
            severity, code, path, f"MetricName {shown(instance)} is not a valid metric{tail}"
        )
    if code == METRIC_NOT_ALLOWED:
        rule = catalog.problem_type(schema["x-problem-type"])
        context = (
            f"ProblemType {rule.name!r}"
            if rule.is_tabular
            else f"problem type {rule.name!r} ({rule.job_config})"
        )
        guess = suggest(str(instance), rule.allowed)
        tail = f"; did you mean {guess!r}?" if guess and guess != instance else ""
        return Located(
            severity,
            code,
            path,
            f"MetricName {shown(instance)} is not allowed for {context}; "
            f"allowed: {', '.join(rule.allowed)}{tail}",
        )
    if code == OBJECTIVE_IGNORED:
        return Located(
            severity,
            code,
            path,
            f"MetricName {shown(instance)} has no effect for problem type "
            f"{schema.get('x-problem-type', '?')!r}, which does not use AutoMLJobObjective; "
            "remove it",
        )
    if code == UNKNOWN_PROBLEM_TYPE:
        valid = catalog.tabular_problem_types
        return Located(
            severity,
            code,
            path,
            f"ProblemType {shown(instance)} is not valid (valid: {', '.join(valid)})"
            f"{_hint(instance, valid)}",
        )
    if code == UNKNOWN_JOB_CONFIG:
        configs = catalog.job_configs
        return Located(
            severity,
            code,
            (*path, str(instance)),
            f"AutoMLProblemTypeConfig has no member {shown(instance)} (valid: {', '.join(configs)})"
            f"{_hint(instance, configs)}",
            at_key=True,
        )
    if code == PROBLEM_TYPE_CONFIG:
        held_configs = list(instance) if isinstance(instance, dict) else []
        held = ", ".join(shown_name(k) for k in held_configs[:5])
        held += ", ..." if held_configs[5:] else ""
        what = f"{len(held_configs)}: {held}" if held_configs else "none"
        return Located(
            severity,
            code,
            path,
            f"AutoMLProblemTypeConfig must hold exactly one problem-type config; it holds {what}",
        )
    if code == INCOMPLETE_PAIR:
        return _incomplete_pair(severity, path, keyword, instance, catalog)
    if code == UNKNOWN_DOCUMENT:
        keys = catalog.document_keys
        # The first near miss among the first members: a document of 100,000 members must
        # not cost a suggestion search each.
        members = itertools.islice(instance if isinstance(instance, dict) else (), 100)
        near = [
            f"{shown(k)} looks like {guess!r}"
            for k in members
            if (guess := suggest(str(k), keys)) is not None
        ][:1]
        return Located(
            severity,
            code,
            path,
            "not an AutoMLJobObjective, CreateAutoMLJob or CreateAutoMLJobV2 document: it has "
            f"none of the members that identify one ({', '.join(keys)})"
            + (f"; {near[0]}" if near else ""),
        )
    if keyword == "additionalProperties" and isinstance(instance, dict):
        unknown = _unknown_members(severity, path, name, schema, instance)
        return unknown[0] if unknown else None
    if keyword == "required" and isinstance(instance, dict):
        missing = _missing_members(severity, path, name, schema, instance)
        return missing[0] if missing else None
    if keyword == "enum" and isinstance(failure.value, (list, tuple)):
        values = [str(v) for v in failure.value]
        return Located(
            severity,
            INVALID_VALUE,
            path,
            f"{name} {shown(instance)} is not valid (valid: {', '.join(values)})"
            f"{_hint(instance, values)}",
        )
    if keyword in ("enum", "const"):
        return Located(severity, INVALID_VALUE, path, f"{name}: {library_message(failure)}")
    if keyword in ("pattern", "x-unicode-pattern") and "x-aws-pattern" in schema:
        return Located(severity, SCHEMA_VIOLATION, path, _pattern_message(name, instance, schema))
    return Located(severity, SCHEMA_VIOLATION, path, f"{name}: {library_message(failure)}")


def explain_all(failure: Failure, catalog: Catalog) -> list[Located]:
    """Every finding one failure holds: an ``additionalProperties`` failure covers all the
    unknown (a ``required`` one all the missing) members of an object, each its own finding."""
    first = explain(failure, catalog)
    if first is None:
        return []
    instance = failure.instance
    schema = failure.facts
    path: Path = failure.path
    if not isinstance(instance, dict):
        return [first]
    if first.code == UNKNOWN_MEMBER and failure.keyword == "additionalProperties":
        return _unknown_members(first.severity, path, _name(path, schema), schema, instance)
    if first.code == MISSING_MEMBER and failure.keyword == "required":
        return _missing_members(first.severity, path, _name(path, schema), schema, instance)
    return [first]


def _unknown_members(
    severity: Severity, path: Path, name: str, schema: Mapping[str, Any], instance: dict[str, Any]
) -> list[Located]:
    known = list(schema.get("properties", {}))
    required = _as_list(schema.get("required", []))
    found = []
    for key in (k for k in instance if k not in known):
        message = f"unknown member {shown(key)} in {name} (allowed: {', '.join(known)})"
        message += _hint(key, known)
        guess = suggest(key, known)
        if guess in required and guess not in instance:
            message += f" ({guess} is required and missing)"
        found.append(Located(severity, UNKNOWN_MEMBER, (*path, key), message, at_key=True))
    return found


def _missing_members(
    severity: Severity, path: Path, name: str, schema: Mapping[str, Any], instance: dict[str, Any]
) -> list[Located]:
    """One finding per missing member, but none for a member an unknown one misspells: the
    unknown member's finding names it (and a finding at 1:1 would only repeat it)."""
    known = list(schema.get("properties", {}))
    closed = schema.get("additionalProperties") is False  # else other members are no typos
    misspelt = {suggest(key, known) for key in instance if key not in known} if closed else set()
    return [
        Located(severity, MISSING_MEMBER, path, f"{name} is missing required member {key!r}")
        for key in _as_list(schema.get("required", []))
        if key not in instance and key not in misspelt
    ]


def _type_hint(subject: str, expected: list[Any], instance: Any, catalog: Catalog) -> str:
    """The likely fix for a value of the wrong type."""
    if "integer" in expected and isinstance(instance, float) and instance.is_integer():
        return f"; write {int(instance)} (botocore rejects a number with a decimal point)"
    if "string" in expected and isinstance(instance, bool):
        return "; in YAML, unquoted no, yes, on, off, true and false are booleans: quote the value"
    if subject == "MetricName" and "string" in expected:
        return "; valid: " + ", ".join(catalog.metric_names)
    return ""


def _pattern_message(name: str, instance: Any, schema: Mapping[str, Any]) -> str:
    """What an AWS pattern allows, in words where the schema has them, else AWS's pattern."""
    allowed = schema.get("x-pattern-description")
    rule = f"AWS allows {allowed}" if allowed else f"AWS's pattern is {schema['x-aws-pattern']}"
    return f"{name} {shown(instance)} is not valid: {rule}{_hint(instance, ())}"


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


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


def _incomplete_pair(
    severity: Severity, path: Path, keyword: Any, instance: Any, catalog: Catalog
) -> Located:
    both = "give both or neither"
    if keyword == "dependentRequired" and isinstance(instance, dict):  # V1, top level
        if "ProblemType" in instance:
            return Located(
                severity,
                INCOMPLETE_PAIR,
                (*path, "ProblemType"),
                f"ProblemType {shown(instance['ProblemType'])} is given without "
                "AutoMLJobObjective; "
                f"{both}{_add_default(instance['ProblemType'], catalog)} (the SageMaker Python "
                "SDK rejects one without the other)",
            )
        return Located(
            severity,
            INCOMPLETE_PAIR,
            (*path, "AutoMLJobObjective"),
            f"AutoMLJobObjective is given without ProblemType; {both} (the SageMaker Python SDK "
            "rejects one without the other)",
        )
    if path and path[-1] == "TabularJobConfig":  # V2: the objective is there, ProblemType not
        return Located(
            severity,
            INCOMPLETE_PAIR,
            path,
            f"AutoMLJobObjective is given but TabularJobConfig.ProblemType is not; {both}",
        )
    problem_type: Any = instance
    for member in ("AutoMLProblemTypeConfig", "TabularJobConfig", "ProblemType"):
        problem_type = problem_type.get(member) if isinstance(problem_type, dict) else None
    return Located(
        severity,
        INCOMPLETE_PAIR,
        (*path, "AutoMLProblemTypeConfig", "TabularJobConfig", "ProblemType"),
        f"TabularJobConfig.ProblemType {shown(problem_type)} is given without AutoMLJobObjective; "
        f"{both}{_add_default(problem_type, catalog)}",
    )


# Codes of the schema's generic keywords. Where a rule of the objective schema (which has its
# own code) fails at the same place, the generic finding repeats it less clearly: dropped.
_GENERIC = {UNKNOWN_MEMBER, INVALID_VALUE, SCHEMA_VIOLATION}


def one_per_cause(items: Iterable[Located | None]) -> list[Located]:
    """Drop findings that another finding already explains, and exact repeats.

    Linear in the number of findings: each is checked against sets keyed by path.
    """
    unique = [item for item in dict.fromkeys(items) if item is not None]
    specific = {f.path for f in unique if f.code not in _GENERIC}
    unique = [f for f in unique if f.code not in _GENERIC or f.path not in specific]
    type_errors = {f.path for f in unique if f.code == INVALID_TYPE}
    codes_at: dict[Path, set[str]] = {}
    for item in unique:
        codes_at.setdefault(item.path, set()).add(item.code)
    kept = []
    for item in unique:
        if item.code != INVALID_TYPE and any(
            item.path[:depth] in type_errors for depth in range(len(item.path) + 1)
        ):
            continue  # a value of the wrong type: what is inside it does not matter
        if any(item.code in _SUPERSEDES.get(code, ()) for code in codes_at[item.path]):
            continue
        kept.append(item)
    return kept
