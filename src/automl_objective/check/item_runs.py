"""Runs of findings (or failures) that differ only by one list index, counting up: the items
of one long list failing alike (:mod:`automl_objective.check.alike` explains such an item
once), worded as one (:mod:`automl_objective.check.wording`) and placed as one unit
(:func:`automl_objective.inputs.runs.run_positions`).

A run is found from two neighbours (the one token of their paths that differs, an integer
one larger in the second), then followed in blocks of doubling size, each tested field by
field and token by token over the whole block by ``map`` and ``list.count`` (in C, not a
step of Python per finding: the 5 MB file's 10,000 findings cost 54 M instructions tested
one by one). Runs known as the rows were made (a list's items found alike by the explaining,
a run worded as one) are taken as they are, begun where their rows follow
(:func:`known_runs`): nothing searches the rows for them."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from operator import is_, itemgetter
from typing import Any

Run = tuple[int, int, int]
"""A run: its first finding's index, the index past its last, and which token of their
paths is the list index that counts up."""
Fields = tuple[tuple[int, ...], tuple[int, ...]]
"""What else a run's rows share: the fields equal in all (``==``), and the fields that are
one object in all (``is``). Every row's path is its field 2 (a Located's, a Failure's)."""

PLACING: Fields = ((4,), ())
"""Findings (:class:`~automl_objective.check.findings.Located`) placed as one unit: those
asking for the same place (a member's name or its value); what they say does not matter."""
WORDING: Fields = ((0, 1, 3), (4, 5, 6))
"""Failures (:class:`~automl_objective.check.failures.Failure`) worded as one: the same
code, severity and keyword, and the very same instance, keyword value and schema facts (what
:mod:`~automl_objective.check.wording` remembers a failure by, but for the indices along its
path)."""

_FIRST_BLOCK = 32
_PATH = itemgetter(2)


def item_runs(rows: Sequence[Any], shortest: int, fields: Fields = PLACING) -> list[Run]:
    """The runs of at least ``shortest`` rows (findings or failures): consecutive rows alike
    in ``fields``, whose paths are one path but for one integer token, one larger in each
    row than in the one before."""
    runs: list[Run] = []
    start, size = 0, len(rows)
    while size - start >= shortest:
        depth = _counted(rows[start + 1], rows[start], fields)
        if depth < 0:
            start += 1
            continue
        stop = _run_end(rows, start, depth, fields)
        if stop - start >= shortest:
            runs.append((start, stop, depth))
            start = stop
        else:
            start = stop - 1  # its last row may start another run
    return runs


def known_runs(
    rows: Sequence[Any], known: Sequence[Run], shortest: int, fields: Fields = PLACING
) -> list[Run]:
    """The runs ``known`` (each a run as :func:`item_runs` finds, known as the rows were
    made, in order) of at least ``shortest`` rows, each begun at the first row before it
    that its rows follow (the rows of the items made before the run was known: a list's
    first items), tested as :func:`item_runs` tests two neighbours."""
    runs: list[Run] = []
    done = 0
    for start, stop, depth in known:
        while start > done and _counted(rows[start], rows[start - 1], fields) == depth:
            start -= 1
        if stop - start >= shortest:
            runs.append((start, stop, depth))
            done = stop
    return runs


def _counted(row: Any, before: Any, fields: Fields) -> int:
    """The token of ``row``'s path that is ``before``'s integer token plus one, all else
    alike (``fields`` too); -1 if none."""
    same, identical = fields
    if any(row[at] != before[at] for at in same) or any(
        row[at] is not before[at] for at in identical
    ):
        return -1
    path, earlier = row[2], before[2]
    if len(path) != len(earlier):
        return -1
    differ = [at for at, (a, b) in enumerate(zip(path, earlier, strict=True)) if a != b]
    if len(differ) != 1:
        return -1
    at = differ[0]
    token, was = path[at], earlier[at]
    if token.__class__ is not int or was.__class__ is not int or token != was + 1:
        return -1
    return at


def _run_end(rows: Sequence[Any], start: int, depth: int, fields: Fields) -> int:
    """The index past the last row of the run that starts at ``start`` (its list index at
    token ``depth`` of the path)."""
    first = rows[start]
    stop, block = start, _FIRST_BLOCK
    while stop < len(rows):
        part = rows[stop : stop + block]
        if not _all_fit(part, first, depth, stop - start, fields):
            return stop + _fitting(part, first, depth, stop - start, fields)
        stop += len(part)
        block *= 2
    return stop


def _all_fit(part: Sequence[Any], first: Any, depth: int, offset: int, fields: Fields) -> bool:
    """Whether every row of ``part`` is of the run of ``first`` (its list index at token
    ``depth`` of the path), the first of them ``offset`` rows after ``first``: tested field
    by field, token by token, over the whole part, each by ``map`` and ``list.count`` (in C;
    ``__eq__`` by ``map`` costs a call from C to C for each row)."""
    size = len(part)
    same, identical = fields
    for field in same:
        if list(map(itemgetter(field), part)).count(first[field]) != size:
            return False
    for field in identical:
        if False in map(is_, map(itemgetter(field), part), repeat(first[field])):
            return False
    path = first[2]
    paths = list(map(_PATH, part))
    if list(map(len, paths)).count(len(path)) != size:
        return False
    for at, token in enumerate(path):
        if at != depth and list(map(itemgetter(at), paths)).count(token) != size:
            return False
    indices = list(map(itemgetter(depth), paths))
    start = path[depth] + offset
    return list(map(type, indices)).count(int) == size and indices == list(
        range(start, start + size)
    )


def _fitting(part: Sequence[Any], first: Any, depth: int, offset: int, fields: Fields) -> int:
    """How many rows of ``part``, from its first, are of the run (see :func:`_all_fit`): by
    halving (each half tested in C as a whole), once a run, where it ends."""
    fit, most = 0, len(part)  # part[:fit] is of the run, part[:most + 1] is not
    while fit < most:
        middle = (fit + most + 1) // 2
        if _all_fit(part[fit:middle], first, depth, offset + fit, fields):
            fit = middle
        else:
            most = middle - 1
    return fit
