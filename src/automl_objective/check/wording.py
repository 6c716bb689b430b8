"""A failure's words, remembered: the same mistake in many files (or in every item of a long
list) is worded once.

The message functions (:mod:`automl_objective.check.messages`) read a failure's fields and
the catalog, nothing else, so equal inputs give equal words. A failure is remembered by
everything it holds: its code, keyword and severity; its schema node and its keyword's value
(the same objects: the compiled checks keep one of each per node); its instance, compared
with its types (``1``, ``1.0`` and ``True`` are three values; a float by its text, so
``-0.0`` is not ``0.0``), or only by its type and member names where the words read no
more (:data:`NAMES_ONLY`; :data:`PROBLEM_TYPE_ONLY`: by its ``ProblemType``); and its
path, except the array indices along it, which the findings' paths take from the failure
itself. An instance that is large (over
:data:`MAX_NODES` values, or :data:`MAX_NAMES` names) or not plain JSON (an open object of
code, say) is not remembered, nor is a failure with a finding placed outside its path. The
tests compare remembered and fresh words on every fixture, check that the words ignore the
indices along the path, and that the words of a :data:`NAMES_ONLY` failure ignore the values.
"""

from __future__ import annotations

from collections.abc import Hashable
from itertools import repeat
from operator import add, itemgetter

from automl_objective.check import messages
from automl_objective.check.catalog import Catalog
from automl_objective.check.failures import Failure
from automl_objective.check.findings import Findings, Located, Path, one_per_cause

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for the type checker: a finding's process never imports typing
    from typing import Any

    from automl_objective.base.codes import Severity

    Words = list[tuple[Any, Any, Path, str, bool, bool]]
    """What a failure's findings are, each with only the path below the failure's own."""
    Entry = tuple[Any, Any, Catalog, Words, Path, list[Located]]
    """A remembered failure: its node and keyword value (kept, so that their ids, in the
    key, stay theirs), the catalog, the findings as :data:`Words`, and the path and findings
    of the failure remembered (given back as they are to a failure at that same path)."""

MAX_NODES = 16
"""The largest instance remembered, in values (its members and items count): a larger one
rarely repeats, and 64 held 3.5 MiB more on the 70% corpus for no more time saved."""
MAX_ENTRIES = 2_000
"""Remembered failures; the memory is emptied when full."""

_LOCATED_FIELDS = ("severity", "code", "path", "message", "at_key", "says_most")
_REMEMBERS = Located._fields == _LOCATED_FIELDS
"""Whether a remembered finding can be rebuilt whole (a new field of Located, until this
module learns to rebuild it, turns the memory off rather than lose it)."""

NAMES_ONLY = frozenset(
    {
        ("unknown-member", "additionalProperties"),
        ("missing-member", "required"),
        ("invalid-type", "type"),
        ("problem-type-config", "minProperties"),
        ("problem-type-config", "maxProperties"),
        ("unknown-document", "not"),
    }
)
"""The (code, keyword) pairs whose words read an object's member names, never its members'
values: such a failure is remembered by its object's type and names, however large the
values are (a request's unknown member at its root). The tests change the values of every
such failure of the fixtures and check that the words stay."""
PROBLEM_TYPE_ONLY = ("incomplete-pair", "dependentRequired")
"""The (code, keyword) pair whose words read only whether its object holds ``ProblemType``
and that member's value (a V1 request lacking half its objective pair): such a failure is
remembered by those two, not by the whole request. The tests change the request's other
members and check that the words stay."""
MAX_NAMES = 64
"""The most member names a failure is remembered by."""

_MEMORY: dict[Hashable, Entry] = {}
_NEW = tuple.__new__  # a Located from all its fields (as Located._make, without the call)
_LAST: tuple[Any, Any, Any] = (None, None, None)
"""The last failure looked up, its path's shape and its entry: a failure that differs from
it only by the indices along its path (the items of a list failing alike) has its key, so
its entry, without the key being built (the same objects as instance, node and value). It
keeps that one failure's value alive until the next lookup: one value, whatever the run."""


class _TooLarge(Exception):
    pass


def findings_of(failures: list[Failure], catalog: Catalog) -> list[Located]:
    """The findings of a document's failures, one per cause (see
    :func:`~automl_objective.check.findings.one_per_cause`), each failure worded by
    :func:`explain_remembered`; a failure whose finding is known before its words
    (:data:`~automl_objective.check.messages.PLAIN_CODES`) is worded only if one-per-cause
    keeps that finding, and one that another failure says (``said_by_another``: no words)
    is not looked up (keying its object would cost more than knowing that). With runs
    worded as one, the findings are :class:`~automl_objective.check.findings.Findings`,
    holding each run's findings for the placing."""
    found: list[Located] = []
    if len(failures) >= SHORTEST_RUN and (runs := _runs(failures)):
        made: list[tuple[list[Located], int]] = []  # the runs worded as one
        unworded = _word_runs(failures, runs, catalog, found, made)
        kept = one_per_cause(found)
        return Findings(_worded(kept, catalog) if unworded else kept, made)
    unworded = _word_each(failures, catalog, found)
    kept = one_per_cause(found)
    return _worded(kept, catalog) if unworded else kept


def _word_each(failures: list[Failure], catalog: Catalog, found: list[Located]) -> bool:
    """Append the findings of each failure to ``found``; whether one is left unworded."""
    unworded = False
    plain_codes, plain_keywords = messages.PLAIN_CODES, messages.PLAIN_KEYWORDS
    for failure in failures:
        keyword = failure[3]
        code = plain_codes.get((failure[0], keyword)) if keyword in plain_keywords else None
        if code is not None:
            severity: Severity = "warning" if failure[1] else "error"
            found.append(
                _NEW(Located, (severity, code, failure[2], _Unworded(failure), False, False))
            )
            unworded = True
        elif keyword != "additionalProperties" or not messages.said_by_another(keyword, failure[6]):
            found += explain_remembered(failure, catalog)
    return unworded


SHORTEST_RUN = 32
"""The fewest failures worded as a run (:func:`_word_run`)."""
_PATH = itemgetter(2)


def _runs(failures: list[Failure]) -> list[tuple[int, int, int]]:
    """The runs of failures worded as one: those known as the failures were made
    (:func:`~automl_objective.check.alike.runs_known`), else those found (imported by a
    document of many failures only)."""
    from automl_objective.check.alike import runs_known
    from automl_objective.check.item_runs import WORDING, item_runs, known_runs

    known = runs_known(failures)
    return known_runs(failures, known, SHORTEST_RUN, WORDING) or item_runs(
        failures, SHORTEST_RUN, WORDING
    )


def _word_runs(
    failures: list[Failure],
    runs: list[tuple[int, int, int]],
    catalog: Catalog,
    found: list[Located],
    made: list[tuple[list[Located], int]],
) -> bool:
    """:func:`_word_each`, each run of ``runs`` worded as one (:func:`_word_run`); the
    findings of each run so worded, and the token of their paths that counts up, appended
    to ``made``."""
    unworded = False
    done = 0
    for start, stop, depth in runs:
        unworded |= _word_each(failures[done:start], catalog, found)
        unworded |= _word_run(failures[start:stop], catalog, found, made, depth)
        done = stop
    return _word_each(failures[done:], catalog, found) or unworded


def _word_run(
    run: list[Failure],
    catalog: Catalog,
    found: list[Located],
    made: list[tuple[list[Located], int]],
    depth: int,
) -> bool:
    """Append the findings of a run of failures (:data:`~automl_objective.check.item_runs.
    WORDING`: alike but for one index along their paths) to ``found``; whether one is left
    unworded. The first is worded as any; when it is remembered with one finding, each other
    failure's finding is that one at its own path, as :func:`explain_remembered` rebuilds it
    for a failure like the last one (made here by ``map``, in C), and these findings, a run
    whose token ``depth`` counts up, are appended to ``made``; else each is worded alone."""
    first = run[0]
    before = len(found)
    unworded = _word_each(run[:1], catalog, found)
    last, shape, entry = _LAST
    rest = run[1:]
    paths = list(map(_PATH, rest))
    if (
        unworded
        or len(found) != before + 1
        or (last is not first and not _like(first, last, shape, entry, catalog))
        or len(entry[3]) != 1
        or list(map(type, paths)).count(tuple) != len(paths)
    ):
        return _word_each(rest, catalog, found) or unworded
    ((severity, code, below, message, at_key, most),) = entry[3]
    if below:
        paths = list(map(add, paths, repeat(below)))
    fields = zip(
        repeat(severity), repeat(code), paths, repeat(message), repeat(at_key), repeat(most)
    )
    found += map(_NEW, repeat(Located), fields)
    made.append((found[before:], depth))
    return False


def _like(failure: Failure, last: Any, shape: Any, entry: Any, catalog: Catalog) -> bool:
    """Whether ``failure`` has the last failure's entry (``_LAST``): the same instance, value,
    schema facts, keyword, code and severity, its path alike but for list indices."""
    code, warn, path, keyword, instance, value, facts = failure
    return (
        last is not None
        and instance is last[4]
        and facts is last[6]
        and value is last[5]
        and keyword == last[3]
        and code == last[0]
        and warn == last[1]
        and entry[2] is catalog
        and len(path) == len(last[2])
        and _shape(path) == shape
    )


class _Unworded(str):
    """The message of a finding not worded yet, holding its failure: equal to nothing but
    itself, so that one-per-cause takes no two of them for one repeat (their words, once
    made, may differ)."""

    __hash__ = object.__hash__
    failure: Failure

    def __new__(cls, failure: Failure) -> _Unworded:
        made = super().__new__(cls, "\x00unworded")
        made.failure = failure
        return made

    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other


def _worded(located: list[Located], catalog: Catalog) -> list[Located]:
    """``located`` with each finding kept unworded in its words (the one finding its
    failure's words give), then without exact repeats, as one-per-cause would have left
    them: its rules decide by code and path alone, which the words do not change, so two
    findings that word alike were kept or dropped alike."""
    # found in C: a run's thousands of findings worded already beside one left unworded
    # (the list they are items of too long)
    kinds = list(map(type, map(_MESSAGE, located))) if len(located) > _MANY_WORDED else []
    count = kinds.count(_Unworded)
    if not kinds or count > _FEW_UNWORDED:
        worded: list[Located] = []
        for item in located:
            message = item.message
            if isinstance(message, _Unworded):
                worded += explain_remembered(message.failure, catalog)
            else:
                worded.append(item)
        return list(dict.fromkeys(worded))
    worded, made, done = [], [], 0
    for _ in range(count):
        at = kinds.index(_Unworded, done)
        worded += located[done:at]
        words = explain_remembered(located[at].message.failure, catalog)  # type: ignore[attr-defined]
        made += words
        worded += words
        done = at + 1
    worded += located[done:]
    if any(worded.count(item) > 1 for item in made):  # the others were told apart already
        return list(dict.fromkeys(worded))
    return worded


_MESSAGE = itemgetter(3)
_MANY_WORDED = 16
"""The fewest findings worded among without a walk (fewer are walked)."""
_FEW_UNWORDED = 4
"""The most findings left unworded that are worded among the others without a walk of
them all (each one's repeats are counted in C: a walk of the whole list each)."""


def explain_remembered(failure: Failure, catalog: Catalog) -> list[Located]:
    """:func:`~automl_objective.check.messages.explain_all`, remembered."""
    global _LAST
    last, shape, entry = _LAST
    code, warn, path, keyword, instance, value, facts = failure
    # (_like's first test made here: most failures are not the last one's like, and the
    # call to learn it cost more than the test)
    if last is not None and instance is last[4] and _like(failure, last, shape, entry, catalog):
        # the last failure's key, but for the indices along its path (a list's items
        # failing alike): its entry, no key built
        return _rebuilt(entry, path)
    try:
        key = _key(code, warn, path, keyword, instance, value, facts)
    except _TooLarge:
        return messages.explain_all(failure, catalog)
    entry = _MEMORY.get(key)
    if entry is not None and entry[0] is facts and entry[1] is value and entry[2] is catalog:
        _LAST = (failure, key[-1], entry)
        # the findings remembered when the path is theirs (the common case), without the call
        return entry[5][:] if path == entry[4] else _rebuilt(entry, path)
    return _remembered(failure, catalog, key)


def _remembered(failure: Failure, catalog: Catalog, key: tuple[Hashable, ...]) -> list[Located]:
    """The words of a failure not remembered yet, remembered under ``key`` (unless a finding
    is placed outside its path)."""
    global _LAST
    found = messages.explain_all(failure, catalog)
    words = _below(found, failure.path)
    if words is not None:
        if len(_MEMORY) >= MAX_ENTRIES:
            _MEMORY.clear()
        entry = (failure.facts, failure.value, catalog, words, failure.path, found[:])
        _MEMORY[key] = entry
        _LAST = (failure, key[-1], entry)
    return found


def _rebuilt(entry: Entry, path: Path) -> list[Located]:
    """The findings of a remembered failure, for one at ``path``: those remembered when it
    is theirs, else each with ``path`` before what it adds below it."""
    if path == entry[4]:
        return entry[5][:]
    return [
        _NEW(Located, (s, code, (*path, *below) if below else path, m, at, most))
        for s, code, below, m, at, most in entry[3]
    ]


def _key(
    code: str,
    warn: bool,
    path: Path,
    keyword: str,
    instance: Any,
    value: Any,
    facts: Any,
) -> tuple[Hashable, ...]:
    """What a failure is remembered by (its fields, as :func:`explain_remembered` unpacked
    them once): see the module's docstring. _TooLarge: not remembered."""
    if not _REMEMBERS:
        raise _TooLarge
    plain = path.__class__ is tuple and _NO_INDEX.issuperset(map(type, path))
    shape = path if plain else _shape(path)
    kind = instance.__class__
    names: Hashable
    if kind is str:
        names = instance  # as _frozen keys a scalar, without the call
    elif kind is int or kind is bool or instance is None:
        names = (kind, instance)
    elif kind is dict and (code, keyword) in NAMES_ONLY:
        if len(instance) > MAX_NAMES:
            raise _TooLarge
        listed = tuple(instance)
        if not _NO_INDEX.issuperset(map(type, listed)):  # as _frozen keys them, one by one
            listed = tuple([_frozen(k, [1]) for k in listed])
        names = (dict, listed)
    elif kind is dict and (code, keyword) == PROBLEM_TYPE_ONLY:
        given = "ProblemType" in instance
        names = (dict, given, _frozen(instance["ProblemType"], [MAX_NODES]) if given else None)
    else:
        names = _frozen(instance, [MAX_NODES])
    return (code, keyword, warn, id(facts), id(value), names, shape)


_NO_INDEX = frozenset({str})
"""A path, or an object's member names, made of plain strings only: its own key (tested in C,
by the types of its tokens; a ``str`` subclass is not plain)."""


def _shape(path: Path) -> Hashable:
    """The path without its array indices (the findings' paths take those from the failure)."""
    return tuple([None if token.__class__ is int else token for token in path])


def _frozen(value: Any, budget: list[int]) -> Hashable:
    """``value`` as a key that tells apart what prints apart; _TooLarge past the budget."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    kind = value.__class__
    if kind is str:
        text: str = value
        return text
    if kind is float:
        return (float, repr(value))
    if kind is int or kind is bool or value is None:
        return (kind, value)
    if kind is dict:
        return (dict, tuple((_frozen(k, budget), _frozen(v, budget)) for k, v in value.items()))
    if kind is list or kind is tuple:
        return (kind, tuple(_frozen(item, budget) for item in value))
    raise _TooLarge  # not plain JSON (an open object of code, a marker): not remembered


def _below(found: list[Located], path: Path) -> Words | None:
    """Each finding with its path cut to what it adds below ``path``; None if one is not
    below it."""
    size = len(path)
    words: Words = []
    for item in found:
        if item.path[:size] != path:
            return None
        words.append(
            (item.severity, item.code, item.path[size:], item.message, item.at_key, item.says_most)
        )
    return words
