"""Refuse, before validating it, data from the caller's code that no JSON document could hold.

A JSON or YAML file can never contain a cycle, a number beyond a double or nesting beyond
what its parser reads; a dict built in Python can, and would otherwise fail deep inside
``json.dumps`` or the checks with an error that says nothing about where.
"""

from __future__ import annotations

import math
import sys
from typing import Any

MAX_DEPTH = 500
"""Far deeper than any SageMaker request (about 10 levels), well inside what the checks walk."""


def _pointer(path: list[str]) -> str:
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in path)


def _number_problem(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and abs(value) > sys.float_info.max:
        digits = int(value.bit_length() * math.log10(2))
        return f"an integer of about {digits:,} digits, too large for a JSON number"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value!r} is not a JSON number"
    return None


def check_plain_data(data: Any) -> None:
    """Raise :class:`ValueError` (or :class:`TypeError` for an unusable key) naming the place.

    Iterative, so nesting deeper than Python's recursion limit is reported, not crashed on.
    """
    stack: list[tuple[Any, list[str], frozenset[int]]] = [(data, [], frozenset())]
    while stack:
        value, path, parents = stack.pop()
        problem = _number_problem(value)
        if problem is not None:
            raise ValueError(f"data at {_pointer(path)}: {problem}")
        if not isinstance(value, (dict, list, tuple)):
            continue
        if id(value) in parents:
            raise ValueError(f"data at {_pointer(path)}: contains itself (a reference cycle)")
        if len(path) >= MAX_DEPTH:
            where = _pointer(path[:3])
            raise ValueError(f"data at {where}/...: nested over {MAX_DEPTH} levels deep")
        inside = parents | {id(value)}
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):  # json.dumps would turn 1 into "1", hiding
                    raise TypeError(  # a duplicate of a "1" beside it; botocore refuses it
                        f"data at {_pointer(path)}: a key of type {type(key).__name__} "
                        f"({key!r:.40}); member names are strings"
                    )
                stack.append((item, [*path, str(key)], inside))
        else:
            stack.extend((item, [*path, str(i)], inside) for i, item in enumerate(value))
