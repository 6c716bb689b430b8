"""Findings: what is wrong, where, and how to say it in the user's terms.

A failure speaks about keywords; a finding speaks about AutoML. The schema marks each rule
with an ``x-code`` annotation, so the code of a finding comes from the rule that failed, and the
message is written for that code here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from automl_objective.base.quoting import shown_name
from automl_objective.check.failures import WARN_KEYWORD

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


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    pointer: str
    line: int | None
    column: int | None
    message: str
    cell: int | None = None
    """The notebook cell (1-based, counting every cell) that ``line`` is in; None elsewhere."""

    def as_dict(self) -> dict[str, Any]:
        found = {
            "severity": self.severity,
            "code": self.code,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }
        return found if self.cell is None else {**found, "cell": self.cell}


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


def hint(value: Any, candidates: Sequence[str]) -> str:
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


def member_name(path: Path, schema: Mapping[str, Any]) -> str:
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


def as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


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
