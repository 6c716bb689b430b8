"""Quick fixes for what findings say today, each editing only the value's own text.

A finding carries its code, its place and its message; the fix is read from them: the value
it names (its first quoted name), the problem type a metric is not allowed for, the name a
``did you mean`` suggests. A fix is offered only where the text at the finding's place is
that value, so a fix never edits anything else (a value built from pieces, an f-string, is
left alone). Quotes and their style stay as written: the new name goes between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automl_objective.api import Catalog
from automl_objective.lsp.checked_units import Part
from automl_objective.lsp.diagnostics import Placed
from automl_objective.lsp.value_spans import YAML, Span, value_span

FIX_ALL = "source.fixAll.automl-objective"

_NAMED = re.compile(r"'([^'\\]*)'")
_PROBLEM_TYPE = re.compile(r"(?:ProblemType|problem type) '(\w+)'")
_SUGGESTED = re.compile(r"(?:did you mean|: use) '([^'\\]*)'")
_SAFE_NAME = re.compile(r"[A-Za-z0-9_]+")
_YAML_BOOLEAN = re.compile(r"(?i:y|yes|n|no|true|false|on|off)")
_RENAMED = frozenset({"unknown-member", "unknown-job-config"})
_REPLACED = frozenset({"unknown-metric", "unknown-problem-type", "metric-not-allowed"})


@dataclass(frozen=True)
class Fix:
    title: str
    start: int
    end: int
    new_text: str
    preferred: bool


def _value(part: Part, placed: Placed) -> tuple[Span, str] | None:
    """The value the finding names, and its span, if that is what is written there."""
    named = _NAMED.search(placed.finding.message)
    span = value_span(part.text, placed.start, part.language)
    if named is None or span is None:
        return None
    if part.text[span.content_start : span.content_end] != named.group(1):
        return None
    return span, named.group(1)


def _metric_choices(message: str, catalog: Catalog) -> tuple[list[str], str | None]:
    """The metrics accepted by the problem type a metric-not-allowed finding names, its
    default first, and that default."""
    named = _PROBLEM_TYPE.search(message)
    if named is None or named.group(1) not in catalog.problem_type_names:
        return [], None
    rule = catalog.problem_type(named.group(1))
    rest = [name for name in rule.allowed if name != rule.default]
    return ([rule.default, *rest] if rule.default is not None else rest), rule.default


def _title(code: str, old: str, name: str, default: str | None, catalog: Catalog) -> str:
    title = f"Rename '{old}' to '{name}'" if code in _RENAMED else f"Replace '{old}' with '{name}'"
    if code == "metric-not-allowed" and name in catalog.metric_names:
        title += f" ({catalog.metric(name).direction}{', the default' if name == default else ''})"
    return title


def _replacements(part: Part, placed: Placed, catalog: Catalog) -> list[Fix]:
    found = _value(part, placed)
    if found is None:
        return []
    span, old = found
    message, code = placed.finding.message, placed.finding.code
    suggested = _SUGGESTED.search(message)
    suggestion = suggested.group(1) if suggested else None
    choices, default = (
        _metric_choices(message, catalog) if code == "metric-not-allowed" else ([], None)
    )
    if suggestion is not None and suggestion not in choices:
        choices.insert(0, suggestion)
    preferred = suggestion or default
    return [
        Fix(
            _title(code, old, name, default, catalog),
            span.content_start,
            span.content_end,
            name,
            name == preferred,
        )
        for name in choices
        if _SAFE_NAME.fullmatch(name) and name != old
    ]


def _quote_boolean(part: Part, placed: Placed) -> list[Fix]:
    if part.language != YAML or "in YAML, unquoted" not in placed.finding.message:
        return []
    span = value_span(part.text, placed.start, part.language)
    if span is None or span.quote:
        return []
    written = part.text[span.start : span.end]
    if not _YAML_BOOLEAN.fullmatch(written):
        return []
    return [
        Fix(
            f"Quote {written} (a string, not a boolean)", span.start, span.end, f'"{written}"', True
        )
    ]


def fixes_for(part: Part, placed: Placed, catalog: Catalog) -> list[Fix]:
    """The fixes of one finding, the preferred one marked."""
    code = placed.finding.code
    if code in _RENAMED or code in _REPLACED:
        return _replacements(part, placed, catalog)
    if code == "invalid-type":
        return _quote_boolean(part, placed)
    return []


def fix_all(part: Part, placed: list[Placed], catalog: Catalog) -> list[Fix]:
    """Each finding's preferred fix, those that do not overlap an earlier one."""
    chosen: list[Fix] = []
    preferred = [fix for item in placed for fix in fixes_for(part, item, catalog) if fix.preferred]
    for fix in sorted(preferred, key=lambda f: (f.start, f.end)):
        if not chosen or fix.start >= chosen[-1].end:
            chosen.append(fix)
    return chosen
