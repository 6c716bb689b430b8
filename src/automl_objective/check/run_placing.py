"""Placing a run of findings of one long list's items failing alike as one unit (imported
by a document of many findings only): where the document's locator can (a parsed JSON
document's: :meth:`~automl_objective.inputs.document.Document.run_placer`), two positions
are walked and the rest read off the text's period; each finding's pointer is made from one
pointer before the index and one after, the findings by ``map``. The findings between runs
are placed one by one as the checker places any (it hands its way in), in their order."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from itertools import pairwise, repeat

from automl_objective.base.finding import Finding, json_pointer
from automl_objective.check.findings import Located, Path
from automl_objective.check.item_runs import Run, item_runs, known_runs
from automl_objective.inputs.document import Document
from automl_objective.inputs.positions import Spot

OneByOne = Callable[
    [list[Located], list[Spot], dict[int, set[Path]], bool, int], tuple[list[Finding], bool, int]
]
"""How the checker places findings one by one (``placed_one_by_one``): the findings, at their
spots, with no YAML node shared, severity made an error if strict, and the room left for
pointers; what it gives back: the findings, whether one is not placed, the room left."""
_REQUEST = operator.itemgetter(2, 4)  # a Located's (path, at_key): what a spot is asked for

_RUN_ATTEMPTS = 16
"""The most runs a document places at once (each walks the text up to its second item): a
document of many short runs, or of runs broken again and again, places the rest one by one."""
_SHORT_ATTEMPTS = 2
"""The most attempts in a row that place fewer than the shortest run, before the rest of a
run is placed one by one: items that each hold a value of their own (numbered URIs) break
the period at every item, and each attempt costs a walk (from the last item placed in the
list, else from the text's start: :func:`~automl_objective.inputs.runs.run_positions`) and
the checks of a run, for two findings placed."""


def placed_in_runs(
    document: Document,
    located: list[Located],
    strict: bool,
    shortest: int,
    one_by_one: OneByOne,
    room: int,
    worded: Sequence[tuple[list[Located], int]] = (),
) -> tuple[list[Finding], bool, bool] | None:
    """The findings of ``located`` as the checker places them, runs of at least ``shortest``
    as units, the others by ``one_by_one`` with ``room`` for pointers; whether one is not
    placed; and whether they are sorted already, as the checker sorts them (by place and
    code: :func:`_in_order`), else in their order. None when there is no run to place so
    (another locator, or no run found). ``worded``: the runs the wording made, each the
    findings of the run and the token of their paths that counts up; those found whole in
    ``located`` are its runs, else they are sought (:func:`_found_again`)."""
    runs = _runs(document, located, shortest, worded)
    if runs is None:
        return None
    spots, placed = runs
    chunks: list[list[Finding]] = []  # each run's findings, and each other finding alone
    unplaced = False
    done = 0
    for start, stop, depth in [*placed, (len(located), len(located), 0)]:
        if done < start:  # a parsed JSON document's: no node shared, so no others
            made, missing, room = one_by_one(
                located[done:start], spots[done:start], {}, strict, room
            )
            chunks += [[finding] for finding in made]
            unplaced |= missing
        if start < stop:
            chunks.append(_run_findings(located[start:stop], spots[start:stop], depth, strict))
        done = stop
    if not unplaced and (ordered := _in_order(chunks)) is not None:
        return ordered, False, True
    return [finding for chunk in chunks for finding in chunk], unplaced, False


def _in_order(chunks: list[list[Finding]]) -> list[Finding] | None:
    """The findings of ``chunks`` (each sorted by place and code: a run's are in the text's
    order, each at a place of its own), sorted as a whole when no two chunks' places
    overlap or meet: the chunks in order of their first findings, then joined. A stable
    sort of them all gives the same list, as each place then holds the findings of one
    chunk, in their order. None when two overlap (the caller sorts them all)."""
    bounds = sorted(
        (_BY_PLACE(chunk[0]), _BY_PLACE(chunk[-1]), at) for at, chunk in enumerate(chunks)
    )
    if any(before[1] >= after[0] for before, after in pairwise(bounds)):
        return None
    ordered: list[Finding] = []
    for _, _, at in bounds:
        ordered += chunks[at]
    return ordered


def _run_findings(
    located: list[Located], spots: list[Spot], depth: int, strict: bool
) -> list[Finding]:
    """The findings of a run placed at once: their pointers made from the run's first path
    (one pointer before the index, one after, the index written between by ``%d``: one
    call a pointer, not a ``str`` and two joins), each finding's fields its own."""
    first = located[0][2]
    start: int = first[depth]  # type: ignore[assignment]  # a run's index: an int
    before, after = json_pointer(first[:depth]) + "/", json_pointer(first[depth + 1 :])
    pattern = before.replace("%", "%%") + "%d" + after.replace("%", "%%")
    pointers = map(operator.mod, repeat(pattern), range(start, start + len(located)))
    severities = repeat("error", len(located)) if strict else map(_SEVERITY, located)
    positions = list(map(_POSITION, spots))  # each placed (a run's spots are)
    lines, columns = map(_FIRST, positions), map(_SECOND, positions)
    codes, messages = map(_CODE, located), map(_MESSAGE, located)
    return list(map(Finding, severities, codes, pointers, lines, columns, messages))


_SEVERITY, _CODE, _MESSAGE = (operator.itemgetter(at) for at in (0, 1, 3))  # a Located's
_BY_PLACE = operator.attrgetter("line", "column", "code")  # as the checker sorts findings
_POSITION = _FIRST = operator.itemgetter(0)  # a Spot's position; a position's line
_SECOND = operator.itemgetter(1)  # a position's column


def _found_again(
    located: list[Located], worded: Sequence[tuple[list[Located], int]], shortest: int
) -> list[Run]:
    """The runs of ``worded`` (each a run's findings, its index token) found whole in
    ``located``, in order: each where its first finding is, its findings there equal one for
    one (compared in C: the same objects, as the findings dropped or added after the wording
    leave them), so alike but for the index, one larger each time, as they were made."""
    runs: list[Run] = []
    done = 0
    for findings, depth in worded:
        count = len(findings)
        if count < shortest:
            continue
        try:
            start = located.index(findings[0], done)
        except ValueError:
            continue
        if located[start : start + count] == findings:
            runs.append((start, start + count, depth))
            done = start + count
    return runs


def _runs(
    document: Document,
    located: list[Located],
    shortest: int,
    worded: Sequence[tuple[list[Located], int]] = (),
) -> tuple[list[Spot], list[Run]] | None:
    """Where each finding is, and the runs placed at once: a run of findings of one long
    list's items failing alike (:mod:`~automl_objective.check.item_runs`) is, where the
    document's locator can (a parsed JSON document's: by the text's period); the others are
    placed in one pass. None: no run (or no such locator)."""
    run = document.run_placer()
    if run is None:
        return None
    found = _found_again(located, worded, shortest)
    runs = known_runs(located, found, shortest) if found else item_runs(located, shortest)
    if not runs:
        return None
    spots: list[Spot | None] = [None] * len(located)
    placed_runs: list[Run] = []
    rest: list[int] = []  # the findings not placed in a run
    done = 0  # the findings before it are placed or in ``rest``
    attempts = _RUN_ATTEMPTS
    for start, stop, depth in runs:
        rest += range(done, start)
        at_key = located[start].at_key
        short = 0  # attempts in a row that placed fewer than ``shortest``
        while stop - start >= shortest and attempts and short < _SHORT_ATTEMPTS:
            attempts -= 1
            placed = run(located[start].path, depth, stop - start, at_key)
            if not placed:
                break
            spots[start : start + len(placed)] = placed
            placed_runs.append((start, start + len(placed), depth))
            start += len(placed)
            short = short + 1 if len(placed) < shortest else 0
        rest += range(start, stop)
        done = stop
    rest += range(done, len(located))
    if rest:
        requests = [_REQUEST(located[at]) for at in rest]
        for at, spot in zip(rest, document.spots(requests), strict=True):
            spots[at] = spot
    return spots, placed_runs  # type: ignore[return-value]  # every spot filled
