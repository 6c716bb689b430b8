"""Placing a run of findings of one long list's items failing alike as one unit (imported
by a document of many findings only): where the document's locator can (a parsed JSON
document's, :func:`automl_objective.inputs.runs.run_placer`), two positions are walked and
the rest read off the text's period; each finding's pointer is made from one pointer before
the index and one after, the findings by ``map``. What :func:`~automl_objective.check.
checker._place_all` does for the others, one by one, is done here for the findings between
runs, in their order."""

from __future__ import annotations

import operator
from itertools import repeat

from automl_objective.base.finding import Finding, json_pointer
from automl_objective.check.checker import (
    _POINTERS_A_DOCUMENT,
    _REQUEST,
    _SHORTEST_RUN,
    placed_one_by_one,
    sorted_by_place,
)
from automl_objective.check.findings import Located
from automl_objective.check.item_runs import Run, item_runs
from automl_objective.inputs.document import Document
from automl_objective.inputs.positions import Spot
from automl_objective.inputs.runs import run_placer

_RUN_ATTEMPTS = 16
"""The most runs a document places at once (each walks the text up to its second item): a
document of many short runs, or of runs broken again and again, places the rest one by one."""


def placed_in_runs(
    document: Document, located: list[Located], strict: bool
) -> list[Finding] | None:
    """The findings of ``located``, placed and sorted as :func:`~automl_objective.check.
    checker._place_all` places them, its runs as units; None when there is no run to place
    so (another locator, or none found)."""
    runs = _runs(document, located)
    if runs is None:
        return None
    spots, placed = runs
    findings: list[Finding] = []
    unplaced, room = False, _POINTERS_A_DOCUMENT
    done = 0
    for start, stop, depth in [*placed, (len(located), len(located), 0)]:
        if done < start:  # a parsed JSON document's: no node shared, so no others
            made, missing, room = placed_one_by_one(
                located[done:start], spots[done:start], {}, strict, room
            )
            findings += made
            unplaced |= missing
        if start < stop:
            findings += _run_findings(located[start:stop], spots[start:stop], depth, strict)
        done = stop
    return sorted_by_place(findings, unplaced)


def _run_findings(
    located: list[Located], spots: list[Spot], depth: int, strict: bool
) -> list[Finding]:
    """The findings of a run placed at once: their pointers made from the run's first path
    (one pointer before the index, one after), each finding's fields its own."""
    first = located[0][2]
    start: int = first[depth]  # type: ignore[assignment]  # a run's index: an int
    before, after = json_pointer(first[:depth]) + "/", json_pointer(first[depth + 1 :])
    pointers = map(before.__add__, map(str, range(start, start + len(located))))
    if after:
        pointers = map(str.__add__, pointers, repeat(after))
    severities = repeat("error", len(located)) if strict else map(_SEVERITY, located)
    positions = list(map(_POSITION, spots))  # each placed (a run's spots are)
    lines, columns = map(_FIRST, positions), map(_SECOND, positions)
    codes, messages = map(_CODE, located), map(_MESSAGE, located)
    return list(map(Finding, severities, codes, pointers, lines, columns, messages))


_SEVERITY, _CODE, _MESSAGE = (operator.itemgetter(at) for at in (0, 1, 3))  # a Located's
_POSITION = _FIRST = operator.itemgetter(0)  # a Spot's position; a position's line
_SECOND = operator.itemgetter(1)  # a position's column


def _runs(document: Document, located: list[Located]) -> tuple[list[Spot], list[Run]] | None:
    """Where each finding is, and the runs placed at once: a run of findings of one long
    list's items failing alike (:mod:`~automl_objective.check.item_runs`) is, where the
    document's locator can (a parsed JSON document's: by the text's period); the others are
    placed in one pass. None: no run (or no such locator)."""
    run = run_placer(document.locator)
    if run is None:
        return None
    runs = item_runs(located, _SHORTEST_RUN)
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
        while stop - start >= _SHORTEST_RUN and attempts:
            attempts -= 1
            placed = run(located[start].path, depth, stop - start, at_key)
            if not placed:
                break
            spots[start : start + len(placed)] = placed
            placed_runs.append((start, start + len(placed), depth))
            start += len(placed)
        rest += range(start, stop)
        done = stop
    rest += range(done, len(located))
    if rest:
        requests = [_REQUEST(located[at]) for at in rest]
        for at, spot in zip(rest, document.spots(requests), strict=True):
            spots[at] = spot
    return spots, placed_runs  # type: ignore[return-value]  # every spot filled
