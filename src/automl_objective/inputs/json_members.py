"""Whether a JSON text writes a member twice, told from the text's quotes and the data a
decoder that keeps the last writing of a name read from it (``json.loads``, each object built
in C): :func:`written_once`. For a long text only
(:data:`~automl_objective.inputs.json_syntax.COUNTED_FROM`): a short one is read by the
decoder that sees each object's members."""

from __future__ import annotations

from gc import get_referents
from itertools import compress, repeat
from operator import is_
from typing import Any


def written_once(text: str, data: Any) -> bool:
    """Whether no object of ``text``, a JSON text with no backslash read as ``data`` by a
    decoder that keeps the last writing of a name, has a member written twice.

    With no backslash, every ``"`` of the text begins or ends a string: the text holds two
    quotes for each name and each string value it writes. ``data`` holds each name and
    string value of the text but those of the members replaced by a later writing of their
    name (a name each at least). So the quotes are twice the names and string values of
    ``data`` exactly when no member was replaced. The quotes are counted by ``str.count``
    in place: counting them in the text's UTF-8 bytes by ``bytes.replace`` (``memchr``)
    takes fewer instructions (15 M against 27 M on the 5 MB file) but copies the text three
    times, and the 3,550 pages those copies touch first cost more time than the instructions
    save (paired, 30 rounds: 95 ms against 104 ms a run)."""
    return text.count('"') == 2 * names_and_strings(data)


def names_and_strings(data: Any) -> int:
    """How many member names and string values ``data`` (plain JSON data) holds, counted
    level by level in C: the objects and arrays of a level give the values of the next
    (``gc.get_referents``: an object's values, an array's items, nothing of a string or
    number, when :data:`COUNTS_VALUES`), as many as their names and items."""
    count = 0
    level = [data]
    while level:
        kinds = list(map(type, level))
        count += kinds.count(str)
        below = get_referents(*level)
        count += len(below)  # the names, and the arrays' items:
        if list in kinds:
            count -= sum(map(len, compress(level, map(is_, kinds, repeat(list)))))
        level = below
    return count


COUNTS_VALUES = sorted(map(str, get_referents({"a": "b"}, ["c", 1], "d", 2))) == ["1", "b", "c"]
"""Whether ``gc.get_referents`` gives what :func:`names_and_strings` counts: an object's
values alone (not its names, which cannot take part in a cycle), an array's items, nothing
of a string or number (so this interpreter does; else every text is read by the decoder that
sees each object's members)."""
