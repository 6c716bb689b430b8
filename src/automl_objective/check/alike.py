"""Items of one list that fail alike are explained once.

A long list often repeats one mistake in every item (10,000 input channels with the same
wrong ``ChannelType``). An explainer's failures depend on the value it explains, and on the
path only as a prefix of theirs, so an item that is the same JSON as one explained before
fails as that one did: its failures are the earlier item's, each path moved to its index.

"The same JSON" is decided by :func:`marshal.dumps`, in C: marshal reads its bytes back one
way, so equal bytes are equal values (format 4, the newest, writes an ASCII string as it is
held, with no UTF-8 copy: a fifth cheaper than format 2 on the 5 MB file's items; it also
writes an object met twice in one item as a reference, and marks an object referenced from
elsewhere, so one value may be written two ways: a miss at worst, never a wrong match). It
writes each value by its exact type (``1``,
``1.0`` and ``True``, equal to ``==``, are three values to a message), a float by its bits
(``-0.0`` is not ``0.0``), an object's members in their order (a message may list names in
it), and refuses anything derived from a built-in type (a part known only at run time, an
open object, a marked string): such an item is explained as it is. Only an item made of
plain JSON values alone (``dict``, ``list``, ``str``, ``int``, ``float``, ``bool``,
``None``) is remembered: marshal writes ``bytes`` and a ``bytearray`` alike, but its bytes
read back one way, so an item written as a plain one is made of the same types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain, islice, repeat, takewhile
from marshal import dumps
from operator import add, eq, truth

from automl_objective.check.failures import Failure, JsonPath

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for the type checker: a finding's process never imports typing
    from typing import Any

REMEMBERED = 64
"""The most failing items of one list remembered."""
MAX_BYTES = 1 << 20
"""The most bytes of remembered items one list keeps (a list of large items, each unlike
the others, stops being remembered there)."""

_NEW = tuple.__new__  # a Failure from its fields (as Failure._make does, without the call)
Remembered = list[tuple[JsonPath, Failure]]
"""An item's failures, each with the path below the item."""


def explain_items(
    items: list[Any],
    path: JsonPath,
    out: list[Failure],
    warn: bool,
    check: Callable[[Any], bool],
    explain: Callable[[Any, JsonPath, list[Failure], bool], None],
) -> None:
    """``explain`` each item of ``items`` that ``check`` fails, at ``(*path, index)``,
    appending to ``out``: an item that is the same JSON as one explained before gets that
    one's failures (see the module's docstring). Nothing is remembered until a second item
    fails (most lists have one mistake at most). Once an item was found like one before, the
    next is keyed before it is checked: one like the last needs no check (a long run of
    items failing alike); an item that passes costs its key for nothing, and the next is
    checked first again. The items like the last are taken together: keyed and compared in
    C (:func:`_like_last`), their failures made by ``map`` (:func:`_append_all`), with no
    step of Python per item."""
    first: tuple[Any, JsonPath, list[Failure]] | None = None
    seen: dict[bytes, Remembered] | None = None
    last: tuple[bytes | None, Remembered | None] = (None, None)  # the key last found, and its
    # failures: compared first, in C (memcmp), an item like the last costs no hash of its bytes
    room = MAX_BYTES
    keying = False  # the last item was found like one before (and room is left): the next
    # is keyed first, and one like the last is not checked (the same JSON fails alike)
    unkeyed: Any = _UNKEYED  # (a local: read for every item)
    numbered = enumerate(items)
    for index, item in numbered:
        key = unkeyed
        if keying:
            try:  # _key, in line: this runs for every item of a run
                key = dumps(item, 4)
            except ValueError:
                key = None
            if key == last[0]:
                _run_of_last(items, numbered, index, key, last[1], path, out)  # type: ignore[arg-type]
                continue
        if check(item):
            keying = False  # keyed for nothing, if keyed: not again until one is found
            continue
        at = (*path, index)
        if first is not None:
            if seen is None:
                seen = {}
                room -= _remember(seen, _key(first[0]), *first)
            if key is unkeyed:
                try:  # _key, in line: this runs for every failing item
                    key = dumps(item, 4) if room > 0 else None
                except ValueError:
                    key = None
            if key is not None and key == last[0]:
                known = last[1]
            else:
                known = seen.get(key) if key is not None else None
                if known is not None:
                    last = (key, known)
            keying = known is not None and room > 0
            if known is not None:
                _append(out, known, at)
                continue
        start = len(out)
        explain(item, at, out, warn)
        if first is None:
            first = (item, at, out[start:])
        elif seen is not None and len(seen) < REMEMBERED:
            room -= _remember(seen, key, item, at, out[start:])
    return


def _append(out: list[Failure], known: Remembered, at: JsonPath) -> None:
    """Append the failures ``known`` of an item like the one at ``at`` to ``out``."""
    for below, f in known:
        out.append(_NEW(Failure, (f[0], f[1], (*at, *below), *f[3:])))


def _run_of_last(
    items: list[Any],
    numbered: Iterator[tuple[int, Any]],
    start: int,
    key: bytes,
    known: Remembered,
    path: JsonPath,
    out: list[Failure],
) -> None:
    """Append the failures ``known`` of the item at ``start``, keyed ``key`` like the last
    one found, and of each item like it after it, and pass over those in ``numbered`` (the
    items, numbered, the one at ``start`` taken)."""
    like = _like_last(items, start, key)
    _append_all(out, known, path, start, like)
    if like > 1:  # the others passed over, in C
        next(islice(numbered, like - 2, None), None)


def _like_last(items: list[Any], start: int, key: bytes) -> int:
    """How many items from ``start`` on (the one at ``start`` is) are keyed ``key``: the
    first :data:`BLOCK` after it each keyed and compared in C, one at a time (only the
    answers are kept, a bool each); then, while they are alike, a block of as many at once,
    written by one :func:`marshal.dumps` and compared with those first ones written so
    (equal bytes read back as equal items, each the same JSON as the one at ``start``: a
    call's fixed cost, a fifth of keying an item of the 5 MB file, paid once a block); the
    first block that differs, or cannot be written, is keyed one at a time again. The first
    item that differs, or cannot be keyed, ends them."""
    first = min(start + 1 + BLOCK, len(items))
    like = 1 + _alike(items, start + 1, first, key)
    if like < first - start or first == len(items):
        return like
    try:
        written = dumps(items[start + 1 : first], 4)
        while first + BLOCK <= len(items) and dumps(items[first : first + BLOCK], 4) == written:
            first += BLOCK
    except ValueError:  # an item marshal cannot write: keyed one at a time, below
        pass
    return first - start + _alike(items, first, len(items), key)


BLOCK = 64
"""The items written at once by :func:`_like_last` once as many were found alike."""


def _alike(items: list[Any], start: int, stop: int, key: bytes) -> int:
    """How many items from ``start`` on (before ``stop``) are keyed ``key``, one at a time;
    none when one before the first that differs cannot be keyed (then each is keyed as it
    comes, one by one)."""
    try:
        alike = takewhile(
            truth, map(eq, repeat(key), map(dumps, islice(items, start, stop), repeat(4)))
        )
        return len(list(alike))
    except ValueError:
        return 0


def _append_all(
    out: list[Failure], known: Remembered, path: JsonPath, start: int, count: int
) -> None:
    """Append the failures ``known`` of ``count`` items like the one at ``(*path, start)``,
    the items from ``start`` on, to ``out``: as :func:`_append` of each in turn, the paths
    and failures made by ``map`` (in C; the paths joined by ``operator.add``, a fast call,
    where ``tuple.__add__``, a slot wrapper, packs its arguments for each). One failure an
    item: a run, known (:data:`_KNOWN`)."""
    global _KNOWN
    if count == 1:
        _append(out, known, (*path, start))
        return
    head = tuple(path)
    if len(known) == 1:  # a run, known as made
        runs = _KNOWN
        if runs is None or runs[0] is not out:
            runs = _KNOWN = (out, [])
        runs[1].append((len(out), len(out) + count, len(head)))  # (out's own, whatever
        # another thread has put in _KNOWN since)
    made = []
    for below, f in known:
        paths: Iterator[JsonPath] = map(add, repeat(head), zip(range(start, start + count)))
        if below:
            paths = map(add, paths, repeat(below))
        fields = zip(repeat(f[0]), repeat(f[1]), paths, *map(repeat, f[3:]))
        made.append(map(_NEW, repeat(Failure), fields))
    out += made[0] if len(made) == 1 else chain.from_iterable(zip(*made, strict=True))


_KNOWN: tuple[list[Failure], list[tuple[int, int, int]]] | None = None
"""The runs known as the failures of the last list that had one were made, and that list
(held: no other list can be taken for it): each ``(start, stop, depth)``, the failures
``start`` to ``stop`` of ``out``, those of items like the last, one an item, the same
objects but for the path, whose token ``depth`` is the item's index, one larger each time.
The wording takes them (:func:`runs_known`) rather than find them again field by field; a
list whose failures are worded without them has its runs found so, as before."""


def runs_known(failures: list[Failure]) -> list[tuple[int, int, int]]:
    """The runs known among ``failures`` as they were made (see :data:`_KNOWN`), given once:
    the list is not held past this."""
    global _KNOWN
    known = _KNOWN
    if known is None or known[0] is not failures:
        return []
    _KNOWN = None
    return known[1]


_UNKEYED: Any = object()
"""An item's key not made yet."""


def _remember(
    seen: dict[bytes, Remembered], key: bytes | None, item: Any, at: JsonPath, found: list[Failure]
) -> int:
    """Remember the failures ``found`` of ``item`` (at ``at``) under ``key``, each path cut to
    what it adds below ``at``, if the item is plain JSON; the bytes kept."""
    if key is None or not plain_json(item):
        return 0
    size = len(at)
    if any(f.path[:size] != at for f in found):
        return 0
    seen[key] = [(f.path[size:], f) for f in found]
    return len(key)


def _key(item: Any) -> bytes | None:
    """The item as bytes that tell it apart from every other JSON value (an equal value may
    be written otherwise: see the module's docstring), or None when it is not plain JSON (or
    nested deeper than marshal writes)."""
    try:
        return dumps(item, 4)
    except ValueError:
        return None


_PLAIN = frozenset({dict, list, str, int, float, bool, type(None)})


def plain_json(value: Any) -> bool:
    """Whether ``value`` is made of the exact types of JSON values alone (no recursion)."""
    stack = [value]
    while stack:
        node = stack.pop()
        kind = node.__class__
        if kind is dict:
            if not _PLAIN.issuperset(map(type, node)):  # the names, typed in C
                return False
            stack.extend(node.values())
        elif kind is list:
            stack.extend(node)
        elif kind not in _PLAIN:
            return False
    return True
