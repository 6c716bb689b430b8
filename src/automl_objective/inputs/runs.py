"""Where the same member of many consecutive list items sits, when the items are written
alike: two positions found, the rest read off the text's period.

A long list that repeats one mistake in every item (the 5 MB file's 10,000 input channels) is
usually written by a program, each item spelt as the one before. Say the member asked for
starts at offset ``o0`` in the first item and ``o1`` in the second: if the text from ``o0``
on repeats its first ``o1 - o0`` characters (a *chunk*) ``k`` times, the member of item ``k``
starts at ``o0 + k * (o1 - o0)``. Reading a chunk takes a JSON reader from the member of one
item to the same member of the next (the same nesting above the list, the same names on the
way, outside any string: the member's offset is where a name or a value begins), and reading
the same characters again from there does the same, one item further, whatever the names,
escapes and string values inside the chunk, up to the white space before the member's
value, or before its name when the name is asked for. What follows is the *lead*: the name
(when asked for), the colon and white space, then the value's first character (so no more
white space). Each chunk begins with it; the last item's offset, which no chunk follows, is
checked for it. So the two offsets are found as any are (a walk
of the text that stops once it has them), the period is checked in C (the text compared
with the chunk repeated, a block at a time: no copy of the text), and each item's line and
column follow: a chunk holds the same line breaks every time (none straddles two chunks, as
an item's member never starts with a line break), so each item is that many lines below the
one before, at the second's column; with none, at the first's line, a chunk further along.

Where the period breaks (an item spelt otherwise: other white space, another order of its
members, a longer value), the items before the break are placed and the caller asks again
from there. A path that does not reach its member in the first or the last item of the run
(a position would fall back to an ancestor) is not placed this way at all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

from automl_objective.inputs.positions import (
    Position,
    Spot,
    _resolve,
    json_offsets,
    line_columns,
    parsed_json_spots,
)

BLOCK = 1 << 16
"""The most characters compared in one call while checking the period (the chunk repeated to
about this length: a bounded copy, whatever the text's size)."""


Placed = dict[tuple[str | int, ...], tuple[int, int]]
"""Of each list a run was placed in (its path), the last item placed and where it starts."""


def run_positions(
    text: str,
    data: Any,
    first: Sequence[str | int],
    depth: int,
    count: int,
    at_key: bool,
    placed_before: Placed | None = None,
) -> list[Position]:
    """The positions of ``count`` paths in JSON ``text`` that parsed into ``data`` (no member
    name twice in one object): ``first``, then ``first`` with its array index (token
    ``depth``) one larger each time; its member name's with ``at_key``. As many as the text's
    period places, from the first on: none when the paths cannot be placed so (see the
    module's docstring), else at least two. ``placed_before``: where runs placed before
    ended, each list's last item placed (updated here): a run further along the list is
    sought from that item on, not from the text's start (the runs of a list broken again and
    again would each walk the text up to their own, again and again)."""
    start = first[depth]
    if count < 2 or start.__class__ is not int:
        return []
    prefix, suffix = tuple(first[:depth]), tuple(first[depth + 1 :])
    second = (*prefix, start + 1, *suffix)
    last = (*prefix, start + count - 1, *suffix)
    size = len(first)
    if _resolve(data, first)[2] != size or _resolve(data, last)[2] != size:
        return []
    known = None if placed_before is None else placed_before.get(prefix)
    within = None if known is None or known[0] >= start else (prefix, *known)
    try:
        found = json_offsets(text, [first, second], unique=True, within=within)
    except (ValueError, IndexError):
        return []
    side = 0 if at_key else 1
    o0 = found.get(tuple(map(str, first)))
    o1 = found.get(tuple(map(str, second)))
    if o0 is None or o1 is None or o1[side] <= o0[side]:
        return []
    here, period = o0[side], o1[side] - o0[side]
    chunk = text[here : here + period]
    placed = 2 + _periods(text, here + period, chunk, count - 2)
    lead = text[here : o0[1] + 1]  # the member's name, if asked for, to its value's start
    if placed > 2 and not text.startswith(lead, here + (placed - 1) * period):
        placed -= 1  # the chunks before the last one repeat, but it is not there
    item = found.get(tuple(map(str, second[: depth + 1])))
    if placed_before is not None and item is not None:
        # the second item starts within the first chunk, each next one a chunk further
        placed_before[prefix] = (start + placed - 1, item[0] + (placed - 2) * period)
    (line0, column0), (line1, column1) = line_columns(text, [here, here + period])
    if line1 == line0:  # (zip, range and repeat: each position made in C)
        return list(zip(repeat(line0), range(column0, column0 + placed * period, period)))
    lines = line1 - line0
    positions = [(line0, column0)]
    positions += zip(range(line1, line1 + (placed - 1) * lines, lines), repeat(column1))
    return positions


def _periods(text: str, at: int, chunk: str, most: int) -> int:
    """How many times (up to ``most``) ``chunk`` repeats in ``text`` from ``at`` on."""
    period = len(chunk)
    times = max(1, BLOCK // period)
    block = chunk * times
    done = 0
    while most - done >= times and text.startswith(block, at):
        at += period * times
        done += times
    while done < most and text.startswith(chunk, at):
        at += period
        done += 1
    return done


def run_placer(
    locator: object,
) -> Callable[[Sequence[str | int], int, int, bool], list[Spot]] | None:
    """How to place a run of list items at once (``first`` path, the ``depth`` of its index,
    ``count``, ``at_key``: :func:`run_positions`, as spots) in the document whose locator is
    ``locator``: a parsed JSON document's; None for another's."""
    if isinstance(locator, functools.partial) and locator.func is parsed_json_spots:
        placed_before: Placed = {}  # the document's runs, placed in the text's order
        return functools.partial(_run_spots, locator.args[0], locator.args[1], placed_before)
    return None


def _run_spots(
    text: str,
    data: Any,
    placed_before: Placed,
    first: Sequence[str | int],
    depth: int,
    count: int,
    at_key: bool,
) -> list[Spot]:
    positions = run_positions(text, data, first, depth, count, at_key, placed_before)
    return list(zip(positions, repeat(None)))
