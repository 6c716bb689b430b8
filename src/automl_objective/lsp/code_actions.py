"""Quick fixes for what findings say today, each editing only the text it must.

A finding carries its code, its place, its pointer and its message; the fix is read from
the code, the pointer and the document, so that rewording a message never changes a fix: the
value written at the place, the problem type of the request around it, the members written
beside it. The message only adds what the document cannot say: the problem type the checker
found (followed through names the document does not show) and the name a ``did you mean``
suggests (else the closest known metric or problem type). A fix is offered only where the
value written at the place is all of the value, so a fix never edits anything else (a value
built from pieces, an f-string, is left alone), and never writes a member twice. Quotes and
their style stay as written: the new name goes between them; a member added is written as
the members beside it are (a keyword argument, a quoted key, a YAML block or flow).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from automl_objective.api import Catalog
from automl_objective.lsp.checked_units import Part
from automl_objective.lsp.diagnostics import Placed
from automl_objective.lsp.lexer import token_at
from automl_objective.lsp.members import (
    BLOCK,
    KEYWORD,
    Member,
    enclosing_member,
    key_before,
    member_at,
    yaml_parent,
)
from automl_objective.lsp.request_context import problem_type_at
from automl_objective.lsp.value_spans import YAML, Span, value_span

FIX_ALL = "source.fixAll.automl-objective"

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


_WHOLE_VALUE_ENDS = frozenset({",", ")", "]", "}", ":", "="})
"""What may follow a whole value (or a member name: its `:` or `=`)."""


def _is_whole(part: Part, span: Span) -> bool:
    """Whether the value at ``span`` is all of the value written there: not a piece of a
    concatenation or an expression, not an f-string or bytes."""
    if part.language == YAML:
        return True
    if set(span.quote.lower()) & set("fbt"):
        return False
    after = token_at(part.text, span.end)
    return after is None or after.text in _WHOLE_VALUE_ENDS


def _value(part: Part, placed: Placed) -> tuple[Span, str] | None:
    """The value (or member name) written at the finding's place, and its span: what the
    document says there, if it is all of that value; a member name must be the one the
    pointer ends with."""
    span = value_span(part.text, placed.start, part.language)
    if span is None or not _is_whole(part, span):
        return None
    written = part.text[span.content_start : span.content_end]
    segments = _segments(placed.finding.pointer)
    if placed.finding.code in _RENAMED and segments[-1:] != [written]:
        return None
    return (span, written) if _SAFE_NAME.fullmatch(written) else None


def _metric_choices(part: Part, placed: Placed, catalog: Catalog) -> tuple[list[str], str | None]:
    """The metrics accepted by the problem type a metric is not allowed for (the one the
    finding names, else the one the request around it names), its default first, and that
    default."""
    named = _PROBLEM_TYPE.search(placed.finding.message)
    problem_type = named.group(1) if named else None
    if problem_type not in catalog.problem_type_names:
        problem_type = problem_type_at(part.text, placed.start, part.language, catalog)
    if problem_type is None:
        return [], None
    rule = catalog.problem_type(problem_type)
    rest = [name for name in rule.allowed if name != rule.default]
    return ([rule.default, *rest] if rule.default is not None else rest), rule.default


def _suggestion(code: str, old: str, message: str, catalog: Catalog) -> str | None:
    """The name the finding suggests, else the closest known one (metrics, problem types)."""
    suggested = _SUGGESTED.search(message)
    if suggested is not None:
        return suggested.group(1)
    names: tuple[str, ...] = ()
    if code == "unknown-metric":
        names = tuple(catalog.metric_names)
    elif code == "unknown-problem-type":
        names = tuple(catalog.problem_type_names)
    close = difflib.get_close_matches(old, names, 1, 0.6)
    return close[0] if close else None


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
    code = placed.finding.code
    suggestion = _suggestion(code, old, placed.finding.message, catalog)
    choices, default = (
        _metric_choices(part, placed, catalog) if code == "metric-not-allowed" else ([], None)
    )
    if code in _RENAMED and suggestion is not None:
        member = _unknown_member(part, placed)
        if member is None or suggestion in member.siblings:
            return []  # a rename would write the member twice
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


def _quote_of(text: str) -> str:
    """The quote a YAML document writes its quoted values with (double, unless it uses
    single quotes more)."""
    single, double = text.count(": '"), text.count(': "')
    return "'" if single > double else '"'


def _quote_boolean(part: Part, placed: Placed) -> list[Fix]:
    """A plain YAML value read as a boolean where a string is meant: quoted, in the quotes
    the document uses."""
    if part.language != YAML:
        return []
    span = value_span(part.text, placed.start, part.language)
    if span is None or span.quote:
        return []
    written = part.text[span.start : span.end]
    if not _YAML_BOOLEAN.fullmatch(written):
        return []
    quote = _quote_of(part.text)
    title = f"Quote {written} (a string, not a boolean)"
    return [Fix(title, span.start, span.end, f"{quote}{written}{quote}", True)]


def _segments(pointer: str) -> list[str]:
    return [s.replace("~1", "/").replace("~0", "~") for s in pointer.split("/")[1:]]


TYPO_DISTANCE = 2
"""An unknown member is taken for a misspelling of a member beside it only this close (edits
of one character each), or the same name in another case or with ``_`` and ``-`` left out:
the checker's ``did you mean`` reaches further (``S3DataDistributionType`` for
``S3DataType``), and removing a member that means something else loses what it says."""


def _distance(one: str, two: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), for short names."""
    previous = list(range(len(two) + 1))
    for row, char in enumerate(one, start=1):
        current = [row]
        for column, other in enumerate(two, start=1):
            cost = previous[column - 1] + (char != other)
            current.append(min(previous[column] + 1, current[column - 1] + 1, cost))
        previous = current
    return previous[-1]


def _misspells(name: str, given: str) -> bool:
    def folded(text: str) -> str:
        return text.lower().replace("_", "").replace("-", "")

    return folded(name) == folded(given) or _distance(name, given) <= TYPO_DISTANCE


def _unknown_member(part: Part, placed: Placed) -> Member | None:
    """The unknown member at the finding's place, if it is the one the pointer names."""
    segments = _segments(placed.finding.pointer)
    member = member_at(part.text, placed.start, part.language)
    if not segments or member is None or member.name != segments[-1]:
        return None
    return member


def _already_given(part: Part, placed: Placed) -> list[Fix]:
    """An unknown member that misspells a member given beside it: removed, with its
    separator or its own lines."""
    member = _unknown_member(part, placed) if placed.finding.code == "unknown-member" else None
    if member is None:
        return []
    given = sorted(
        (_distance(member.name.lower(), other.lower()), other)
        for other in member.siblings
        if _misspells(member.name, other)
    )
    if not given:
        return []
    start, end = member.removal
    return [Fix(f"Remove '{member.name}' ({given[0][1]} is given)", start, end, "", True)]


def _problem_type_written(part: Part, placed: Placed, catalog: Catalog) -> str | None:
    """The problem type at the finding's place, or where the value there is defined."""
    for offset in (placed.start, *(o.start for o in placed.related if o.uri == part.uri)):
        span = value_span(part.text, offset, part.language)
        if span is not None:
            written = part.text[span.content_start : span.content_end]
            if written in catalog.problem_type_names:
                return written
    return None


def _anchor(part: Part, placed: Placed, v2: bool) -> Member | None:
    """The member after which the objective goes: the ProblemType (V1), or the
    AutoMLProblemTypeConfig that holds it (V2)."""
    key = key_before(part.text, placed.start, part.language)
    if key is None:
        return None
    member = member_at(part.text, key, part.language)
    if member is None or member.name != "ProblemType" or not v2:
        return member
    if part.language == YAML and member.style == BLOCK:
        return yaml_parent(part.text, key, 2)
    return enclosing_member(part.text, key, 2) if part.language != YAML else None


def _indent_step(text: str) -> str:
    found = re.search(r"^[A-Za-z_\"'][^\n]*:[ \t]*\r?\n( +)[A-Za-z_\"']", text, re.MULTILINE)
    return found.group(1) if found else "  "


def _objective_text(part: Part, anchor: Member, metric: str, quote: str) -> str:
    """``AutoMLJobObjective`` with ``metric``, written as the anchor member is."""
    text = part.text
    newline = "\r\n" if "\r\n" in text else "\n"
    if anchor.style == BLOCK:
        step = _indent_step(text)
        return (
            f"{newline}{anchor.indent}AutoMLJobObjective:"
            f"{newline}{anchor.indent}{step}MetricName: {quote}{metric}{quote}"
        )
    key_quote = anchor.quote if anchor.style != KEYWORD else ""
    if part.language != YAML and anchor.style != KEYWORD:
        key_quote = key_quote or '"'
    name_quote = quote if part.language != YAML else ""
    value = f"{{{name_quote}MetricName{name_quote}: {quote}{metric}{quote}}}"
    key = (
        f"AutoMLJobObjective={value}"
        if anchor.style == KEYWORD
        else f"{key_quote}AutoMLJobObjective{key_quote}: {value}"
    )
    separator = f",{newline}{anchor.indent}" if anchor.indent else ", "
    return separator + key


def _add_objective(part: Part, placed: Placed, catalog: Catalog) -> list[Fix]:
    """A problem type given without AutoMLJobObjective: its default metric added."""
    segments = _segments(placed.finding.pointer)
    if placed.finding.code != "incomplete-pair" or segments[-1:] != ["ProblemType"]:
        return []
    problem_type = _problem_type_written(part, placed, catalog)
    default = catalog.problem_type(problem_type).default if problem_type else None
    if problem_type is None or default is None:
        return []
    v2 = segments[-3:-1] == ["AutoMLProblemTypeConfig", "TabularJobConfig"]
    anchor = _anchor(part, placed, v2)
    wanted = "AutoMLProblemTypeConfig" if v2 else "ProblemType"
    if anchor is None or anchor.name != wanted or "AutoMLJobObjective" in anchor.siblings:
        return []
    span = value_span(part.text, placed.start, part.language)
    quote = span.quote if span is not None and len(span.quote) == 1 else ""
    if part.language != YAML:
        quote = quote or '"'
    direction = catalog.metric(default).direction
    return [
        Fix(
            f"Add AutoMLJobObjective {{MetricName: {default}}} ({direction}, the default "
            f"for {problem_type})",
            anchor.value_end,
            anchor.value_end,
            _objective_text(part, anchor, default, quote),
            True,
        )
    ]


def fixes_for(part: Part, placed: Placed, catalog: Catalog) -> list[Fix]:
    """The fixes of one finding, the preferred one marked."""
    code = placed.finding.code
    if code == "unknown-member":
        return _already_given(part, placed) or _replacements(part, placed, catalog)
    if code in _RENAMED or code in _REPLACED:
        return _replacements(part, placed, catalog)
    if code == "invalid-type":
        return _quote_boolean(part, placed)
    if code == "incomplete-pair":
        return _add_objective(part, placed, catalog)
    return []


def fix_all(part: Part, placed: list[Placed], catalog: Catalog) -> list[Fix]:
    """Each finding's preferred fix, those that do not overlap an earlier one."""
    chosen: list[Fix] = []
    preferred = [fix for item in placed for fix in fixes_for(part, item, catalog) if fix.preferred]
    for fix in sorted(preferred, key=lambda f: (f.start, f.end)):
        if not chosen or fix.start >= chosen[-1].end:
            chosen.append(fix)
    return chosen
