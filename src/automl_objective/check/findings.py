"""Findings before they have a place: :class:`Located` (the path in the document, not yet a
line and column), the rule that drops a finding another one already says better
(:func:`one_per_cause`), and the helpers the messages are worded with (:func:`suggest`,
:func:`hint`, :func:`member_name`). The messages themselves are written in
:mod:`automl_objective.check.messages`; a finding is placed in the file by
:mod:`automl_objective.check.checker`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from operator import itemgetter

from automl_objective.base.codes import Code
from automl_objective.base.patterns import on_first_use
from automl_objective.base.quoting import shown_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple

    from automl_objective.base.codes import Severity
else:  # the same class, without importing typing (base/records.py)
    from automl_objective.base.records import NamedTuple

Path = tuple[str | int, ...]

# A finding with the key code at a pointer makes these codes at the same pointer redundant.
_SUPERSEDES = {
    Code.UNKNOWN_METRIC: {Code.METRIC_NOT_ALLOWED, Code.OBJECTIVE_IGNORED},
}


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
_ODD = on_first_use(r"[^!-~]")


def hint(value: Any, candidates: Sequence[str]) -> str:
    """Why a near-valid string is wrong (stray whitespace, a look-alike letter) and the fix."""
    if not isinstance(value, str):
        return ""
    parts = []
    if value != value.strip():
        parts.append("it has leading or trailing whitespace")
    odd = _ODD.search(value.strip())
    if odd:
        import unicodedata  # a C library loaded only for a name with such a character

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


class Located(NamedTuple):
    """A finding before its position is looked up: the path and whether to point at the key.

    A named tuple, not a dataclass: a document with findings builds one per finding, and
    :func:`one_per_cause` hashes and compares each (as a tuple, in C)."""

    severity: Severity
    code: Code
    path: Path
    message: str
    at_key: bool = False
    says_most: bool = False
    """Of several ``schema-violation`` findings about one value (too short, and not matching
    its pattern), the one that says what the value should be: the one kept."""


class Findings(list[Located]):
    """A document's findings, and the runs the wording made among them (``runs``): each
    the findings of one run (a list of the very objects) and the token of their paths that
    is the items' index, one larger each time, all else alike (so placed as one unit: see
    :mod:`automl_objective.check.run_placing`). Findings dropped, or added, after the
    wording leave a run's findings in their order; where they are found again whole, equal
    one for one, they are placed as a run without a search for it."""

    __slots__ = ("runs",)

    def __init__(self, findings: list[Located], runs: list[tuple[list[Located], int]]) -> None:
        super().__init__(findings)
        self.runs = runs


def as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


# Codes of the schema's generic keywords. Where a rule of the objective schema (which has its
# own code) fails at the same place, the generic finding repeats it less clearly: dropped.
_GENERIC = {Code.UNKNOWN_MEMBER, Code.INVALID_VALUE, Code.SCHEMA_VIOLATION}


def _one_per_value(items: list[Located]) -> list[Located]:
    """One ``schema-violation`` finding per value: the one that says most (its pattern in
    words), else the first."""
    violations = [item for item in items if item.code == Code.SCHEMA_VIOLATION]
    if len({item.path for item in violations}) == len(violations):
        return items  # one a value already: none to drop
    chosen: dict[Path, Located] = {}
    for item in violations:
        kept = chosen.get(item.path)
        if kept is None or (item.says_most and not kept.says_most):
            chosen[item.path] = item
    return [i for i in items if i.code != Code.SCHEMA_VIOLATION or chosen[i.path] is i]


def one_per_cause(items: Iterable[Located | None]) -> list[Located]:
    """Drop findings that another finding already explains, and exact repeats: a generic
    finding where a specific one is at the same path, all but one ``schema-violation`` of a
    value, what is inside a value of the wrong type, what a finding at its path supersedes.

    Linear in the number of findings, in two passes: one gathers what the rules need (the
    paths of the specific findings, of the type errors, what is superseded), the other keeps
    what no rule drops. Each rule is applied only where the codes present can make it drop
    something.
    """
    distinct = dict.fromkeys(items)
    distinct.pop(None, None)
    unique: list[Located] = list(distinct)  # type: ignore[arg-type]  # None popped
    if len(unique) < 2:
        return unique
    specific, type_errors, superseded, generic, violations = _gathered(unique)
    if violations > 1:
        unique = _one_per_value(unique)
    if not (generic and specific) and not type_errors and not superseded:
        return unique
    depths = sorted(set(map(len, type_errors)))  # a prefix can only be this long
    kept = []
    for item in unique:
        code, path = item.code, item.path
        if code in _GENERIC and path in specific:
            continue  # a specific finding at the same path says it more clearly
        if type_errors and code != INVALID_TYPE and _inside(path, type_errors, depths):
            continue  # a value of the wrong type: what is inside it does not matter
        if superseded and (path, code) in superseded:
            continue
        kept.append(item)
    return kept


def _gathered(
    unique: list[Located],
) -> tuple[set[Path], set[Path], set[tuple[Path, Code]], int, int]:
    """What the rules of :func:`one_per_cause` need: the paths of the findings of a rule's
    own code, and of the type errors, the (path, code) pairs superseded, how many findings
    are generic and how many of those are ``schema-violation``. Many findings, all generic
    (a long list's items of one wrong value), are counted so in C: no rule's own code."""
    if len(unique) >= _MANY:
        codes = list(map(_CODE_OF, unique))
        generic = sum(map(codes.count, _GENERIC))  # equal codes, as the set tells them
        if generic == len(codes):
            return set(), set(), set(), generic, codes.count(_VIOLATION)
    specific: set[Path] = set()
    type_errors: set[Path] = set()
    superseded: set[tuple[Path, Code]] = set()
    generic = violations = 0
    for item in unique:
        code = item.code
        if code in _GENERIC:
            generic += 1
            violations += code == _VIOLATION
            continue
        specific.add(item.path)
        if code == INVALID_TYPE:
            type_errors.add(item.path)
        elif code in _SUPERSEDES:
            superseded.update(zip(repeat(item.path), _SUPERSEDES[code]))
    return specific, type_errors, superseded, generic, violations


INVALID_TYPE = Code.INVALID_TYPE
_VIOLATION = Code.SCHEMA_VIOLATION
_MANY = 64
"""The fewest findings first counted by their codes in C (:func:`_gathered`)."""
_CODE_OF = itemgetter(1)  # a Located's code


def _inside(path: Path, paths: set[Path], depths: list[int]) -> bool:
    """Whether ``path`` is one of ``paths`` or inside one (their lengths: ``depths``)."""
    for depth in depths:
        if depth > len(path):
            return False
        if path[:depth] in paths:
            return True
    return False
