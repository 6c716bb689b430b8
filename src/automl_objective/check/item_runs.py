"""Runs of findings that differ only by one list index, counting up: the items of one long
list failing alike (:mod:`automl_objective.check.alike` explains such an item once), placed
as one unit (:func:`automl_objective.inputs.runs.run_positions`).

A run is found from two neighbours (the one token of their paths that differs, an integer
one larger in the second), then followed in blocks of doubling size, each tested field by
field and token by token over the whole block by ``map`` and ``list.count`` (in C, not a
step of Python per finding: the 5 MB file's 10,000 findings cost 54 M instructions tested
one by one)."""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from automl_objective.check.findings import Located

Run = tuple[int, int, int]
"""A run: its first finding's index, the index past its last, and which token of their
paths is the list index that counts up."""

_FIRST_BLOCK = 32
_PATH = itemgetter(2)
_AT_KEY = itemgetter(4)


def item_runs(located: list[Located], shortest: int) -> list[Run]:
    """The runs of at least ``shortest`` findings in ``located``: consecutive findings that
    ask for the same place (a member's name or its value) of paths that are one path but for
    one integer token, one larger in each finding than in the one before. What a finding
    says does not matter here: a run is a unit of placing."""
    runs: list[Run] = []
    start, size = 0, len(located)
    while size - start >= shortest:
        depth = _counted(located[start + 1], located[start])
        if depth < 0:
            start += 1
            continue
        stop = _run_end(located, start, depth)
        if stop - start >= shortest:
            runs.append((start, stop, depth))
            start = stop
        else:
            start = stop - 1  # its last finding may start another run
    return runs


def _counted(item: Located, before: Located) -> int:
    """The token of ``item``'s path that is ``before``'s integer token plus one, all else
    alike (and both asking for a member's name, or both for its value); -1 if none."""
    if item[4] != before[4]:
        return -1
    path, earlier = item[2], before[2]
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


def _run_end(located: list[Located], start: int, depth: int) -> int:
    """The index past the last finding of the run that starts at ``start`` (its list index
    at token ``depth`` of the path)."""
    first = located[start]
    stop, block = start, _FIRST_BLOCK
    while stop < len(located):
        part = located[stop : stop + block]
        if not _all_fit(part, first, depth, stop - start):
            return stop + _fitting(part, first, depth, stop - start)
        stop += len(part)
        block *= 2
    return stop


def _all_fit(part: list[Located], first: Located, depth: int, offset: int) -> bool:
    """Whether every finding of ``part`` is of the run of ``first`` (its list index at token
    ``depth`` of the path), the first of them ``offset`` findings after ``first``: tested
    field by field, token by token, over the whole part, each by ``map`` and ``list.count``
    (in C; ``__eq__`` by ``map`` costs a call from C to C for each finding)."""
    size = len(part)
    if list(map(_AT_KEY, part)).count(first[4]) != size:
        return False
    path = first[2]
    paths = list(map(_PATH, part))
    if list(map(len, paths)).count(len(path)) != size:
        return False
    for at, token in enumerate(path):
        if at != depth and list(map(itemgetter(at), paths)).count(token) != size:
            return False
    indices = list(map(itemgetter(depth), paths))
    start: int = path[depth] + offset  # type: ignore[operator]  # an int: _counted said so
    return list(map(type, indices)).count(int) == size and indices == list(
        range(start, start + size)
    )


def _fitting(part: list[Located], first: Located, depth: int, offset: int) -> int:
    """How many findings of ``part``, from its first, are of the run (see :func:`_all_fit`),
    tested one by one (once a run, where it ends)."""
    path, at_key = first[2], first[4]
    before, after = path[:depth], path[depth + 1 :]
    following = path[depth] + offset  # type: ignore[operator]  # an int: _counted said so
    for fit, item in enumerate(part):
        p = item[2]
        if (
            item[4] != at_key
            or len(p) != len(path)
            or p[depth].__class__ is not int
            or p[depth] != following + fit
            or p[:depth] != before
            or p[depth + 1 :] != after
        ):
            return fit
    return len(part)
